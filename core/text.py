"""Invisible control characters out of plain text, on save and in XML.

Word's Shift+Enter pastes U+000B into a title; other programs leave form
feeds, escapes or a stray NUL. Readers never see them, but XML 1.0 forbids
them, so Django's feed writer refused the whole feed (500) while such an
article was among the newest, and PostgreSQL refuses NUL and lone surrogates
outright. Removed: C0 controls but tab, line feed and carriage return; DEL
and the C1 block; and what else XML 1.0 forbids (surrogates, U+FFFE, U+FFFF).
Carriage returns stay: a textarea sends CRLF, and comparing a typed text
with a saved one (duplicate comments) must not see a difference.
"""

import re
from functools import cache

from django.db import models

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Apps whose text readers, feeds or staff lists show; taggit holds the tag names.
CONTENT_APPS = {"articles", "comments", "regions", "taggit"}


def without_control_characters(value):
    """``value`` with control characters removed; anything but a str comes back as it is."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(without_control_characters(item) for item in value)
    return value


@cache
def _text_fields(model):
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.primary_key
    ]


def strip_control_characters(sender, instance, **kwargs):
    """pre_save of every content model: the one place plain text is cleaned on save.

    ``bulk_create`` and ``update()`` skip it; feeds clean what they emit again.
    """
    if sender._meta.app_label not in CONTENT_APPS:
        return
    for name in _text_fields(sender):
        value = getattr(instance, name)
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            setattr(instance, name, CONTROL_CHARACTERS.sub("", value))
