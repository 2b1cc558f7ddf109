"""Putting a notice in someone's list, and in their mailbox when the site sends mail."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from notices.models import Notice

log = logging.getLogger(__name__)


def notify(recipients, message, link=""):
    """A notice for each active recipient; an email too with ``NOTICES_BY_EMAIL``, after the commit."""
    people = [person for person in recipients if person is not None and person.is_active]
    Notice.objects.bulk_create(Notice(recipient=person, message=message[:300], link=link) for person in people)
    addresses = [person.email for person in people if person.email]
    if settings.NOTICES_BY_EMAIL and addresses:
        transaction.on_commit(lambda: _mail(addresses, message, link))


def _mail(addresses, message, link):
    body = f"{message}\n\n{settings.SITE_URL.rstrip('/')}{link}" if link else message
    try:
        send_mail(f"[{settings.SITE_NAME}] {message[:60]}", body, None, addresses)
    except OSError:
        # The list in the admin has it; a mail server that is down must not fail the save.
        log.exception("notice mail to %s failed", addresses)
