from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def sms_backend_sends(app_configs, **kwargs):
    """Production must send codes: the console backend only prints them."""
    if settings.SMS_BACKEND != "console":
        return []
    return [
        Warning(
            "SMS_BACKEND is console: login codes are printed to the server's output, not sent to readers.",
            hint="Set SMS_BACKEND=aliyun and the ALIYUN_SMS_* variables (README, 读者账号).",
            id="members.W001",
        )
    ]
