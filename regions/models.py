from django.db import models

from core.kept import depends_on
from core.reverse import reverse_one


class RegionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def provinces(self):
        return self.filter(level=Region.Level.PROVINCE)

    def self_and_descendants(self, region):
        """The region and everything below it.

        Depth is fixed at three, so "below" is at most two parent hops; both
        hops use the indexed ``parent_id`` column.
        """
        return self.filter(
            models.Q(pk=region.pk) | models.Q(parent_id=region.pk) | models.Q(parent__parent_id=region.pk)
        )


class Region(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "地级"
        COUNTY = "county", "县级"

    name = models.CharField("名称", max_length=50, help_text="完整名称，如“乐至县”。")
    short_name = models.CharField("简称", max_length=20, help_text="频道使用的简称，如“乐至”，频道名为“乐至新闻”。")
    slug = models.SlugField(
        "拼音", max_length=60, allow_unicode=False, help_text="网址中的拼音，如 lezhi；同一上级地区下唯一。"
    )
    path = models.CharField(
        "频道路径",
        max_length=200,
        unique=True,
        editable=False,
        help_text="由上级地区的拼音拼成，如 sichuan/ziyang/lezhi，保存时自动生成。",
    )
    adcode = models.CharField(
        "行政区划代码", max_length=6, unique=True, help_text="国家标准 GB/T 2260 的六位代码，如乐至县为 512022。"
    )
    level = models.CharField("级别", max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级地区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="省级地区留空；直辖市的区县和省直辖县级市直接挂在省级地区下。",
    )
    description = models.TextField("频道简介", blank=True, help_text="显示在频道页顶部的一两句话。")
    is_active = models.BooleanField("启用频道", default=True, help_text="停用后读者看不到这个频道。")
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面；相同时按区划代码。")
    neighbours_column = models.ForeignKey(
        "articles.Column",
        verbose_name="“乡里乡亲”栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="文章页“乡里乡亲”一栏显示这个栏目在本频道的最新文章；留空则沿用上级地区的设置。",
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "地区"
        verbose_name_plural = "地区"
        ordering = ["sort_order", "adcode"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="region_slug_unique_among_siblings"),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(parent__isnull=True), name="region_slug_unique_among_provinces"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        old_path, self.path = self.path, self.build_path()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "path"}
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            self.rebuild_descendant_paths()

    def get_absolute_url(self):
        return self.url_of(self.path)

    def build_path(self):
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    def rebuild_descendant_paths(self):
        """After a slug or parent change: a path is derived data, never stale."""
        children = list(self.children.all())
        grandchildren = list(Region.objects.filter(parent__in=children))
        for region in children:
            region.parent = self
        by_pk = {region.pk: region for region in children}
        for region in grandchildren:
            region.parent = by_pk[region.parent_id]
        for region in children + grandchildren:
            region.path = region.build_path()
        Region.objects.bulk_update(children + grandchildren, ["path"])

    @classmethod
    def from_db(cls, db, field_names, values):
        region = super().from_db(db, field_names, values)
        depends_on(f"region:{region.pk}")  # its name shows wherever it was read
        return region

    @staticmethod
    def url_of(path):
        """The channel URL of a region's path, for lists read as plain values."""
        return reverse_one("articles:region", path)

    @property
    def channel_name(self):
        """ "乐至新闻": what the channel page and breadcrumb call this region."""
        return f"{self.short_name}新闻"

    def ancestors(self):
        """From the province down to the direct parent, without this region.

        At most two regions and one query: none when the chain was loaded
        with ``select_related("parent__parent")``, as breadcrumbs do.
        """
        if self.parent_id is None:
            return []
        if Region.parent.is_cached(self):
            parent = self.parent
        else:
            parent = Region.objects.select_related("parent").get(pk=self.parent_id)
        return [parent.parent, parent] if parent.parent_id else [parent]
