"""RSS 2.0 feeds: the latest news, and each region channel with everything under it."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.text import Truncator

from articles.models import Article, Byline
from articles.sanitize import plain_text
from articles.schedule import shows_newest
from core.kept import depends_on
from core.text import without_control_characters
from regions.models import Region

FEED_SIZE = 30
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


class NewsRss(Rss201rev2Feed):
    """RSS 2.0 with one <dc:creator> per author, and no control characters.

    RSS's own <author> element takes a single e-mail address; a Chinese byline
    often has three people (文、图、编辑), so every name gets a Dublin Core creator.

    Every text is cleaned of what XML 1.0 forbids here, where it is written:
    save() cleans new text already, but one row from before that, or written
    by update(), made Django's writer refuse the whole feed.
    """

    def __init__(self, **kwargs):
        super().__init__(**{name: without_control_characters(value) for name, value in kwargs.items()})

    def add_item(self, **kwargs):
        super().add_item(**{name: without_control_characters(value) for name, value in kwargs.items()})

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DC_NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["creators"]:
            handler.addQuickElement("dc:creator", name)


class LatestArticlesFeed(Feed):
    feed_type = NewsRss

    def title(self):
        return f"{settings.SITE_NAME} - 最新新闻"

    def link(self):
        return reverse("articles:home")

    def description(self):
        return escape(settings.SITE_TAGLINE)

    def feed_url(self):
        return reverse("feed-latest")

    def items(self, region=None):
        shows_newest()
        depends_on(f"list:region:{region.pk}" if region else "list:home")
        articles = Article.objects.published().in_region(region)
        # 3 queries whatever the feed holds: articles with region and source, bylines with authors, tags.
        return (
            articles.select_related("region", "source")
            .prefetch_related(Prefetch("byline", queryset=Byline.objects.select_related("author")), "tags")
            .newest_first()[:FEED_SIZE]
        )

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Feed readers render a description as HTML: escaped, staff text stays text.
        return escape(article.summary or Truncator(plain_text(article.body)).chars(200))

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]

    def item_extra_kwargs(self, article):
        names = dict.fromkeys(line.author.name for line in article.byline.all())
        return {"creators": list(names)}


class RegionArticlesFeed(LatestArticlesFeed):
    """/feeds/region/sichuan/ziyang/: a channel's news, its counties' included."""

    def get_object(self, request, path):
        return get_object_or_404(Region.objects.active(), path=path.strip("/"))

    def title(self, region):
        return f"{region.channel_name} - {settings.SITE_NAME}"

    def link(self, region):
        return region.get_absolute_url()

    def description(self, region):
        return escape(region.description or f"{settings.SITE_NAME}{region.channel_name}频道的最新新闻")

    def feed_url(self, region):
        return reverse("feed-region", kwargs={"path": region.path})
