"""A reader's report (举报) of a comment, and how a moderator closes it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class CommentReportQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=CommentReport.State.PENDING)

    def close(self, state, by):
        """Close the pending reports here as handled or dismissed, recording who and when."""
        return self.pending().update(state=state, handled_by=by, handled_at=timezone.now())


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "垃圾广告"
        ABUSE = "abuse", "辱骂攻击"
        VULGAR = "vulgar", "色情低俗"
        ILLEGAL = "illegal", "违法违规"
        RUMOR = "rumor", "谣言不实"
        OTHER = "other", "其他"

    class State(models.TextChoices):
        PENDING = "pending", "待处理"
        HANDLED = "handled", "已处理"
        DISMISSED = "dismissed", "已驳回"

    comment = models.ForeignKey(
        "comments.Comment", verbose_name="评论", on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField("举报理由", max_length=10, choices=Reason.choices, help_text="读者选择的举报理由。")
    detail = models.CharField("补充说明", max_length=200, blank=True, help_text="读者的补充说明，可为空。")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="举报人账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comment_reports",
        help_text="登录读者的账号；同一账号对同一条评论只能举报一次。",
    )
    ip_address = models.GenericIPAddressField(
        "举报人 IP", null=True, blank=True, help_text="未登录的读者，同一 IP 对同一条评论只能举报一次。"
    )
    network = models.CharField(
        "举报人网段",
        max_length=50,
        blank=True,
        default="",
        db_default="",
        help_text="举报人 IP 所在的 /24（IPv4）或 /48（IPv6）网段：同一网段的多次举报只算一次。",
    )
    state = models.CharField(
        "处理状态",
        max_length=10,
        choices=State.choices,
        default=State.PENDING,
        db_default=State.PENDING,
        help_text="已处理：评论已隐藏或评论者已禁言；已驳回：举报不成立，评论照常显示。",
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_comment_reports",
        editable=False,
        help_text="处理或驳回这条举报的审核员。",
    )
    handled_at = models.DateTimeField("处理时间", null=True, blank=True, editable=False, help_text="处理或驳回的时间。")
    created_at = models.DateTimeField("举报时间", auto_now_add=True)

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        verbose_name = "评论举报"
        verbose_name_plural = "评论举报"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="report_state_created")]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], condition=Q(reporter__isnull=False), name="report_once_per_account"
            ),
            models.UniqueConstraint(
                fields=["comment", "ip_address"], condition=Q(reporter__isnull=True), name="report_once_per_ip"
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()}：{self.comment}"

    def get_absolute_url(self):
        return self.comment.get_absolute_url()

    @property
    def reporter_name(self):
        return self.reporter.get_username() if self.reporter_id else "匿名读者"
