"""Readers' accounts: a profile beside Django's User, login codes, bookmarks.

A reader is a plain (non-staff) ``User`` whose username is their mobile
number; the name shown beside their comments is ``Reader.nickname``
(前台自愿: any nickname), never the number. ``phone_verified_at`` is set
when a code sent to the number was entered (后台实名).
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone


class PhoneTaken(Exception):
    """The number is the username of an account that is no reader's (staff)."""


class ReaderManager(models.Manager):
    @transaction.atomic
    def verified_by_code(self, phone):
        """The reader who just proved they hold ``phone``: found, or signed up.

        A new reader gets an account named by the number, no usable password
        (they may set one on the profile page) and a nickname to change.
        """
        reader = self.select_related("user").filter(phone=phone).first()
        if reader is None:
            User = get_user_model()
            if User.objects.filter(username=phone).exists():
                raise PhoneTaken(phone)
            user = User.objects.create_user(username=phone)  # no password: set_unusable_password
            reader = self.create(user=user, phone=phone, nickname=f"网友{secrets.token_hex(3)}")
        if reader.phone_verified_at is None:
            reader.phone_verified_at = timezone.now()
            reader.save(update_fields=["phone_verified_at"])
        return reader


class Reader(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="账号", on_delete=models.CASCADE, related_name="reader"
    )
    phone = models.CharField(
        "手机号", max_length=11, unique=True, null=True, blank=True, help_text="中国大陆 11 位手机号，登录用，不公开。"
    )
    phone_verified_at = models.DateTimeField(
        "手机验证时间", null=True, blank=True, help_text="读者输入发到这个号码的验证码的时间；为空表示未验证。"
    )
    nickname = models.CharField("昵称", max_length=30, help_text="评论旁显示的名字，读者自己填写。")
    avatar = models.ImageField("头像", upload_to="avatars/%Y/%m/", blank=True, help_text="重新编码后保存的图片。")
    joined_at = models.DateTimeField("注册时间", auto_now_add=True)

    objects = ReaderManager()

    class Meta:
        verbose_name = "读者"
        verbose_name_plural = "读者"

    def __str__(self):
        return self.nickname

    def get_absolute_url(self):
        return reverse("members:profile")

    @property
    def phone_verified(self):
        return self.phone_verified_at is not None

    @property
    def masked_phone(self):
        return f"{self.phone[:3]}****{self.phone[-4:]}" if self.phone else ""


def code_digest(phone, code):
    """What is stored of a code: an HMAC keyed by the site's secret, so a
    copy of the table does not give away the codes still valid."""
    key = hashlib.sha256(b"members.login-code:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


class LoginCodeQuerySet(models.QuerySet):
    def usable(self, phone):
        return self.filter(
            phone=phone, used_at__isnull=True, expires_at__gt=timezone.now(), attempts__lt=settings.SMS_CODE_ATTEMPTS
        )


class LoginCode(models.Model):
    """A one-time code sent by SMS: good once, until ``expires_at``, for a few tries."""

    phone = models.CharField("手机号", max_length=11, db_index=True)
    digest = models.CharField("验证码摘要", max_length=64, help_text="验证码的 HMAC，不保存验证码本身。")
    ip_address = models.GenericIPAddressField("请求地址", null=True, blank=True)
    created_at = models.DateTimeField("发送时间", auto_now_add=True)
    expires_at = models.DateTimeField("过期时间")
    used_at = models.DateTimeField("使用时间", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("错误次数", default=0)

    objects = LoginCodeQuerySet.as_manager()

    class Meta:
        verbose_name = "短信验证码"
        verbose_name_plural = "短信验证码"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.phone[:3]}****{self.phone[-4:]} {self.created_at:%Y-%m-%d %H:%M}"


class Bookmark(models.Model):
    """收藏: an article a reader keeps."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="读者", on_delete=models.CASCADE, related_name="bookmarks"
    )
    article = models.ForeignKey(
        "articles.Article", verbose_name="文章", on_delete=models.CASCADE, related_name="bookmarks"
    )
    created_at = models.DateTimeField("收藏时间", auto_now_add=True)

    class Meta:
        verbose_name = "收藏"
        verbose_name_plural = "收藏"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="bookmark_once_per_reader")]

    def __str__(self):
        return f"{self.user} · {self.article}"

    def get_absolute_url(self):
        return reverse("members:bookmarks")
