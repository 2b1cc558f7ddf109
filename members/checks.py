from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def sms_backend_sends(app_configs, **kwargs):
    """Production must send codes: the console backend only prints them."""
    if settings.SMS_BACKEND != "console":
        return []
    return [
        Warning(
            "SMS_BACKEND is console: login codes are printed to the server's output, not sent to readers.",
            hint="Set SMS_BACKEND=aliyun and the ALIYUN_SMS_* variables (README, 会员中心).",
            id="members.W001",
        )
    ]


ALIYUN_SETTINGS = [
    "ALIYUN_SMS_ACCESS_KEY_ID",
    "ALIYUN_SMS_ACCESS_KEY_SECRET",
    "ALIYUN_SMS_SIGN_NAME",
    "ALIYUN_SMS_TEMPLATE_CODE",
]


@register()
def aliyun_is_configured(app_configs, **kwargs):
    if settings.SMS_BACKEND != "aliyun":
        return []
    missing = [name for name in ALIYUN_SETTINGS if not getattr(settings, name)]
    if not missing and settings.ALIYUN_SMS_ENDPOINT.startswith("https://"):
        return []
    return [
        Error(
            f"SMS_BACKEND is aliyun but {', '.join(missing) or 'ALIYUN_SMS_ENDPOINT (https://)'} is not set.",
            hint="Readers could not get login codes. README, 会员中心, lists the variables.",
            id="members.E001",
        )
    ]
