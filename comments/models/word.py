"""The moderators' sensitive-word list (敏感词)."""

from django.db import models


class SensitiveWord(models.Model):
    class Action(models.TextChoices):
        REPLACE = "replace", "替换为＊"
        HOLD = "hold", "转人工审核"
        REJECT = "reject", "拒绝发表"

    word = models.CharField(
        "敏感词",
        max_length=50,
        unique=True,
        help_text="按字匹配，不区分全角半角和大小写，字间夹杂空格、符号也能识别。",
    )
    action = models.CharField(
        "处理方式", max_length=10, choices=Action.choices, default=Action.HOLD, help_text="命中后如何处理评论。"
    )
    note = models.CharField("备注", max_length=200, blank=True, help_text="为什么加入这个词，供其他审核员参考。")
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self):
        return self.word
