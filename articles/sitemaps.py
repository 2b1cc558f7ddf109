"""sitemap.xml: an index pointing at one section each for articles, channels and columns."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from articles.models import Article, Column
from regions.models import Region


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8
    # The index lists one file per this many articles; well under the protocol's 50,000.
    limit = 5000

    def items(self):
        return Article.objects.published().only("pk", "updated_at").newest_first()

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # The default walks every item in Python; the database answers in one query.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class RegionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Region.objects.active().only("pk", "path").order_by("adcode")


class ColumnSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Column.objects.only("pk", "slug").order_by("sort_order", "pk")


SITEMAPS = {"articles": ArticleSitemap, "channels": RegionSitemap, "columns": ColumnSitemap}
