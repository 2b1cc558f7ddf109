"""点赞: one like per reader per comment; the count readers see is kept on the comment."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class CommentLike(models.Model):
    comment = models.ForeignKey("comments.Comment", verbose_name="评论", on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="点赞账号",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comment_likes",
        help_text="登录读者的账号；同一账号对同一条评论只能点赞一次。",
    )
    ip_address = models.GenericIPAddressField(
        "点赞 IP", null=True, blank=True, help_text="未登录的读者，同一 IP 对同一条评论只能点赞一次。"
    )
    created_at = models.DateTimeField("点赞时间", auto_now_add=True, help_text="读者点赞的时间。")

    class Meta:
        verbose_name = "评论点赞"
        verbose_name_plural = "评论点赞"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The database, not a check before the insert, keeps likes arriving together to one each.
            models.UniqueConstraint(
                fields=["comment", "user"], condition=Q(user__isnull=False), name="like_once_per_account"
            ),
            models.UniqueConstraint(
                fields=["comment", "ip_address"], condition=Q(user__isnull=True), name="like_once_per_address"
            ),
        ]

    def __str__(self):
        return f"{self.user or self.ip_address} 赞 {self.comment_id}"
