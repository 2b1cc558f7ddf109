"""广告位: the ads editors place in the reader's pages, and what they counted.

An ad sits in one slot (``Ad.Slot``): the header banner, the side column,
inside an article after paragraph N, or in a list after every N cards. It is
an image or a text, links to the advertiser, runs from ``starts_at`` until
``ends_at`` (either open), in the regions chosen (and those below them) or
the whole site, and is picked by ``weight`` among the slot's other ads.
ads.slots keeps what each region's pages show; ads.counting counts
impressions and clicks into ``AdDailyStats``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from articles.images import ReencodedImageField, validate_raster_image

# "After paragraph N" in an article, "every N cards" in a list, when the editor leaves it empty.
DEFAULT_POSITION = {"article": 2, "list": 8}


class AdQuerySet(models.QuerySet):
    def running(self, now=None):
        """Ads switched on that have started and not ended."""
        now = now or timezone.now()
        return self.not_over(now).filter(models.Q(starts_at__isnull=True) | models.Q(starts_at__lte=now))

    def not_over(self, now=None):
        """Ads switched on that have not ended: running, or starting later."""
        now = now or timezone.now()
        return self.filter(is_active=True).filter(models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now))

    def shown_in(self, region_id):
        """The ads a page of region ``region_id`` may show: site-wide ones and
        those targeting the region or a region above it (None: site-wide only)."""
        targets = Ad.regions.through.objects.filter(ad_id=models.OuterRef("pk"))
        site_wide = ~models.Exists(targets)
        if region_id is None:
            return self.filter(site_wide)
        from regions.models import Region

        chain = Region.objects.filter(pk=region_id)
        above = models.Q(region_id=models.Subquery(chain.values("parent_id")[:1]))
        above |= models.Q(region_id=models.Subquery(chain.values("parent__parent_id")[:1]))
        return self.filter(site_wide | models.Exists(targets.filter(models.Q(region_id=region_id) | above)))


class Ad(models.Model):
    class Slot(models.TextChoices):
        HEADER = "header", "页头横幅"
        SIDEBAR = "sidebar", "侧栏"
        ARTICLE = "article", "文章内（第 N 段之后）"
        LIST = "list", "列表内（每 N 条之后）"

    title = models.CharField("广告名称", max_length=40, help_text="图片广告的替代文字；文字广告的标题。")
    text = models.CharField("广告文字", max_length=120, blank=True, help_text="文字广告的说明，一两句话。")
    image = ReencodedImageField(
        "广告图片",
        upload_to="ads/%Y/%m/",
        blank=True,
        validators=[validate_raster_image],
        help_text="JPEG、PNG、GIF 或 WebP 图片；留空则为文字广告。页头横幅建议 1200×200。",
    )
    link = models.URLField("链接", help_text="读者点击后到达的广告主网页，以 http:// 或 https:// 开头。")
    slot = models.CharField("广告位", max_length=10, choices=Slot.choices, default=Slot.HEADER)
    position = models.PositiveSmallIntegerField(
        "N",
        null=True,
        blank=True,
        help_text="文章内广告：放在第几段之后（默认 2）；列表广告：每几条新闻之后出现一次（默认 8）。",
    )
    regions = models.ManyToManyField(
        "regions.Region",
        verbose_name="投放地区",
        blank=True,
        related_name="+",
        help_text="只在这些地区及其下级地区的页面显示；留空则全站显示。",
    )
    starts_at = models.DateTimeField("开始时间", null=True, blank=True, help_text="留空则立即开始。")
    ends_at = models.DateTimeField("结束时间", null=True, blank=True, help_text="留空则一直显示。")
    weight = models.PositiveSmallIntegerField(
        "权重", default=1, help_text="同一广告位有几条广告时，按权重轮流显示：权重 2 的出现次数约为权重 1 的两倍。"
    )
    is_active = models.BooleanField("启用", default=True, help_text="取消勾选可暂停投放，不必删除。")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = AdQuerySet.as_manager()

    class Meta:
        verbose_name = "广告"
        verbose_name_plural = "广告"
        ordering = ["slot", "-weight", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "结束时间须晚于开始时间。"})
        if self.weight == 0:
            raise ValidationError({"weight": "权重至少为 1；暂停投放请取消“启用”。"})

    @property
    def shown_position(self):
        return self.position or DEFAULT_POSITION.get(self.slot)


class AdDailyStats(models.Model):
    """Impressions and clicks of an ad on one day (Asia/Shanghai), added by each flush."""

    ad = models.ForeignKey(Ad, verbose_name="广告", on_delete=models.CASCADE, related_name="daily_stats")
    day = models.DateField("日期")
    impressions = models.PositiveIntegerField("展示", default=0)
    clicks = models.PositiveIntegerField("点击", default=0)

    class Meta:
        verbose_name = "广告每日统计"
        verbose_name_plural = "广告每日统计"
        constraints = [models.UniqueConstraint(fields=["ad", "day"], name="ads_one_row_per_ad_and_day")]

    def __str__(self):
        return f"{self.ad_id} {self.day}"


class FlushedAdBatch(models.Model):
    """A Redis batch of counts already added (as articles.FlushedViewBatch for views)."""

    batch = models.CharField(max_length=100, primary_key=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.batch
