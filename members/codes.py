"""Login codes: issued within rate limits, stored as an HMAC, good once.

Limits on sending (each a fixed window in the shared cache, as the comment
rate limit): one code per number every ``SMS_CODE_INTERVAL_SECONDS``,
``SMS_CODES_PER_PHONE_PER_HOUR`` per number and ``SMS_CODES_PER_IP_PER_HOUR``
per address. Guessing is bounded per code: ``SMS_CODE_ATTEMPTS`` wrong
tries void it, so a number gets at most attempts x codes-per-hour guesses
at a six-digit code an hour.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from comments.throttle import within_rate_limit
from members import sms
from members.models import LoginCode, code_digest

TOO_SOON = "验证码已发送，请 {seconds} 秒后再试。"
TOO_MANY_FOR_PHONE = "这个手机号获取验证码的次数太多了，请一小时后再试。"
TOO_MANY_FOR_IP = "获取验证码太频繁了，请稍后再试。"
NOT_SENT = "短信发送失败，请稍后再试。"


class CodeRefused(Exception):
    """No code was sent; ``str()`` says why, to the reader."""


def issue(phone, ip_address):
    """Send a new code to ``phone``; raise CodeRefused past a limit or if sending fails."""
    interval = settings.SMS_CODE_INTERVAL_SECONDS
    if not within_rate_limit("sms-phone", phone, 1, window=interval):
        raise CodeRefused(TOO_SOON.format(seconds=interval))
    if not within_rate_limit("sms-phone-hour", phone, settings.SMS_CODES_PER_PHONE_PER_HOUR, window=3600):
        raise CodeRefused(TOO_MANY_FOR_PHONE)
    if not within_rate_limit("sms-ip-hour", ip_address or "unknown", settings.SMS_CODES_PER_IP_PER_HOUR, window=3600):
        raise CodeRefused(TOO_MANY_FOR_IP)
    code = f"{secrets.randbelow(1_000_000):06d}"
    minutes = settings.SMS_CODE_MINUTES
    with transaction.atomic():
        # A new code replaces the earlier ones: only the latest message counts.
        LoginCode.objects.usable(phone).update(used_at=timezone.now())
        LoginCode.objects.create(
            phone=phone,
            digest=code_digest(phone, code),
            ip_address=ip_address,
            expires_at=timezone.now() + timedelta(minutes=minutes),
        )
        try:
            sms.send(sms.Message(phone=phone, code=code, minutes=minutes))
        except sms.SmsError:
            transaction.set_rollback(True)
            raise CodeRefused(NOT_SENT) from None


def redeem(phone, code):
    """True once for the right code of ``phone``, while it is valid; each wrong try counts."""
    with transaction.atomic():
        login_code = LoginCode.objects.usable(phone).select_for_update().order_by("-created_at").first()
        if login_code is None:
            return False
        if not secrets.compare_digest(login_code.digest, code_digest(phone, code)):
            LoginCode.objects.filter(pk=login_code.pk).update(attempts=F("attempts") + 1)
            return False
        LoginCode.objects.filter(pk=login_code.pk).update(used_at=timezone.now())
        return True
