from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from articles import article_page, region_lists
from articles.counters import record_view
from articles.models import Article, Author, Column, Source, byline_with_authors
from articles.readers import reader_of
from articles.reading import any_of_ids
from articles.schedule import shows_newest
from articles.sidebars import channel_region_ids, sub_regions
from core.kept import depends_on
from regions.models import Region

HOME_TOP_STORIES = 5
HOME_CITY_BLOCKS = 8
HOME_CITY_BLOCK_SIZE = 4
MAX_LIST_PAGES = 250


class BoundedPaginator(Paginator):
    """Numbered pages over at most MAX_LIST_PAGES pages: the newest few thousand articles.

    A plain count of a channel's articles reads every one of them (a million
    on a big portal) on every list request, and readers hardly page past the
    first dozen pages; older news is found with search. Counting stops at the
    cap, so the count costs at most MAX_LIST_PAGES pages of rows, and a page
    beyond the cap is a 404 like any page past the end.
    """

    def page(self, number):
        """The page's articles chosen by id first, then fetched whole.

        The ids come off the index alone (region or status, publish time, id);
        only the page's rows are then read and dressed (region, column,
        picture), not the thousands an OFFSET skips on a deep page.
        """
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        page_ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(any_of_ids(page_ids)), number, self)

    @cached_property
    def count(self):
        # Only the ids: the subquery then skips the picture lookup and the joins of the list.
        return self.object_list.order_by().values("pk")[: MAX_LIST_PAGES * self.per_page].count()

    @property
    def is_capped(self):
        """True when older articles exist beyond the last numbered page."""
        return self.count >= MAX_LIST_PAGES * self.per_page


class HomeView(ListView):
    """Latest news, paginated; the first page also carries the front-page blocks."""

    template_name = "articles/home.html"
    context_object_name = "articles"
    paginate_by = 15
    paginator_class = BoundedPaginator

    def get_queryset(self):
        shows_newest()
        depends_on("list:home")
        published = Article.objects.published()
        # The 头条 block's articles are left out of 最新新闻 on every page, not
        # only the first, so no article falls between page 1 and page 2. As a
        # subquery it costs later pages, which have no 头条 block, no query.
        top_story_ids = published.featured().newest_first().values("pk")[:HOME_TOP_STORIES]
        return published.exclude(pk__in=top_story_ids).for_listing().with_picture().newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            published = Article.objects.published()
            top_stories = published.featured().for_listing().with_picture().newest_first()
            context["top_stories"] = list(top_stories[:HOME_TOP_STORIES])
            context["city_blocks"] = city_blocks(published.latest_by_city(HOME_CITY_BLOCK_SIZE))
            context["photo_news"] = list(published.illustrated().select_related("region").newest_first()[:6])
        return context


def city_blocks(articles):
    """[(city, [articles])] from ``latest_by_city`` rows, at most HOME_CITY_BLOCKS cities."""
    blocks = {}
    for article in articles:
        city = article.region if article.region_id == article.city_id else article.region.parent
        blocks.setdefault(article.city_id, (city, []))[1].append(article)
    ordered = sorted(blocks.values(), key=lambda block: (block[0].sort_order, block[0].adcode))
    return ordered[:HOME_CITY_BLOCKS]


class ArticleListMixin:
    """A paginated list of published articles filtered by one subject."""

    template_name: str | None = "articles/article_list.html"
    context_object_name: str | None = "articles"
    paginate_by: int | None = 20
    paginator_class: type = BoundedPaginator

    list_name: str | None = None  # what the list is of, for core.kept: "region", "tag", ...

    def get_subject(self):
        raise NotImplementedError

    def get_page_title(self, subject):
        return str(subject)

    def filter_articles(self, articles, subject):
        raise NotImplementedError

    def get_queryset(self):
        self.subject = self.get_subject()
        shows_newest()
        depends_on(f"list:{self.list_name}:{self.subject.pk}")
        articles = self.filter_articles(Article.objects.published(), self.subject)
        return articles.for_listing().with_picture().newest_first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(subject=self.subject, page_title=self.get_page_title(self.subject), **kwargs)


