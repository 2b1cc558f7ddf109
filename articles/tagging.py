"""Tag lists as editors type them, with the comma their input method gives them.

A Chinese input method types ``，`` or ``、`` where an English keyboard types
``,``, and some editors separate with ``；``. taggit splits on ``,`` only, so
``柠檬，乐至`` became one tag. Here those separators count as commas; a
double-quoted name still keeps whatever it contains, as with taggit's parser.
"""

import re

from django.db import transaction
from taggit.utils import _parse_tags

from core.text import without_control_characters

SEPARATORS = "，、；;"
SEPARATOR_RE = re.compile(f"[{SEPARATORS}]")
NEEDS_QUOTES_RE = re.compile(f"[ ,{SEPARATORS}]")


def parse_tags(text):
    """Tag names in ``text``; ``TAGGIT_TAGS_FROM_STRING`` points here."""
    # Cleaned before taggit looks the names up: a pasted 柠檬\x0b节 is the 柠檬节 that exists.
    pieces = without_control_characters(text or "").split('"')
    # Odd pieces lie between quotes, unless the last quote is never closed.
    closed = len(pieces) - 1 if len(pieces) % 2 == 0 else len(pieces)
    return _parse_tags('"'.join(p if i % 2 and i < closed else SEPARATOR_RE.sub(",", p) for i, p in enumerate(pieces)))


def edit_string_for_tags(tags):
    """The tag box's text for ``tags``: a name holding a space or a separator is
    quoted, so saving the form unchanged gives back the same tags."""
    return ", ".join(sorted(f'"{t.name}"' if NEEDS_QUOTES_RE.search(t.name) else t.name for t in tags))


def merge_tags(tags, into):
    """Every article carrying one of ``tags`` carries ``into`` instead; returns how many articles.

    Row by row, so the saves and deletes tell the page caches as any tag edit
    does. The emptied tags stay; deleting them is a separate decision.
    """
    from articles.models import TaggedArticle

    moved = set()
    with transaction.atomic():
        already = set(TaggedArticle.objects.filter(tag=into).values_list("content_object_id", flat=True))
        for item in TaggedArticle.objects.filter(tag__in=tags).exclude(tag=into).order_by("pk"):
            moved.add(item.content_object_id)
            if item.content_object_id in already:
                item.delete()
            else:
                item.tag = into
                item.save()
                already.add(item.content_object_id)
    return len(moved)
