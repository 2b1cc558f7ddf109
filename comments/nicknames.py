"""Nicknames an anonymous reader may not take.

A reader named 管理员, 本站编辑 or Admin reads to others as the site speaking;
a right-to-left override (U+202E) makes a name display as something else.
Names are compared folded (see comments.folding: width, case, spaces,
symbols, invisible characters, traditional characters), so ＡＤＭＩＮ, 管 理 员
and 編輯 are caught too. Logged-in readers comment under their username,
which these rules do not touch.
"""

import re
import unicodedata

from django.conf import settings

from comments.folding import BIDI_CONTROLS, Folded, fold, is_ignorable

STAFF_TITLES_CHINESE = ["编辑", "管理员", "本站", "站长", "小编", "审核员", "版主", "记者", "官方", "客服"]
# Refused at the start of a run of letters (admin123, Editor_Li, "Mr Admin"),
# not inside a longer word (badminton, creditor).
STAFF_TITLES_LATIN = ["admin", "editor", "moderator", "webmaster", "sysop"]
# Invisible characters that emoji need (zero-width joiner, variation selectors).
_EMOJI_JOINERS = frozenset("\u200d") | {chr(c) for c in range(0xFE00, 0xFE10)}
_LETTER_RUN = re.compile(r"[a-z]+")

IMPERSONATION_MESSAGE = "昵称不能使用“管理员”“编辑”“本站”等工作人员的称呼或本站名称，请换一个。"
HIDDEN_CHARACTERS_MESSAGE = "昵称不能包含文字方向控制符等看不见的字符，请换一个。"


def has_hidden_characters(nickname):
    """Bidi controls and other invisible characters (emoji joiners aside).

    C0 controls such as a pasted U+000B are not refused here: they cannot
    reorder text, and removing them from stored text is a separate rule.
    """
    return any(ch in BIDI_CONTROLS or (is_ignorable(ch) and ch not in _EMOJI_JOINERS) for ch in nickname)


def impersonates_staff(nickname):
    folded = Folded(nickname)
    site_name = fold(settings.SITE_NAME)
    if site_name and site_name in folded.text:
        return True
    if any(title in folded.text or title in folded.han for title in STAFF_TITLES_CHINESE):
        return True
    # Letter runs both folded (a.d.m.i.n -> admin) and as typed (Mr Admin -> mr, admin).
    runs = _LETTER_RUN.findall(folded.text) + _LETTER_RUN.findall(unicodedata.normalize("NFKC", nickname).casefold())
    return any(run.startswith(title) for run in runs for title in STAFF_TITLES_LATIN)
