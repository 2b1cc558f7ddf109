"""Sending a login code by SMS, through the backend ``settings.SMS_BACKEND`` names.

``ConsoleBackend`` prints the message (development, the demo) and keeps it
in ``outbox``, where tests read the code, as Django's locmem mail backend
does. ``AliyunBackend`` calls Aliyun SMS (dysmsapi ``SendSms``) over HTTPS
with the standard library, signing the request with the AccessKey secret
(Aliyun's RPC signature: HMAC-SHA1 over the sorted, percent-encoded query).
"""

import base64
import hashlib
import hmac
import json
import logging
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Messages the console backend sent, newest last (tests read codes here).
outbox: list = []


class SmsError(Exception):
    """The message could not be sent; the reader is asked to try again."""


@dataclass(frozen=True)
class Message:
    phone: str
    code: str
    minutes: int

    @property
    def text(self):
        return f"【{settings.SITE_NAME}】您的登录验证码是 {self.code}，{self.minutes} 分钟内有效。如非本人操作，请忽略本短信。"


def backend():
    return import_string(settings.SMS_BACKENDS[settings.SMS_BACKEND])()


def send(message):
    backend().send(message)


class ConsoleBackend:
    def send(self, message):
        outbox.append(message)
        sys.stdout.write(f"[短信] {message.phone}: {message.text}\n")
        sys.stdout.flush()


def percent_encode(value):
    # Aliyun's rule: RFC 3986, spaces as %20, "~" kept, "*" encoded.
    return urllib.parse.quote(str(value), safe="~")


def signed_query(params, secret, method="GET"):
    """``params`` with Aliyun's RPC ``Signature`` added, as a query string."""
    canonical = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{percent_encode('/')}&{percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    signature = base64.b64encode(digest).decode()
    return f"Signature={percent_encode(signature)}&{canonical}"


class AliyunBackend:
    TIMEOUT = 5

    def params(self, message):
        return {
            "AccessKeyId": settings.ALIYUN_SMS_ACCESS_KEY_ID,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": message.phone,
            "RegionId": "cn-hangzhou",
            "SignName": settings.ALIYUN_SMS_SIGN_NAME,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": settings.ALIYUN_SMS_TEMPLATE_CODE,
            "TemplateParam": json.dumps({"code": message.code}),
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }

    def url(self, message):
        query = signed_query(self.params(message), settings.ALIYUN_SMS_ACCESS_KEY_SECRET)
        return f"{settings.ALIYUN_SMS_ENDPOINT}?{query}"

    def send(self, message):
        url = self.url(message)
        if not url.startswith("https://"):
            raise SmsError("ALIYUN_SMS_ENDPOINT must be an https:// URL")
        try:
            # bandit: the scheme is checked above; the host is the operator's setting.
            with urllib.request.urlopen(url, timeout=self.TIMEOUT) as response:  # nosec B310
                answer = json.loads(response.read())
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            logger.warning("Aliyun SMS unreachable: %s", error)
            raise SmsError(str(error)) from error
        if answer.get("Code") != "OK":
            logger.warning("Aliyun SMS refused: %s %s", answer.get("Code"), answer.get("Message"))
            raise SmsError(answer.get("Code", "unknown"))
