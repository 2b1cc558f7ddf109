from django.db import models


class FriendLinkQuerySet(models.QuerySet):
    def shown_in(self, region_ids):
        """The links a page of a region shows: site-wide ones and those of
        ``region_ids`` (the region and the regions above it), in their order."""
        return self.filter(is_active=True).filter(models.Q(region__isnull=True) | models.Q(region_id__in=region_ids))


class FriendLink(models.Model):
    name = models.CharField("网站名称", max_length=30, help_text="页脚显示的文字，如“资阳市人民政府”。")
    url = models.URLField("网址", help_text="以 http:// 或 https:// 开头的完整网址。")
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="地区",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="只在这个地区及其下级地区的页面显示；留空则全站显示。",
    )
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面。")
    is_active = models.BooleanField("显示", default=True, help_text="取消勾选可暂时不显示，不必删除。")

    objects = FriendLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "友情链接"
        verbose_name_plural = "友情链接"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name
