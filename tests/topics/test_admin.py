"""An editor makes a 专题 in the admin: title (slug from its pinyin), banner,
introduction, sections; then orders a section's chosen articles on its own
page. A journalist may look at topics but not make them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.factories import ArticleFactory
from tests.topics.factories import TopicFactory, TopicSectionFactory
from topics.models import SectionArticle, Topic

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), "green").save(buffer, "JPEG")
    return buffer.getvalue()


def topic_form(banner, **overrides):
    data = {
        "title": "乐至蚕桑丰收季",
        "slug": "",
        "banner": banner,
        "introduction": "桑叶青青，蚕茧满仓。",
        "region": "",
        "is_published": "on",
        "published_at_0": "2026-01-01",
        "published_at_1": "08:00:00",
        "sections-TOTAL_FORMS": "2",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "sections-0-heading": "重点报道",
        "sections-0-sort_order": "1",
        "sections-0-newest_count": "5",
        "sections-1-heading": "蚕桑新闻",
        "sections-1-sort_order": "2",
        "sections-1-newest_count": "5",
    }
    return {**data, **overrides}


def test_an_editor_makes_a_topic_with_sections_and_orders_the_chosen_articles(editor, regions):
    client = logged_in(editor)

    response = client.post("/admin/topics/topic/add/", topic_form(upload("banner.jpg", jpeg_bytes())))

    assert response.status_code == 302, response.content.decode()[:2000]
    topic = Topic.objects.get()
    assert topic.slug == "lezhicansangfengshouji" and topic.banner.name.startswith("topics/")
    assert [s.heading for s in topic.sections.all()] == ["重点报道", "蚕桑新闻"]

    section = topic.sections.first()
    first, second = ArticleFactory(region=regions["lezhi"]), ArticleFactory(region=regions["lezhi"])
    response = client.post(
        f"/admin/topics/topicsection/{section.pk}/change/",
        {
            "topic": topic.pk,
            "heading": "重点报道",
            "sort_order": "1",
            "newest_count": "5",
            "chosen-TOTAL_FORMS": "2",
            "chosen-INITIAL_FORMS": "0",
            "chosen-MIN_NUM_FORMS": "0",
            "chosen-MAX_NUM_FORMS": "1000",
            "chosen-0-article": second.pk,
            "chosen-0-sort_order": "1",
            "chosen-1-article": first.pk,
            "chosen-1-sort_order": "2",
        },
    )
    assert response.status_code == 302
    assert list(SectionArticle.objects.filter(section=section).values_list("article_id", flat=True)) == [
        second.pk,
        first.pk,
    ]


def test_a_banner_that_is_not_a_picture_is_refused_in_chinese(editor):
    response = logged_in(editor).post(
        "/admin/topics/topic/add/", topic_form(upload("banner.jpg", b"<script>alert(1)</script>"))
    )

    assert response.status_code == 200 and not Topic.objects.exists()
    assert "图片" in response.context["adminform"].form.errors["banner"][0]


def test_a_section_lists_at_most_twenty_newest(editor):
    response = logged_in(editor).post("/admin/topics/topic/add/", topic_form("", **{"sections-0-newest_count": "500"}))
    assert response.status_code == 200 and not Topic.objects.exists()


def test_a_journalist_may_look_at_topics_but_not_make_them(journalist):
    topic = TopicFactory()
    TopicSectionFactory(topic=topic)
    client = logged_in(journalist)

    assert client.get("/admin/topics/topic/").status_code == 200
    assert client.get("/admin/topics/topic/add/").status_code == 403
    assert not journalist.has_perm("topics.add_topic")


def test_editors_have_every_topic_permission(editor):
    for model in ("topic", "topicsection", "sectionarticle"):
        for verb in ("add", "change", "delete", "view"):
            assert editor.has_perm(f"topics.{verb}_{model}")
