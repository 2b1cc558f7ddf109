"""A control character in a title or a description cannot take a feed or the sitemap down (issue 23, item 2).

Publishing ``Word粘贴的标题\\x0b第二行`` made /feeds/latest/ and its region
feeds answer 500 until 30 newer articles pushed it out, and a region
description with a control character broke that region's feed. Here every
such character goes into every text a feed or sitemap shows, both through
save() and written straight into the rows (as data saved before the fix),
and every feed and sitemap must answer 200 with XML a parser accepts.
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, Author, Byline, Column
from regions.models import Region
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CONTROL = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"] + ["\x7f", "\x85"]
XML_ILLEGAL = ["\ud800", "\ufffe", "\uffff"]
# PostgreSQL stores neither NUL nor a lone surrogate, so no old row can hold them.
STORABLE = [char for char in CONTROL + XML_ILLEGAL if char not in ("\x00", "\ud800")]


def every_feed_and_sitemap(regions):
    urls = [reverse("feed-latest"), reverse("sitemap")]
    urls += [reverse("feed-region", args=[region.path]) for region in regions.values()]
    urls += [reverse("sitemap-section", kwargs={"section": name}) for name in ("articles", "channels", "columns")]
    return urls


def assert_all_parse(client, regions):
    for url in every_feed_and_sitemap(regions):
        response = client.get(url)
        assert response.status_code == 200, url
        ET.fromstring(response.content)  # raises ParseError on anything XML forbids


def publish_with(regions, char):
    lezhi = regions["lezhi"]
    lezhi.description = f"乐至{char}频道简介"
    lezhi.save()
    article = ArticleFactory(
        region=lezhi,
        title=f"Word粘贴的标题{char}第二行",
        summary=f"摘要{char}第二行",
        body=f"<p>正文{char}</p>",
        column=Column.objects.create(name=f"栏目{char}"),
    )
    Byline.objects.create(article=article, author=Author.objects.create(name=f"汤{char}斌"))
    article.tags.add(Tag.objects.create(name=f"标签{char}"))
    return article


@pytest.mark.parametrize("char", CONTROL + XML_ILLEGAL, ids=lambda c: f"U+{ord(c):04X}")
def test_feeds_and_sitemaps_stay_xml_when_a_title_or_description_carries_the_character(client, regions, char):
    publish_with(regions, char)

    assert_all_parse(client, regions)
    feed = ET.fromstring(client.get(reverse("feed-latest")).content)
    assert feed.find("channel/item/title").text == "Word粘贴的标题第二行"


@pytest.mark.parametrize("char", STORABLE, ids=lambda c: f"U+{ord(c):04X}")
def test_rows_saved_before_the_fix_are_cleaned_on_the_way_out(client, regions, char):
    article = publish_with(regions, "")
    Article.objects.filter(pk=article.pk).update(title=f"标题{char}", summary=f"摘要{char}", body=f"<p>正{char}文</p>")
    Region.objects.filter(pk=regions["lezhi"].pk).update(description=f"简介{char}")
    Author.objects.update(name=f"汤{char}斌")
    article.tags.update(name=f"标签{char}")

    assert_all_parse(client, regions)
    item = ET.fromstring(client.get(reverse("feed-latest")).content).find("channel/item")
    assert (item.findtext("title"), item.findtext("description")) == ("标题", "摘要")


@pytest.mark.parametrize("url", ["/tag/%00/", "/feeds/region/%00/", "/column/a%00/", "/admin/taggit/tag/%00/change/"])
def test_a_nul_in_the_path_is_a_page_not_found_not_a_server_error(client, superuser, url):
    """PostgreSQL refuses NUL in any text, so a lookup with one was a 500."""
    client.force_login(superuser)

    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%E6%9F%A0%E6%AA%AC%00",
        "/?page=1%00",
        "/admin/comments/comment/?status=%00",
        "/admin/articles/article/?q=%00",
        "/admin/regions/region/?province=%00",
        "/admin/taggit/tag/?q=a%00b",
    ],
)
def test_a_nul_in_the_query_is_dropped(client, superuser, regions, url):
    client.force_login(superuser)

    response = client.get(url)

    assert response.status_code == 200
    assert all("\x00" not in key + value for key, value in response.wsgi_request.GET.items())


# Bytes that are not UTF-8: a lone byte, a reversed BOM, an overlong "/" and a
# UTF-16 surrogate. Django keeps such a path percent-encoded (as the client sent it).
INVALID_UTF8 = ["%FF", "%FF%FE", "%C0%AF", "%ED%A0%80"]


@pytest.mark.parametrize("raw", INVALID_UTF8)
@pytest.mark.parametrize(
    "template",
    ["/tag/{}/", "/sichuan/{}/", "/feeds/region/{}/", "/feeds/region/sichuan{}/", "/column/{}/", "/article/1{}/",
     "/{}/", "/media/{}", "/comments/report/{}/"],
)  # fmt: skip
def test_invalid_utf8_in_the_path_is_a_page_not_found(client, regions, template, raw):
    assert client.get(template.format(raw)).status_code == 404


@pytest.mark.parametrize("raw", INVALID_UTF8)
@pytest.mark.parametrize("template", ["/admin/taggit/tag/{}/change/", "/admin/articles/article/{}/change/"])
def test_invalid_utf8_in_an_admin_path_is_the_admins_not_found(client, superuser, template, raw):
    """The admin answers an object it cannot find with a redirect to its index and a message."""
    client.force_login(superuser)

    response = client.get(template.format(raw))

    assert response.status_code == 302 and response.url == "/admin/"


@pytest.mark.parametrize("raw", INVALID_UTF8)
@pytest.mark.parametrize(
    "template",
    ["/search/?q={}", "/?page={}", "/sichuan/?page=1{}", "/tag/{}/?page=2", "/feeds/latest/?{}=1",
     "/admin/comments/comment/?status={}", "/admin/articles/article/?q={}", "/admin/regions/region/?province={}",
     "/admin/taggit/tag/?q=a{}b"],
)  # fmt: skip
def test_invalid_utf8_in_the_query_is_never_a_server_error(client, superuser, regions, template, raw):
    client.force_login(superuser)

    assert client.get(template.format(raw)).status_code in (200, 302, 400, 404)