class PhotoStoriesView(ListView):
    """图文看点: every published story with a picture (a cover or a photo), newest
    first, as large photo cards."""

    template_name = "articles/photo_stories.html"
    context_object_name = "articles"
    paginate_by = 12
    paginator_class = BoundedPaginator

    def get_queryset(self):
        shows_newest()
        depends_on("list:photos")
        return Article.objects.published().illustrated_all().for_listing().newest_first()


class RegionView(ArticleListMixin, ListView):
    """A region channel: its own and its sub-regions' news, pinned ones first."""

    list_name = "region"

    template_name = "articles/region.html"

    def get_subject(self):
        # A channel under a switched-off city or province is switched off too.
        regions = (
            Region.objects.active()
            .exclude(parent__is_active=False)
            .exclude(parent__parent__is_active=False)
            .select_related("parent__parent")
        )
        return get_object_or_404(regions, path=self.kwargs["path"])

    def get_queryset(self):
        # Bylines are loaded below for the pinned articles and the page together.
        return super().get_queryset().prefetch_related(None)

    def filter_articles(self, articles, region):
        # Evaluated here, before the page's query, so the page can leave them out.
        self.pinned = list(articles.pinned().filter(region=region).for_cards().with_picture().newest_first())
        # The channel's regions as a list of ids, not a subquery: PostgreSQL then
        # knows how many there are and pages a province (200 regions) along the
        # publish-time index and a county through its own rows.
        return articles.filter(region__in=channel_region_ids(region)).exclude(pk__in=[a.pk for a in self.pinned])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Not called "pinned": the card template reads that name as its badge flag,
        # and an included template sees the whole page context.
        context["pinned_articles"] = self.pinned if context["page_obj"].number == 1 else []
        context["sub_regions"] = sub_regions(self.subject)
        context["region_lists"] = region_lists.for_region(self.subject)
        page = list(context["page_obj"])
        prefetch_related_objects([*context["pinned_articles"], *page], byline_with_authors())
        context["articles"] = context["object_list"] = page
        return context


class ColumnView(ArticleListMixin, ListView):
    list_name = "column"

    def get_subject(self):
        return get_object_or_404(Column, slug=self.kwargs["slug"])

    def filter_articles(self, articles, column):
        return articles.filter(column=column)


class TagView(ArticleListMixin, ListView):
    list_name = "tag"

    def get_page_title(self, tag):
        return f"标签：{tag.name}"

    def get_subject(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def filter_articles(self, articles, tag):
        return articles.filter(tags=tag)


class AuthorView(ArticleListMixin, ListView):
    list_name = "author"

    def get_page_title(self, author):
        return f"{author.name}的新闻"

    def get_subject(self):
        return get_object_or_404(Author, pk=self.kwargs["pk"])

    def filter_articles(self, articles, author):
        return articles.filter(pk__in=author.bylines.values("article_id"))


class SourceView(ArticleListMixin, ListView):
    list_name = "source"

    def get_page_title(self, source):
        return f"来源：{source.name}"

    def get_subject(self):
        return get_object_or_404(Source, pk=self.kwargs["pk"])

    def filter_articles(self, articles, source):
        return articles.filter(source=source)


class ArticleDetailView(DetailView):
    """The article page: three queries at most, whatever is in the cache
    (articles.article_page). Its views are counted with the page-cache
    lookup when the page cache answers (articles.counters.page_hit_counter),
    else here."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return article_page.with_page_parts(Article.objects.published().defer("search_document", "search_vector"))

    def get_object(self, queryset=None):
        article = article_page.unpack(super().get_object(queryset))
        if not getattr(self.request, "page_hit_counted", False):
            record_view(article.pk, reader_of(self.request))
        return article

    def get_context_data(self, **kwargs):
        return super().get_context_data(**article_page.context(self.object), **kwargs)
