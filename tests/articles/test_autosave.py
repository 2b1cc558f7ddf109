"""Autosave: what 汤斌 typed is kept as his draft copy, never in the article.

He types into 乐至蚕桑节's form; the page sends the content fields to the
autosave endpoint, which keeps one draft per article and person, replaced each
time. The article, its history and the other people editing see nothing of
it. When he opens the article again the page offers the draft, if it is newer
than the article's last save; saving the article deletes his draft. The
endpoint answers JSON only, 400 for anything the page would not send.
"""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleDraft
from tests.articles.newsroom import article_by, change_url, form_data, stored_version

pytestmark = pytest.mark.django_db

TYPED = {"title": "乐至县第三届蚕桑节开幕", "body": "<p>九月二十日，蚕桑节在童家镇开幕。</p>", "tags": "蚕桑, 乐至"}


@pytest.fixture
def story(regions, journalist):
    return article_by(journalist, regions["lezhi"], title="乐至蚕桑节开幕", body="<p>原正文</p>")


def url(article_or_id):
    return f"/admin/articles/article/{getattr(article_or_id, 'pk', article_or_id)}/autosave/"


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def autosave(client, article, fields, version=None):
    sent = {"version": stored_version(article) if version is None else version, "fields": fields}
    return client.post(url(article), json.dumps(sent), content_type="application/json")


def test_typed_fields_are_kept_as_a_draft_and_the_article_is_untouched(story, journalist):
    response = autosave(as_user(journalist), story, TYPED)

    assert response.status_code == 200 and "saved_at" in response.json()
    draft = ArticleDraft.objects.get(article=story, user=journalist)
    assert draft.fields == TYPED
    story.refresh_from_db()
    assert (story.title, story.body) == ("乐至蚕桑节开幕", "<p>原正文</p>")


def test_each_autosave_replaces_the_last(story, journalist):
    tangbin = as_user(journalist)
    autosave(tangbin, story, TYPED)
    autosave(tangbin, story, TYPED | {"title": "又改了标题"})

    assert list(ArticleDraft.objects.values_list("fields__title", flat=True)) == ["又改了标题"]


def test_only_the_content_fields_are_kept(story, journalist):
    autosave(as_user(journalist), story, TYPED | {"status": "published", "is_featured": "on"})

    assert set(ArticleDraft.objects.get().fields) == {"title", "body", "tags"}


@pytest.mark.parametrize(
    "body",
    ["", "not json", "[]", '"text"', "{}", '{"fields": []}', '{"fields": {}}', '{"fields": {"title": 5}}',
     '{"fields": {"title": ["a"]}}', '{"fields": {"status": "published"}}', '{"version": "", "fields": {"title": "a"}}',
     '{"version": "yesterday", "fields": {"title": "a"}}', '{"version": 5, "fields": {"title": "a"}}'],
)  # fmt: skip
def test_anything_the_page_would_not_send_is_a_json_400(story, journalist, body):
    if body.startswith('{"fields"'):
        body = body.replace('{"fields"', f'{{"version": "{stored_version(story)}", "fields"', 1)
    response = as_user(journalist).post(url(story), body, content_type="application/json")

    assert response.status_code == 400 and "error" in response.json()
    assert not ArticleDraft.objects.exists()


def test_an_autosave_made_against_an_older_version_is_refused_and_not_kept(story, journalist, editor):
    opened = stored_version(story)
    as_user(editor).post(change_url(story), form_data(story, summary="王编改的摘要", _continue="1"))

    response = autosave(as_user(journalist), story, TYPED, version=opened)

    assert response.status_code == 409 and "已被保存过" in response.json()["error"]
    assert not ArticleDraft.objects.exists()


def test_discarding_deletes_the_draft(story, journalist):
    tangbin = as_user(journalist)
    autosave(tangbin, story, TYPED)

    response = tangbin.delete(url(story))

    assert response.status_code == 200 and not ArticleDraft.objects.exists()


