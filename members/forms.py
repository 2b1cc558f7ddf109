import re

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from articles.images import inspect_image, reencode
from comments import nicknames, sensitive

MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
AVATAR_SIZE = (256, 256)


PHONE_MESSAGE = "请输入正确的 11 位手机号。"


def normalize_phone(raw):
    """11 digits of a mainland mobile number, from what a reader may type (+86, spaces, dashes)."""
    digits = re.sub(r"[\s\-()]", "", raw or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not MOBILE.match(digits):
        raise ValidationError(PHONE_MESSAGE, code="phone")
    return digits


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "手机号")
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("error_messages", {"required": "请填写手机号。"})
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})

    def clean(self, value):
        if value and ("\x00" in value or len(value) > self.max_length):
            raise ValidationError(PHONE_MESSAGE, code="phone")  # not Django's messages about length and NUL
        return normalize_phone(super().clean(value))


class SendCodeForm(forms.Form):
    phone = PhoneField()


class CodeLoginForm(forms.Form):
    phone = PhoneField()
    code = forms.CharField(
        label="验证码",
        max_length=20,
        error_messages={"required": "请填写短信验证码。"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not re.fullmatch(r"[0-9]{6}", code):
            raise ValidationError("验证码是 6 位数字。")
        return code


class PasswordLoginForm(AuthenticationForm):
    """Django's login form (django-axes counts its failures, as at the admin),
    for readers: the username is the mobile number."""

    error_messages = {
        "invalid_login": "手机号或密码不正确。",
        "inactive": "这个账号已停用。",
        "staff": "编辑部账号请从后台登录。",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "手机号"
        # The code form comes first on the page: a phone's keyboard must not jump to this one.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["username"].error_messages["required"] = "请填写手机号。"
        self.fields["password"].error_messages["required"] = "请填写密码。"

    def clean_username(self):
        raw = self.cleaned_data["username"]
        try:
            return normalize_phone(raw)
        except ValidationError:
            return raw  # an unknown name fails as a wrong password does, and is counted

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.is_staff:
            raise ValidationError(self.error_messages["staff"], code="staff")


def check_nickname(nickname):
    nickname = nickname.strip()
    if not nickname:
        raise ValidationError("请填写昵称。")
    if nicknames.has_hidden_characters(nickname):
        raise ValidationError(nicknames.HIDDEN_CHARACTERS_MESSAGE)
    if nicknames.impersonates_staff(nickname):
        raise ValidationError(nicknames.IMPERSONATION_MESSAGE)
    if sensitive.check(nickname).matches:
        raise ValidationError("昵称含有不允许使用的词语，请换一个。")
    if MOBILE.search(re.sub(r"\D", "", nickname)):
        raise ValidationError("昵称里不要写手机号。")
    return nickname


class ProfileForm(forms.Form):
    nickname = forms.CharField(
        label="昵称",
        max_length=30,
        help_text="评论旁显示的名字，最多 30 个字。",
        error_messages={"required": "请填写昵称。", "max_length": "昵称最多 30 个字（现在 %(show_value)d 个字）。"},
    )
    avatar = forms.FileField(
        label="头像",
        required=False,
        help_text=f"JPEG、PNG、GIF 或 WebP 图片，不超过 {filesizeformat(settings.READER_UPLOAD_MAX_BYTES)}。",
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )

    def __init__(self, *args, reader, **kwargs):
        super().__init__(*args, **kwargs)
        self.reader = reader

    def clean_nickname(self):
        return check_nickname(self.cleaned_data["nickname"])

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if not upload:
            return None
        limit = settings.READER_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                f"头像图片太大（{filesizeformat(upload.size)}），上限为 {filesizeformat(limit)}，请换一张小一些的图片。"
            )
        inspect_image(upload)
        return reencode(upload, max_size=AVATAR_SIZE)

    def save(self):
        reader = self.reader
        reader.nickname = self.cleaned_data["nickname"]
        fields = ["nickname"]
        old_avatar = reader.avatar.name if reader.avatar else ""
        if self.cleaned_data.get("avatar"):
            reader.avatar.save(self.cleaned_data["avatar"].name, self.cleaned_data["avatar"], save=False)
            fields.append("avatar")
        reader.save(update_fields=fields)
        if "avatar" in fields and old_avatar:
            reader.avatar.storage.delete(old_avatar)
        return reader
