"""The moderators' sensitive-word list (敏感词)."""

import re

from django.core.exceptions import ValidationError
from django.db import models

# Variants are separated by line breaks or Chinese or Latin list punctuation,
# not by spaces: "加 V 信" is one variant.
_VARIANT_SEPARATORS = re.compile(r"[\n\r、，,；;|]+")
MAX_VARIANTS = 20
WORD_MAX_LENGTH = 50


class SensitiveWord(models.Model):
    class Action(models.TextChoices):
        REPLACE = "replace", "替换为＊"
        HOLD = "hold", "转人工审核"
        REJECT = "reject", "拒绝发表"

    word = models.CharField(
        "敏感词",
        max_length=WORD_MAX_LENGTH,
        unique=True,
        help_text="按字匹配：不区分全角半角、大小写和繁简体，字间夹杂空格、符号、字母或数字也能识别。",
    )
    action = models.CharField(
        "处理方式", max_length=10, choices=Action.choices, default=Action.HOLD, help_text="命中后如何处理评论。"
    )
    match_pinyin = models.BooleanField(
        "拼音匹配",
        default=False,
        db_default=False,
        help_text="同时匹配这个词的全拼（如 daikaifapiao）、三个字以上的拼音首字母（如 dkfp）和同音字"
        "（如 加薇信）。常用词的同音词多，例如“贷款”与“带宽”，这类词不要勾选。",
    )
    variants = models.TextField(
        "谐音变体",
        max_length=1000,
        blank=True,
        default="",
        db_default="",
        help_text=f"读者用来绕过这个词的其他写法，每行一个，或用顿号、逗号分隔，例如“加V信、加威信”；"
        f"命中变体按本词处理。每个变体至少两个字，最多 {MAX_VARIANTS} 个。",
    )
    note = models.CharField("备注", max_length=200, blank=True, help_text="为什么加入这个词，供其他审核员参考。")
    created_at = models.DateTimeField("添加时间", auto_now_add=True)

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["word"]

    def __str__(self):
        return self.word

    @staticmethod
    def split_variants(text):
        return tuple(v.strip() for v in _VARIANT_SEPARATORS.split(text or "") if v.strip())

    def clean(self):
        from comments.folding import fold

        errors = {}
        if self.word and not fold(self.word):
            errors["word"] = "去掉标点、空格和符号后这个词是空的，无法匹配任何内容。"
        variants = self.split_variants(self.variants)
        if len(variants) > MAX_VARIANTS:
            errors["variants"] = f"最多 {MAX_VARIANTS} 个变体（现在 {len(variants)} 个）。"
        elif short := [v for v in variants if len(fold(v)) < 2]:
            errors["variants"] = f"变体至少要有两个字（不计标点和空格）：{'、'.join(short)}。"
        elif long := [v for v in variants if len(v) > WORD_MAX_LENGTH]:
            errors["variants"] = f"每个变体最多 {WORD_MAX_LENGTH} 个字：{'、'.join(v[:10] + '…' for v in long)}。"
        if errors:
            raise ValidationError(errors)
        self.variants = "\n".join(variants)