@pytest.mark.parametrize("object_id", ["abc", "0", "99999999999999999999", "1/2"])
def test_a_bad_id_is_a_json_404(journalist, object_id):
    response = autosave(as_user(journalist), object_id, TYPED, version="2026-09-20T08:00:00+08:00")

    assert response.status_code == 404 and "error" in response.json()


def test_someone_else_may_not_autosave_into_a_journalists_draft(story, other_journalist):
    response = autosave(as_user(other_journalist), story, TYPED)

    assert response.status_code == 404 and not ArticleDraft.objects.exists()


def test_a_submitted_article_takes_no_autosave_from_its_journalist(story, journalist):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.PENDING)

    response = autosave(as_user(journalist), story, TYPED)

    assert response.status_code == 403 and not ArticleDraft.objects.exists()


def test_anonymous_gets_a_json_403(story):
    response = autosave(Client(), story, TYPED)

    assert response.status_code == 403 and "error" in response.json()


def test_an_autosave_without_the_csrf_token_is_refused(story, journalist):
    client = Client(enforce_csrf_checks=True)
    client.force_login(journalist)

    assert autosave(client, story, TYPED).status_code == 403
    assert client.delete(url(story)).status_code == 403


def test_reading_the_draft_back_is_not_offered_by_get(story, journalist):
    response = as_user(journalist).get(url(story))

    assert response.status_code == 405 and "error" in response.json()


# --- on the change page --------------------------------------------------------


def test_the_change_page_offers_a_draft_newer_than_the_last_save(story, journalist):
    tangbin = as_user(journalist)
    autosave(tangbin, story, TYPED)
    saved_at = timezone.localtime(ArticleDraft.objects.get().saved_at)

    html = tangbin.get(change_url(story)).content.decode()

    assert f"有 {saved_at:%H:%M} 自动保存的未提交内容" in html
    offered = html.split('id="autosave-draft" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(offered) == TYPED


def test_a_draft_older_than_the_last_save_is_not_offered(story, journalist):
    tangbin = as_user(journalist)
    autosave(tangbin, story, TYPED)
    ArticleDraft.objects.update(saved_at=story.updated_at - timezone.timedelta(minutes=1))

    html = tangbin.get(change_url(story)).content.decode()

    assert "自动保存的未提交内容" not in html and 'id="autosave-draft"' not in html


def test_a_draft_is_offered_only_to_whoever_typed_it(story, journalist, editor):
    autosave(as_user(journalist), story, TYPED)

    html = as_user(editor).get(change_url(story)).content.decode()

    assert "自动保存的未提交内容" not in html and 'id="autosave"' in html


def test_saving_the_article_deletes_the_savers_draft_only(story, journalist, editor):
    tangbin, wangbian = as_user(journalist), as_user(editor)
    autosave(tangbin, story, TYPED)
    autosave(wangbian, story, TYPED | {"title": "王编改的标题"})

    response = tangbin.post(change_url(story), form_data(story, title=TYPED["title"], _continue="1"))

    assert response.status_code == 302
    assert list(ArticleDraft.objects.values_list("user__username", flat=True)) == ["wangbian"]


def test_a_page_that_cannot_be_changed_has_no_autosave_or_presence(story, journalist):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.PENDING)

    html = as_user(journalist).get(change_url(story)).content.decode()

    assert 'id="autosave"' not in html and 'id="presence"' not in html


def test_the_add_page_has_no_autosave(journalist):
    html = as_user(journalist).get("/admin/articles/article/add/").content.decode()

    assert 'id="autosave"' not in html


def test_the_offer_costs_the_change_page_one_query(story, journalist):
    tangbin = as_user(journalist)
    tangbin.get(change_url(story))  # sessions and content types warmed up

    def draft_queries():
        with CaptureQueriesContext(connection) as queries:
            assert tangbin.get(change_url(story)).status_code == 200
        return len(queries), [q["sql"] for q in queries if "articles_articledraft" in q["sql"]]

    without_draft, looked_up = draft_queries()
    assert len(looked_up) == 1
    autosave(tangbin, story, TYPED)
    with_draft, looked_up = draft_queries()
    assert len(looked_up) == 1 and with_draft == without_draft
