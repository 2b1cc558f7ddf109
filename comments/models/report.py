"""A reader's report (举报) of a comment."""

from django.db import models


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", "垃圾广告"
        ABUSE = "abuse", "辱骂攻击"
        VULGAR = "vulgar", "色情低俗"
        ILLEGAL = "illegal", "违法违规"
        RUMOR = "rumor", "谣言不实"
        OTHER = "other", "其他"

    comment = models.ForeignKey(
        "comments.Comment", verbose_name="评论", on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField("举报理由", max_length=10, choices=Reason.choices, help_text="读者选择的举报理由。")
    detail = models.CharField("补充说明", max_length=200, blank=True, help_text="读者的补充说明，可为空。")
    ip_address = models.GenericIPAddressField("举报人 IP", help_text="同一 IP 对同一条评论只计一次。")
    created_at = models.DateTimeField("举报时间", auto_now_add=True)

    class Meta:
        verbose_name = "评论举报"
        verbose_name_plural = "评论举报"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["comment", "ip_address"], name="report_once_per_ip")]

    def __str__(self):
        return f"{self.get_reason_display()}：{self.comment}"

    def get_absolute_url(self):
        return self.comment.get_absolute_url()
