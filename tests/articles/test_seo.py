"""Search engines and social apps read an article page's head: canonical URL, Open Graph, JSON-LD, feeds."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article, Byline
from tests.articles.discovery_data import build_news, build_region_tree
from tests.articles.video_files import video_upload
from tests.factories import ArticleFactory, AuthorFactory, BylineFactory, RegionFactory

pytestmark = pytest.mark.django_db
HOSTILE_TITLE = '柠檬</script><script>alert("x")</script>&amp;'


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://news.example.cn"


@pytest.fixture
def news():
    return build_news(build_region_tree())


@pytest.fixture
def tiny_png():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "yellow").save(buffer, "PNG")
    return buffer.getvalue()


def article_head(article):
    article = Article.objects.for_listing().get(pk=article.pk)
    return render_to_string("includes/article_meta.html", {"article": article, "SITE_NAME": "川中地方网"})


def json_ld(head):
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.DOTALL)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def meta(head, prop):
    match = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)">', head)
    return match and match.group(1)


def test_article_head_has_canonical_url_and_open_graph_tags(news):
    head = article_head(news["lezhi"])
    url = "https://news.example.cn" + news["lezhi"].get_absolute_url()

    assert f'<link rel="canonical" href="{url}">' in head
    assert meta(head, "og:url") == url
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:title") == "乐至县蚕桑产业助农增收"
    assert meta(head, "og:description") == "蚕桑成了致富路。"
    assert meta(head, "article:published_time").endswith("+08:00")
    assert meta(head, "og:image") is None  # no cover, no image tag


def test_news_article_json_ld_names_its_authors_and_the_publisher(news):
    data = json_ld(article_head(news["lezhi"]))

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "乐至县蚕桑产业助农增收"
    # 汤斌 wrote it and 李明 took the photos; 王芳 edited it, which makes her no author.
    assert [author["name"] for author in data["author"]] == ["汤斌", "李明"]
    assert data["publisher"]["name"] == "川中地方网"
    assert data["mainEntityOfPage"]["@id"] == "https://news.example.cn" + news["lezhi"].get_absolute_url()
    assert data["datePublished"] and data["dateModified"]


def test_an_editor_is_an_author_only_of_what_they_wrote_or_shot():
    article = ArticleFactory(title="安岳柠檬节开幕", region=RegionFactory())
    zhou, chen, wu = (AuthorFactory(name=name) for name in ["周编", "陈图", "吴编"])
    # 周编 edited the story and wrote part of it; 吴编 only edited it.
    for order, (author, role) in enumerate(
        [(zhou, Byline.Role.EDITOR), (chen, Byline.Role.PICTURE), (zhou, Byline.Role.TEXT), (wu, Byline.Role.EDITOR)]
    ):
        BylineFactory(article=article, author=author, role=role, sort_order=order)

    names = [author["name"] for author in json_ld(article_head(article))["author"]]

    assert names == ["陈图", "周编"]


def test_a_story_with_only_an_editor_in_its_byline_names_no_author():
    article = ArticleFactory(title="安岳柠檬节开幕", region=RegionFactory())
    BylineFactory(article=article, author=AuthorFactory(name="吴编"), role=Byline.Role.EDITOR)

    assert "author" not in json_ld(article_head(article))


def test_a_cover_image_appears_as_og_image_and_in_json_ld(news, tiny_png):
    article = news["anyue"]
    article.cover_image = SimpleUploadedFile("lemon.png", tiny_png, content_type="image/png")
    article.save()

    head = article_head(article)

    assert meta(head, "og:image").startswith("https://news.example.cn/media/covers/")
    assert json_ld(head)["image"] == [meta(head, "og:image")]


def test_a_hostile_title_cannot_break_out_of_the_json_ld_script():
    article = ArticleFactory(title=HOSTILE_TITLE, summary="<img src=x onerror=alert(1)>", region=RegionFactory())

    head = article_head(article)

    assert json_ld(head)["headline"] == HOSTILE_TITLE
    assert "<script>alert" not in head
    assert "<img src=x" not in head
    assert meta(head, "og:title") == "柠檬&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;amp;"


def test_every_page_links_the_latest_feed_and_a_region_page_its_channel_feed(news):
    region = news["lezhi"].region
    plain = render_to_string("includes/rss_link.html", {"SITE_NAME": "川中地方网"})
    channel = render_to_string("includes/rss_link.html", {"SITE_NAME": "川中地方网", "region": region})
    on_article = render_to_string("includes/rss_link.html", {"SITE_NAME": "川中地方网", "article": news["anyue"]})

    assert plain.count('type="application/rss+xml"') == 1
    assert f'href="{reverse("feed-latest")}"' in plain
    assert f'href="{reverse("feed-region", args=[region.path])}"' in channel
    assert f'href="{reverse("feed-region", args=["sichuan/ziyang/anyue"])}"' in on_article


def test_robots_txt_allows_the_site_hides_admin_and_search_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    body = response.content.decode()

    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *\nAllow: /\n" in body
    assert "Disallow: /admin/" in body and "Disallow: /search/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_the_search_page_asks_not_to_be_indexed(client):
    assert '<meta name="robots" content="noindex, follow">' in client.get(reverse("search")).content.decode()


def test_a_video_story_tells_search_engines_and_chat_apps_about_its_video(video_files):
    article = ArticleFactory(title="乐至县春耕现场", summary="记者走进田间地头。", region=RegionFactory())
    article.video = video_upload("春耕.mp4", video_files["h264-aac.mp4"])
    article.video_caption = "乐至县春耕现场视频"
    article.save()
    site = "https://news.example.cn"

    head = article_head(article)
    video = json_ld(head)["video"]

    assert video["@type"] == "VideoObject" and video["name"] == "乐至县春耕现场视频"
    assert video["contentUrl"] == site + article.video.url
    assert video["thumbnailUrl"] == [site + article.video_poster.url]
    assert video["duration"] == "PT2S" and video["uploadDate"].endswith("+08:00")
    assert meta(head, "og:video") == site + article.video.url


def test_a_story_without_video_names_none(news):
    head = article_head(news["lezhi"])

    assert "video" not in json_ld(head) and meta(head, "og:video") is None
