import reversion
from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from articles import workflow
from articles.images import ReencodedImageField, validate_raster_image
from articles.reading import ReaderArticleMixin, ReaderQuerySetMixin
from articles.sanitize import sanitize_body
from articles.slugs import slug_for, unique_slug
from articles.videos import VideoField, validate_video
from core.kept import depends_on
from core.reverse import reverse_one


class Source(models.Model):
    name = models.CharField("来源名称", max_length=100, unique=True, help_text="如“四川经济日报”、“乐至县融媒体中心”。")
    url = models.URLField("网址", blank=True, help_text="来源的官方网站，可留空。")

    class Meta:
        verbose_name = "来源"
        verbose_name_plural = "来源"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_one("articles:source", self.pk)

    @classmethod
    def from_db(cls, db, field_names, values):
        source = super().from_db(db, field_names, values)
        depends_on(f"source:{source.pk}")  # its name shows wherever it was read
        return source


class Author(models.Model):
    name = models.CharField("姓名", max_length=50, help_text="署名时显示的名字。")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="后台账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="本站记者的后台账号；外来稿件的作者留空。",
    )
    affiliation = models.CharField("单位", max_length=100, blank=True, help_text="如“四川经济日报”，可留空。")

    class Meta:
        verbose_name = "作者"
        verbose_name_plural = "作者"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}（{self.affiliation}）" if self.affiliation else self.name

    def get_absolute_url(self):
        return reverse_one("articles:author", self.pk)

    @classmethod
    def from_db(cls, db, field_names, values):
        author = super().from_db(db, field_names, values)
        depends_on(f"author:{author.pk}")  # its name shows wherever it was read
        return author


class Column(models.Model):
    SLUG_LENGTH = 40

    name = models.CharField("栏目名称", max_length=30, unique=True, help_text="如“时政”、“乡里乡亲”、“图文看点”。")
    slug = models.SlugField(
        "网址别名",
        max_length=SLUG_LENGTH,
        unique=True,
        blank=True,
        help_text="栏目网址中的拼音或英文，如 xiangli；留空则按栏目名称自动生成拼音。",
    )
    description = models.CharField("栏目简介", max_length=200, blank=True, help_text="显示在栏目页顶部。")
    sort_order = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面。")

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            # An empty slug cannot be linked to: every page naming the column would fail.
            others = Column.objects.exclude(pk=self.pk)
            self.slug = unique_slug(others, slug_for(self.name, "column", self.SLUG_LENGTH), self.SLUG_LENGTH)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_one("articles:column", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values):
        column = super().from_db(db, field_names, values)
        depends_on(f"column:{column.pk}")  # its name shows wherever it was read
        return column


