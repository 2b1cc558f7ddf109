"""The commenter ban list (评论禁言): accounts and addresses that may not comment."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from comments import networks


class CommenterBanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))

    def covering(self, *, user=None, ip_address=None):
        """Active bans on this account or on a network holding this address (one indexed query)."""
        who = Q(pk__in=[])
        if user is not None and user.is_authenticated:
            who |= Q(user=user)
        if ip_address:
            who |= Q(network__in=networks.networks_containing(ip_address))
        return self.active().filter(who)


class CommenterBan(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comment_bans",
        help_text="禁止这个账号发表评论。与“网络地址”二选一。",
    )
    network = models.CharField(
        "网络地址",
        max_length=50,
        blank=True,
        default="",
        help_text="禁止这个地址或网段发表评论，例如 203.0.113.7、203.0.113.0/24、2001:db8:1:2::/64"
        f"（IPv4 最大 /{networks.WIDEST_BAN[4]}，IPv6 最大 /{networks.WIDEST_BAN[6]}）。与“账号”二选一。",
    )
    reason = models.CharField(
        "原因", max_length=200, blank=True, help_text="为什么禁言，供其他审核员参考；不会告诉读者。"
    )
    expires_at = models.DateTimeField("到期时间", null=True, blank=True, help_text="留空为永久；到期后自动解除。")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="把这个账号或地址加入名单的审核员。",
    )
    created_at = models.DateTimeField("禁言时间", auto_now_add=True, help_text="加入名单的时间。")

    objects = CommenterBanQuerySet.as_manager()

    class Meta:
        verbose_name = "评论禁言"
        verbose_name_plural = "评论禁言名单"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, network="") | Q(user__isnull=True) & ~Q(network=""),
                name="ban_account_or_network",
                violation_error_message="请填写账号或网络地址，二者只填一个。",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(user__isnull=False),
                name="ban_once_per_account",
                violation_error_message="这个账号已在禁言名单中。",
            ),
            models.UniqueConstraint(
                fields=["network"],
                condition=~Q(network=""),
                name="ban_once_per_network",
                violation_error_message="这个网络地址已在禁言名单中。",
            ),
        ]

    def __str__(self):
        return f"账号 {self.user}" if self.user_id else f"地址 {self.network}"

    @property
    def is_active(self):
        return self.expires_at is None or self.expires_at > timezone.now()

    def clean(self):
        if self.network:
            try:
                self.network = networks.parse_ban_network(self.network)
            except ValueError as error:
                raise ValidationError({"network": str(error)}) from None
        if bool(self.user_id) == bool(self.network):
            raise ValidationError("请填写账号或网络地址，二者只填一个。")
