import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.views.generic import RedirectView, TemplateView
from django.views.static import serve

from articles.feeds import LatestArticlesFeed, RegionArticlesFeed
from articles.sitemaps import SITEMAPS
from articles.uploads import editor_browse, editor_upload
from search import views as search_views

# The header and the page titles are the admin theme's settings (UNFOLD in settings.py).
admin.site.index_title = "新闻管理"

# Database down while a middleware runs -> the 503 page (core/resilience.py).
handler500 = "core.resilience.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Permission and image checks in front of django-ckeditor's views, under
    # their names; prefix matches like theirs, so no path slips past to them.
    re_path(r"^ckeditor/upload/", editor_upload, name="ckeditor_upload"),
    re_path(r"^ckeditor/browse/", editor_browse, name="ckeditor_browse"),
    path("ckeditor/", include("ckeditor_uploader.urls")),
    path("comments/", include("comments.urls")),
    path("members/", include("members.urls")),
    # Search, feeds, discovery and 专题: before articles.urls, whose last pattern catches region paths.
    path("search/", search_views.search, name="search"),
    path("feeds/latest/", LatestArticlesFeed(), name="feed-latest"),
    path("feeds/region/<path:path>/", RegionArticlesFeed(), name="feed-region"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    # Browsers ask for /favicon.ico whatever the page links. Not permanent, and
    # looked up per request: in production the file's name carries its hash.
    path("favicon.ico", RedirectView.as_view(url=lazy(static_url, str)("favicon.ico")), name="favicon"),
    path("zhuanti/", include("topics.urls")),
    path("ad/", include("ads.urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    # Django's static() helper adds nothing with DEBUG off, which the demo runs with.
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]
