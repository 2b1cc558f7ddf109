from datetime import timedelta

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from comments import nicknames, readers, sensitive, wordlists
from comments.folding import fold
from comments.ip_places import place_of
from comments.models import Comment, CommenterBan, CommentReport, SensitiveWord

SUBMITTED_MESSAGE = "评论已提交，审核通过后显示"
PUBLISHED_MESSAGE = "评论已发表"
BLOCKED_WORDS_MESSAGE = "内容含有不允许发表的词语，请修改后再提交。"
BANNED_MESSAGE = "您已被禁止在本站发表评论。如有疑问，请联系本站编辑部。"


class CommentForm(forms.Form):
    """A reader's comment on one article, checked against every posting rule.

    ``honeypot`` is hidden from people; a bot that fills it is answered as if
    the comment went through (see the view), so it learns nothing to adapt to.
    """

    nickname = forms.CharField(label="昵称", max_length=30, required=False)
    body = forms.CharField(label="评论", widget=forms.Textarea, error_messages={"required": "请填写评论内容。"})
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(required=False, label="请勿填写此项")

    def __init__(self, *args, article, user, ip_address, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.user = user if user is not None and user.is_authenticated else None
        self.ip_address = ip_address
        self.verdict = None

    @property
    def is_bot(self):
        return bool(self.data.get("website"))

    def clean_nickname(self):
        if self.user is not None:
            return readers.display_name(self.user)[:30]
        nickname = self.cleaned_data["nickname"].strip()
        if not nickname:
            raise forms.ValidationError("请填写昵称。")
        if nicknames.has_hidden_characters(nickname):
            raise forms.ValidationError(nicknames.HIDDEN_CHARACTERS_MESSAGE)
        if nicknames.impersonates_staff(nickname):
            raise forms.ValidationError(nicknames.IMPERSONATION_MESSAGE)
        if sensitive.check(nickname).matches:
            raise forms.ValidationError("昵称含有不允许使用的词语，请换一个。")
        return nickname

    def clean_body(self):
        body = self.cleaned_data["body"]
        low, high = settings.COMMENT_MIN_LENGTH, settings.COMMENT_MAX_LENGTH
        if len(body) < low:
            raise forms.ValidationError(f"评论至少需要 {low} 个字。")
        if len(body) > high:
            raise forms.ValidationError(f"评论不能超过 {high} 个字（现在 {len(body)} 个字）。")
        self.verdict = sensitive.check(body)
        if self.verdict.rejected:
            raise forms.ValidationError(BLOCKED_WORDS_MESSAGE)
        return body

    def clean_parent(self):
        parent_id = self.cleaned_data["parent"]
        if parent_id is None:
            return None
        parent = Comment.objects.filter(
            pk=parent_id, article=self.article, parent__isnull=True, status=Comment.Status.APPROVED
        ).first()
        if parent is None:
            raise forms.ValidationError("只能回复本文已通过审核的评论。")
        return parent

    def clean(self):
        cleaned = super().clean()
        if settings.COMMENT_REQUIRE_VERIFIED and not readers.has_verified_phone(self.user):
            raise forms.ValidationError(readers.VERIFICATION_REQUIRED_MESSAGE)
        if CommenterBan.objects.covering(user=self.user, ip_address=self.ip_address).exists():
            raise forms.ValidationError(BANNED_MESSAGE)
        if "body" in cleaned and "nickname" in cleaned and self._is_duplicate(cleaned):
            raise forms.ValidationError("您已经发表过相同的评论，请勿重复提交。")
        return cleaned

    def _is_duplicate(self, cleaned):
        """Has this author said the same on this article within minutes?

        Compared folded (see comments.folding), so a "。", spaces or full-width
        letters added do not make a comment new; a body with nothing but
        punctuation or emoji is compared as written.
        """
        since = timezone.now() - timedelta(minutes=settings.COMMENT_DUPLICATE_MINUTES)
        same_author = Q(nickname=cleaned["nickname"])
        if self.ip_address:
            same_author |= Q(ip_address=self.ip_address)
        body = self.verdict.cleaned_text()
        key = fold(body)
        recent = Comment.objects.filter(same_author, article=self.article, created_at__gte=since)
        # The rate limit keeps this to a few rows; the cap is a guard.
        bodies = recent.order_by("-created_at").values_list("body", flat=True)[:200]
        return any(earlier == body or (key and fold(earlier) == key) for earlier in bodies)

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        trusted = not self.verdict.held and Comment.is_trusted(
            user=self.user, nickname=data["nickname"], ip_address=self.ip_address
        )
        comment = Comment.objects.create(
            article=self.article,
            parent=data["parent"],
            user=self.user,
            nickname=data["nickname"],
            body=self.verdict.cleaned_text(),
            ip_address=self.ip_address,
            ip_place=place_of(self.ip_address),
            matched_words=self.verdict.matched_words(),
            status=Comment.Status.APPROVED if trusted else Comment.Status.PENDING,
        )
        if trusted:
            Comment.objects.recount([self.article.pk])
        return comment

    def success_message(self, comment):
        return PUBLISHED_MESSAGE if comment.status == Comment.Status.APPROVED else SUBMITTED_MESSAGE


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="举报理由", choices=CommentReport.Reason.choices, error_messages={"required": "请选择举报理由。"}
    )
    detail = forms.CharField(label="补充说明", max_length=200, required=False)


class WordListImportForm(forms.Form):
    """A moderator's CSV or TXT word list; all or nothing (see comments.wordlists)."""

    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(
        label="词表文件",
        help_text="CSV：每行一个词，依次为 敏感词、处理方式、拼音匹配、谐音变体（用顿号分隔）、备注，"
        "首行可以是表头；TXT：每行一个词，# 开头的行是注释。UTF-8 或 GBK 编码，不超过 2 MB。",
        error_messages={"required": "请选择要导入的文件。", "empty": "文件是空的。"},
    )
    action = forms.ChoiceField(
        label="默认处理方式",
        choices=SensitiveWord.Action.choices,
        initial=SensitiveWord.Action.HOLD,
        help_text="TXT 文件里的词，以及 CSV 中“处理方式”一栏为空的词，按这里处理。",
    )
    update_existing = forms.BooleanField(
        label="更新已有的词",
        required=False,
        help_text="勾选：文件里已在词表中的词，按文件更新处理方式、拼音匹配、谐音变体和备注；不勾选：保持原样，只添加新词。",
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or "action" not in cleaned:
            return cleaned
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("只能导入 .csv 或 .txt 文件。")
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("文件超过 2 MB，请分成几个文件导入。")
        self.parsed = wordlists.read(upload.read(), upload.name, cleaned["action"])
        if self.parsed.errors:
            shown = self.parsed.errors[:20]
            if len(self.parsed.errors) > len(shown):
                shown.append(f"……共 {len(self.parsed.errors)} 处错误。")
            raise forms.ValidationError(["文件有错误，没有导入任何词：", *shown])
        return cleaned

    def save(self):
        return wordlists.save(self.parsed.words, self.cleaned_data["update_existing"])