class TaggedArticle(TaggedItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "文章标签"
        verbose_name_plural = "文章标签"


def byline_with_authors():
    return models.Prefetch("byline", queryset=Byline.objects.select_related("author"))


class ArticleQuerySet(ReaderQuerySetMixin, models.QuerySet):
    def published(self, now=None):
        """What readers may see: published, and the publish time has come.

        The single definition used by every public view, feed, sitemap, search
        and list. A future ``published_at`` means "scheduled": the article
        appears from that minute on with no job having to run.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def in_region(self, region):
        """Articles of the region and of every region below it; all of them when ``region`` is None."""
        from regions.models import Region

        if region is None:
            return self
        return self.filter(region__in=Region.objects.self_and_descendants(region).values("pk"))

    def for_listing(self):
        """Everything a card in a list shows, in a fixed number of queries.

        1 query for the articles joined with region, column and source, then
        1 for the byline with its authors. The search columns are large and
        no page shows them, so they stay in the database.
        """
        return self.for_cards().prefetch_related(byline_with_authors())

    def for_cards(self):
        """``for_listing`` without the byline, for a page that loads the
        bylines of several lists in one query (``byline_with_authors``)."""
        return self.select_related("region", "column", "source").defer("search_document", "search_vector")

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class Article(ReaderArticleMixin, models.Model):  # type: ignore[django-manager-missing]  # taggit's through model
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PENDING = "pending", "待审核"
        PUBLISHED = "published", "已发布"
        REJECTED = "rejected", "已退回"
        WITHDRAWN = "withdrawn", "已撤稿"

    title = models.CharField("标题", max_length=120, help_text="主标题，建议不超过 30 个字。")
    subtitle = models.CharField("副标题", max_length=120, blank=True, help_text="可留空。")
    summary = models.TextField(
        "摘要", max_length=500, blank=True, help_text="列表和分享时显示的一两句话，不超过 500 字。"
    )
    body = RichTextUploadingField("正文", help_text="保存时会自动清除脚本、事件属性和危险链接。")
    cover_image = ReencodedImageField(
        "封面图",
        upload_to="covers/%Y/%m/",
        blank=True,
        validators=[validate_raster_image],
        help_text="JPEG、PNG、GIF 或 WebP 图片，列表和分享时使用。",
    )
    # The video's poster, duration and size are written by VideoField when a
    # new file is stored (articles.videos); declared after it for that reason.
    video = VideoField(
        "视频",
        upload_to="videos/%Y/%m/",
        blank=True,
        default="",
        db_default="",  # bulk loaders (bench_seed's COPY) leave the video columns out
        validators=[validate_video],
        help_text="MP4 视频（H.264 视频编码，AAC 音频或无声），显示在正文上方；保存时自动截取封面画面。",
    )
    video_caption = models.CharField(
        "视频说明", max_length=200, blank=True, default="", db_default="", help_text="显示在视频下方，可留空。"
    )
    video_poster = models.ImageField(
        "视频封面", upload_to="videos/%Y/%m/", blank=True, default="", db_default="", editable=False
    )
    video_duration = models.FloatField("视频时长（秒）", null=True, blank=True, editable=False)
    video_width = models.PositiveIntegerField("视频宽度", null=True, blank=True, editable=False)
    video_height = models.PositiveIntegerField("视频高度", null=True, blank=True, editable=False)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="地区",
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="新闻发生的地区，决定它出现在哪些地区频道。",
    )
    column = models.ForeignKey(
        Column,
        verbose_name="栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="如“时政”、“乡里乡亲”。",
    )
    source = models.ForeignKey(
        Source,
        verbose_name="来源",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="稿件来源，如“四川经济日报”；本站原创可留空。",
    )
    authors = models.ManyToManyField(Author, through="Byline", verbose_name="作者", related_name="articles", blank=True)
    tags = TaggableManager("标签", through=TaggedArticle, blank=True, help_text="用逗号分隔多个标签。")

    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        "发布时间", null=True, blank=True, db_index=True, help_text="填写将来的时间即为定时发布，到点自动对读者可见。"
    )
    is_featured = models.BooleanField("头条", default=False, help_text="勾选后出现在首页头条。")
    featured_until = models.DateTimeField(
        "头条截止时间", null=True, blank=True, help_text="过了这个时间自动退出头条；留空则一直保留。"
    )
    is_pinned = models.BooleanField("频道置顶", default=False, help_text="勾选后在所属地区频道的列表顶部显示。")
    pinned_until = models.DateTimeField(
        "置顶截止时间", null=True, blank=True, help_text="过了这个时间回到正常顺序；留空则一直置顶。"
    )
    recommended = models.ManyToManyField(
        "self",
        verbose_name="新闻推荐",
        symmetrical=False,
        blank=True,
        related_name="recommended_by",
        help_text="编辑为本文挑选的推荐阅读，显示在文章页“新闻推荐”。",
    )
    allow_comments = models.BooleanField("允许评论", default=True, help_text="取消勾选即关闭本文评论。")

    review_note = models.TextField("审核意见", blank=True, help_text="编辑退回稿件时写给记者的意见。")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_articles",
        editable=False,
    )
    submitted_at = models.DateTimeField("提交审核时间", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_articles",
        editable=False,
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    view_count = models.PositiveIntegerField("阅读数", default=0, editable=False)
    comment_count = models.PositiveIntegerField("评论数", default=0, editable=False, help_text="已通过审核的评论数。")
    search_document = models.TextField(
        "搜索分词",
        blank=True,
        default="",
        # Bulk loaders (bench_seed's COPY) leave the column out; the database fills it.
        db_default="",
        editable=False,
        help_text="标题、摘要和正文的分词结果，保存时自动生成，供站内搜索使用。",
    )
    search_vector = SearchVectorField(
        "搜索向量",
        null=True,
        editable=False,
        help_text="由搜索分词生成的全文检索向量，保存时自动生成。",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            models.Index(fields=["region", "status", "-published_at"], name="article_region_published"),
            # No pending list, which every search would read (migration 0008).
            GinIndex(fields=["search_vector"], fastupdate=False, name="article_search_gin"),
            # Top stories and the article page's picks, newest first: a few
            # thousand rows at 1M articles instead of a walk along every article.
            models.Index(
                fields=["-published_at"],
                condition=models.Q(is_featured=True) | models.Q(is_pinned=True),
                name="article_featured_or_pinned",
            ),
            # The listing order in full, so a page's ids come off the index
            # alone (BoundedPaginator.page): a channel page, and every page.
            models.Index(fields=["region", "status", "-published_at", "-id"], name="article_region_page_order"),
            models.Index(fields=["status", "-published_at", "-id"], name="article_page_order"),
        ]
        permissions = [("review_article", "审稿：发布、定时、退回、撤稿和推荐")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_body(self.body)
        # What readers saw before this save, for articles.changes.
        self.before_save = (getattr(self, "_saved_status", None), getattr(self, "_saved_region_id", None))
        super().save(*args, **kwargs)
        moved = getattr(self, "_saved_region_id", None) not in (None, self.region_id)
        if moved:
            # Its views count for its new region's hot lists from now on.
            self.daily_views.update(region=self.region_id)
        self._saved_region_id = self.region_id
        self._saved_status = self.status

    def get_absolute_url(self):
        return self.url_of(self.pk)

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        article._saved_region_id = article.__dict__.get("region_id")
        article._saved_status = article.__dict__.get("status")
        # Whatever shows an article read from the database shows what
        # ArticleChanged(article) makes stale (articles.staleness).
        depends_on(f"article:{article.pk}")
        return article

    @staticmethod
    def url_of(pk):
        """The article page's URL, for lists read as plain values."""
        return reverse_one("articles:detail", pk)

    @classmethod
    def urls_of(cls, pks):
        """``{pk: url_of(pk)}``."""
        return {pk: cls.url_of(pk) for pk in pks}

    @property
    def is_visible_to_readers(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    # --- Editorial workflow transitions --------------------------------------
    # Who may make each move is decided in articles/workflow.py; these methods
    # only apply it, save the changed fields and write the audit row.

    def submit(self, by):
        """Draft or rejected -> pending review."""
        self._transition("submit", by, submitted_by=by, submitted_at=timezone.now())

    def publish(self, by, at=None):
        """Draft or pending -> published; a future ``at`` schedules it."""
        published_at = at or self.published_at or timezone.now()
        self._transition("publish", by, published_at=published_at, review_note="")

    def reject(self, by, note):
        """Pending -> rejected, with the editor's note for the journalist."""
        if not note or not note.strip():
            raise workflow.TransitionNotAllowed("退回稿件时必须填写审核意见。")
        self._transition("reject", by, note=note.strip(), review_note=note.strip())

    def withdraw(self, by, note=""):
        """Published -> withdrawn (撤稿): readers no longer see it."""
        self._transition("withdraw", by, note=note)

    def reopen(self, by):
        """Rejected -> draft, when the journalist takes it back to edit."""
        self._transition("reopen", by)

    def recall(self, by):
        """Pending -> draft (撤回): its author takes back a submission no editor has acted on."""
        self._transition("recall", by, submitted_at=None)

    def _transition(self, name, by, note="", **changes):
        with transaction.atomic(), reversion.create_revision():
            # Lock the row so two editors clicking at once cannot both move it.
            self.status = type(self).objects.select_for_update().values_list("status", flat=True).get(pk=self.pk)
            reason = workflow.refusal(name, by, self)
            if reason:
                raise workflow.TransitionNotAllowed(reason)
            from_status, self.status = self.status, workflow.get_transition(name).target
            for field, value in changes.items():
                setattr(self, field, value)
            self.save(update_fields=["status", "updated_at", *changes])
            ArticleTransition.objects.create(
                article=self, from_status=from_status, to_status=self.status, by=by, note=note
            )
            reversion.set_user(by)
            reversion.set_comment(workflow.get_transition(name).label)

    # --- end of editorial workflow transitions --------------------------------

    def byline_display(self):
        """ "记者 汤斌 文/图 李明 摄影": each author once, roles joined by "/".

        Reads the prefetched byline, so calling it in a list costs no query.
        """
        roles_by_author = {}
        for line in self.byline.all():
            roles_by_author.setdefault(line.author, []).append(line.get_role_display())
        return " ".join(f"{author.name} {'/'.join(roles)}" for author, roles in roles_by_author.items())

    def author_names(self):
        """Who wrote or shot the story, each once in byline order: every role
        but 编辑, who is named in the byline without being its author.

        Reads the prefetched byline, so calling it in a list costs no query.
        """
        lines = self.byline.all()
        return list(dict.fromkeys(line.author.name for line in lines if line.role != Byline.Role.EDITOR))


class Byline(models.Model):
    class Role(models.TextChoices):
        TEXT = "text", "文"
        PICTURE = "picture", "图"
        PHOTOGRAPHY = "photo", "摄影"
        EDITOR = "editor", "编辑"

    article = models.ForeignKey(Article, verbose_name="文章", on_delete=models.CASCADE, related_name="byline")
    author = models.ForeignKey(Author, verbose_name="作者", on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(
        "分工", max_length=10, choices=Role.choices, default=Role.TEXT, help_text="文、图、摄影或编辑。"
    )
    sort_order = models.PositiveSmallIntegerField("顺序", default=0, help_text="署名顺序，数字小的在前。")

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author", "role"], name="byline_unique_role")]

    def __str__(self):
        return f"{self.author.name} {self.get_role_display()}"


class ArticlePhoto(models.Model):
    article = models.ForeignKey(Article, verbose_name="文章", on_delete=models.CASCADE, related_name="photos")
    image = ReencodedImageField(
        "图片", upload_to="photos/%Y/%m/", validators=[validate_raster_image], help_text="JPEG、PNG、GIF 或 WebP 图片。"
    )
    caption = models.CharField("图片说明", max_length=300, blank=True, help_text="显示在图片下方。")
    credit = models.CharField("摄影/来源", max_length=100, blank=True, help_text="如“汤斌 摄”。")
    sort_order = models.PositiveSmallIntegerField("顺序", default=0, help_text="数字小的在前。")

    class Meta:
        verbose_name = "组图"
        verbose_name_plural = "组图"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.caption or f"{self.article} 的图片"


class ArticleTransition(models.Model):
    """One move through the editorial workflow: the audit trail of an article."""

    article = models.ForeignKey(Article, verbose_name="文章", on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField("原状态", max_length=12, choices=Article.Status.choices)
    to_status = models.CharField("新状态", max_length=12, choices=Article.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", default=timezone.now)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "流程记录"
        verbose_name_plural = "流程记录"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.article}: {self.get_from_status_display()} → {self.get_to_status_display()}"


class ArticleDailyViews(models.Model):
    """Views of one article on one day (Asia/Shanghai); hot lists read these.

    The article's region is kept on the row too (and moves with the article),
    so a region's hot list reads that region's rows of the week by index
    instead of every row of the week with its article.
    """

    article = models.ForeignKey(Article, verbose_name="文章", on_delete=models.CASCADE, related_name="daily_views")
    region = models.ForeignKey(
        "regions.Region", verbose_name="地区", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    day = models.DateField("日期")
    views = models.PositiveIntegerField("阅读数", default=0)

    class Meta:
        verbose_name = "每日阅读数"
        verbose_name_plural = "每日阅读数"
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="daily_views_unique_day")]
        indexes = [
            models.Index(fields=["day", "article"], name="daily_views_day"),
            models.Index(fields=["region", "day"], name="daily_views_region_day"),
        ]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"


class FlushedViewBatchQuerySet(models.QuerySet):
    def flushed_before(self, moment):
        return self.filter(flushed_at__lt=moment)


class FlushedViewBatch(models.Model):
    """A batch of buffered views already added to the counts (articles.counters).

    Written in the same transaction as the counts it added, so a flush killed
    after its commit, before it could drop the batch from Redis, is retried
    without counting the batch twice.
    """

    batch = models.CharField(
        "批次", max_length=64, primary_key=True, help_text="写入时在 Redis 中给这批阅读数取的唯一名称（日期:编号）。"
    )
    views = models.PositiveIntegerField("阅读数", default=0, help_text="这一批加到文章上的阅读数。")
    flushed_at = models.DateTimeField("写入时间", default=timezone.now, db_index=True)

    objects = FlushedViewBatchQuerySet.as_manager()

    class Meta:
        verbose_name = "已写入的阅读数批次"
        verbose_name_plural = "已写入的阅读数批次"

    def __str__(self):
        return f"{self.batch}: {self.views}"


class EditorScope(models.Model):
    """One region an editor handles; an editor with none handles every region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="编辑",
        on_delete=models.CASCADE,
        related_name="editor_scopes",
        help_text="属于“编辑”组的后台账号。",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="负责地区",
        on_delete=models.CASCADE,
        related_name="editor_scopes",
        help_text="该编辑负责此地区及其下属地区的稿件；如指定资阳市即含其下各区县。",
    )

    class Meta:
        verbose_name = "编辑负责地区"
        verbose_name_plural = "编辑负责地区"
        ordering = ["user", "region"]
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="editor_scope_unique_region")]

    def __str__(self):
        return f"{self.user}：{self.region}"


class ArticleSideLists(models.Model):
    """An article's 相关新闻, its editor's picks for 新闻推荐 and its neighbours,
    chosen when content changes (articles.side_lists), never while a reader waits.

    Ids only: the page reads the articles behind them in one query, still
    published, with their titles as they are now. Each list keeps a few
    more than the page shows, so a withdrawn one leaves no gap.
    """

    article = models.OneToOneField(
        Article, verbose_name="文章", primary_key=True, on_delete=models.CASCADE, related_name="side_lists"
    )
    related = ArrayField(models.BigIntegerField(), verbose_name="相关新闻", default=list, blank=True)
    recommended = ArrayField(models.BigIntegerField(), verbose_name="新闻推荐", default=list, blank=True)
    previous_id = models.BigIntegerField("上一篇", null=True, blank=True)
    next_id = models.BigIntegerField("下一篇", null=True, blank=True)
    built_at = models.DateTimeField("生成时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "文章侧栏列表"
        verbose_name_plural = "文章侧栏列表"

    def __str__(self):
        return f"{self.article_id} 的侧栏列表"

    def shown_ids(self):
        """Every id the page may show, neighbours first."""
        return [pk for pk in (self.previous_id, self.next_id) if pk] + [*self.recommended, *self.related]


class ArticleDraft(models.Model):
    """What one person typed into an article's form and has not saved yet,
    kept by autosave (articles.autosave) beside the article, never in it."""

    article = models.ForeignKey(Article, verbose_name="稿件", on_delete=models.CASCADE, related_name="drafts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填写人", on_delete=models.CASCADE, related_name="article_drafts"
    )
    fields = models.JSONField(
        "表单内容", default=dict, help_text="自动保存时表单里的标题、副标题、摘要、正文和标签，按字段名保存。"
    )
    saved_at = models.DateTimeField("自动保存时间", default=timezone.now)

    class Meta:
        verbose_name = "自动保存的内容"
        verbose_name_plural = "自动保存的内容"
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="article_draft_one_per_user")]

    def __str__(self):
        return f"{self.user} 对《{self.article}》自动保存的内容"

    def get_absolute_url(self):
        return reverse("admin:articles_article_change", args=[self.article_id])
