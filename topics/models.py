"""专题: a special-topic page gathering articles under ordered sections.

A section lists articles an editor chose, in order, and/or the newest
articles of a tag or a region. Only published articles are ever shown.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import OuterRef, prefetch_related_objects
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.images import ReencodedImageField, validate_raster_image
from articles.models import Article, byline_with_authors
from articles.slugs import slug_for, unique_slug
from core.kept import depends_on

SLUG_LENGTH = 80
MAX_NEWEST = 20


class TopicQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see: published, and the publish time has come."""
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class Topic(models.Model):
    title = models.CharField("标题", max_length=80, help_text="专题名称，如“乐至县乡村振兴”。")
    slug = models.SlugField(
        "网址名",
        max_length=SLUG_LENGTH,
        unique=True,
        blank=True,
        help_text="专题网址 /zhuanti/网址名/；留空则按标题拼音生成。",
    )
    banner = ReencodedImageField(
        "题图",
        upload_to="topics/%Y/%m/",
        blank=True,
        validators=[validate_raster_image],
        help_text="JPEG、PNG、GIF 或 WebP 图片，显示在专题页顶部。",
    )
    introduction = models.TextField("导语", blank=True, help_text="专题页题图下的一段介绍，纯文本。")
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="地区",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topics",
        help_text="专题所属地区；全站专题留空。",
    )
    is_published = models.BooleanField("发布", default=False, help_text="勾选后读者可见。")
    published_at = models.DateTimeField(
        "发布时间", default=timezone.now, help_text="填写将来的时间即为定时发布，到点对读者可见。"
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            slug = slug_for(self.title, "zhuanti", SLUG_LENGTH)
            self.slug = unique_slug(Topic.objects.exclude(pk=self.pk), slug, SLUG_LENGTH)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("topics:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        topic = super().from_db(db, field_names, values)
        depends_on(f"topic:{topic.pk}")  # its title shows wherever it was read
        return topic

    def sections_shown(self):
        """[(section, articles)] as readers see them: each section's chosen
        articles in order, then its rule's newest, without repeats, all
        published. Queries: the sections with their chosen rows, the chosen
        articles, one per section with a rule, the bylines of all of them."""
        sections = list(self.sections.prefetch_related("chosen").select_related("region"))
        chosen_ids = [row.article_id for section in sections for row in section.chosen.all()]
        # Chosen ones not published yet are named too: publishing one makes
        # the page stale (articles.staleness marks article:<id>).
        depends_on(*(f"article:{pk}" for pk in chosen_ids))
        published = Article.objects.published()
        by_pk = {a.pk: a for a in published.filter(pk__in=chosen_ids).for_cards().with_picture()}
        shown = []
        for section in sections:
            articles = [by_pk[row.article_id] for row in section.chosen.all() if row.article_id in by_pk]
            articles += section.newest(published.exclude(pk__in=chosen_ids))
            shown.append((section, articles))
        prefetch_related_objects([a for _, articles in shown for a in articles], byline_with_authors())
        return shown

    def chosen_article_ids(self):
        return list(
            SectionArticle.objects.filter(section__topic=self)
            .order_by("section__sort_order", "section__pk", "sort_order", "pk")
            .values_list("article_id", flat=True)
        )


class TopicSection(models.Model):
    topic = models.ForeignKey(Topic, verbose_name="专题", on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField("小标题", max_length=60, help_text="本栏目的标题，如“最新进展”。")
    sort_order = models.PositiveSmallIntegerField("顺序", default=0, help_text="数字小的排在前面。")
    tag = models.ForeignKey(
        Tag,
        verbose_name="标签",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="可选：在选定文章之后列出带此标签的最新文章。",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="地区",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="可选：在选定文章之后列出此地区（含下级）的最新文章。",
    )
    newest_count = models.PositiveSmallIntegerField(
        "最新篇数",
        default=5,
        validators=[MaxValueValidator(MAX_NEWEST)],
        help_text=f"按标签或地区列出的最新文章篇数，最多 {MAX_NEWEST} 篇。",
    )
    articles = models.ManyToManyField(
        Article, through="SectionArticle", verbose_name="选定文章", blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "专题栏目"
        verbose_name_plural = "专题栏目"
        ordering = ["topic", "sort_order", "pk"]

    def __str__(self):
        return f"{self.topic}：{self.heading}"

    def get_absolute_url(self):
        return self.topic.get_absolute_url()

    def newest(self, articles):
        """The newest of ``articles`` by this section's tag or region rule (none without a rule)."""
        count = min(self.newest_count, MAX_NEWEST)
        if not count or not (self.tag_id or self.region_id):
            return []
        if self.tag_id:
            depends_on(f"list:tag:{self.tag_id}")
            articles = articles.filter(tags__pk=self.tag_id)
        if self.region_id:
            depends_on(f"list:region:{self.region_id}")
            articles = articles.in_region(self.region)
        return list(articles.for_cards().with_picture().newest_first()[:count])


class SectionArticle(models.Model):
    section = models.ForeignKey(TopicSection, verbose_name="专题栏目", on_delete=models.CASCADE, related_name="chosen")
    article = models.ForeignKey(Article, verbose_name="文章", on_delete=models.CASCADE, related_name="topic_entries")
    sort_order = models.PositiveSmallIntegerField("顺序", default=0, help_text="数字小的排在前面。")

    class Meta:
        verbose_name = "选定文章"
        verbose_name_plural = "选定文章"
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["section", "article"], name="topic_section_article_once")]

    def __str__(self):
        return str(self.article_id)


def topics_choosing():
    """The published topics choosing the outer query's article, as a JSON
    array column: the article page reads its "本文收录于专题" line in its own
    query (articles.article_page)."""
    rows = (
        Topic.objects.published()
        .filter(sections__chosen__article=OuterRef("pk"))
        .distinct()
        .order_by()
        .values(json=JSONObject(id="pk", title="title", slug="slug"))
    )
    return ArraySubquery(rows)
