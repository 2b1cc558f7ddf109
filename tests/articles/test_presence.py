"""正在编辑: the article page asks who else has it open.

汤斌 writes 乐至蚕桑节 and 王编 opens it to edit it too: each page beats and
hears the other's name, never its own person's (a second tab is no one else).
A page that says goodbye, or stops beating for three beats, is gone. The
endpoint answers JSON only: 403 or 404 for anyone who may not change the
article, 400 for a beat without its page token, never a login page or a 500.
"""

import pytest
from django.test import Client

from articles import presence
from articles.models import Article
from tests.articles.newsroom import article_by, staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(regions, journalist, editor):
    journalist.first_name, editor.first_name = "汤斌", "王编"
    journalist.save(), editor.save()
    return article_by(journalist, regions["lezhi"], title="乐至蚕桑节开幕")


def url(article_or_id):
    return f"/admin/articles/article/{getattr(article_or_id, 'pk', article_or_id)}/presence/"


def beat(client, article, page, **extra):
    return client.post(url(article), {"page": page, **extra})


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def test_each_sees_the_other_by_name(story, journalist, editor):
    tangbin, wangbian = as_user(journalist), as_user(editor)

    assert beat(tangbin, story, "tangbin-tab-1").json() == {"others": []}
    assert beat(wangbian, story, "wangbian-tab-1").json() == {"others": ["汤斌"]}
    assert beat(tangbin, story, "tangbin-tab-1").json() == {"others": ["王编"]}


def test_a_second_tab_of_the_same_person_is_no_one_else(story, journalist):
    tangbin = as_user(journalist)
    beat(tangbin, story, "tangbin-tab-1")

    assert beat(tangbin, story, "tangbin-tab-2").json() == {"others": []}


def test_a_user_without_a_full_name_is_shown_by_username(story, journalist, editor):
    editor.first_name = ""
    editor.save()
    beat(as_user(editor), story, "wangbian-tab-1")

    assert beat(as_user(journalist), story, "tangbin-tab-1").json() == {"others": ["wangbian"]}


def test_saying_goodbye_leaves_at_once(story, journalist, editor):
    tangbin, wangbian = as_user(journalist), as_user(editor)
    beat(wangbian, story, "wangbian-tab-1")
    beat(tangbin, story, "tangbin-tab-1")

    assert beat(wangbian, story, "wangbian-tab-1", leave="1").json() == {"others": []}
    assert beat(tangbin, story, "tangbin-tab-1").json() == {"others": []}


def test_nobody_can_say_goodbye_for_someone_else(story, journalist, editor):
    tangbin, wangbian = as_user(journalist), as_user(editor)
    beat(wangbian, story, "wangbian-tab-1")

    beat(tangbin, story, "wangbian-tab-1", leave="1")

    assert beat(tangbin, story, "tangbin-tab-1").json() == {"others": ["王编"]}


def test_a_page_that_stops_beating_is_gone_after_three_beats(story, journalist, editor, settings, monkeypatch):
    settings.ARTICLE_PRESENCE_SECONDS = 20
    now = 1_000_000.0
    monkeypatch.setattr(presence.time, "time", lambda: now)
    tangbin, wangbian = as_user(journalist), as_user(editor)
    beat(wangbian, story, "wangbian-tab-1")

    now += 59
    assert beat(tangbin, story, "tangbin-tab-1").json() == {"others": ["王编"]}
    now += 2
    assert beat(tangbin, story, "tangbin-tab-1").json() == {"others": []}


def test_looking_does_not_join(story, journalist, editor):
    tangbin, wangbian = as_user(journalist), as_user(editor)
    beat(wangbian, story, "wangbian-tab-1")

    assert tangbin.get(url(story)).json() == {"others": ["王编"]}
    assert wangbian.get(url(story)).json() == {"others": []}


def test_the_answer_is_never_kept_by_a_browser(story, journalist):
    response = beat(as_user(journalist), story, "tangbin-tab-1")

    assert "no-cache" in response["Cache-Control"] and response["Content-Type"] == "application/json"


@pytest.mark.parametrize("page", ["", "short", "has space in it", "x" * 65, "<script>"])
def test_a_beat_without_a_proper_page_token_is_refused(story, journalist, page):
    response = beat(as_user(journalist), story, page)

    assert response.status_code == 400 and "error" in response.json()


@pytest.mark.parametrize("object_id", ["abc", "0", "99999999999999999999", "1.5", "-1", "1/2"])
def test_a_bad_id_is_a_json_404(journalist, object_id):
    response = beat(as_user(journalist), object_id, "tangbin-tab-1")

    assert response.status_code == 404 and "error" in response.json()


def test_a_nul_in_the_id_is_the_sites_own_404(journalist):
    # Answered by core.security.NulCharacterMiddleware before any view.
    assert beat(as_user(journalist), "%00", "tangbin-tab-1").status_code == 404


def test_someone_elses_draft_is_a_json_404_for_a_journalist(story, other_journalist):
    response = beat(as_user(other_journalist), story, "liming-tab-1")

    assert response.status_code == 404 and "error" in response.json()


def test_an_article_the_journalist_may_no_longer_change_is_a_json_403(story, journalist):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.PENDING)

    response = beat(as_user(journalist), story, "tangbin-tab-1")

    assert response.status_code == 403 and "error" in response.json()


def test_a_moderator_is_refused(story, moderator):
    response = beat(as_user(moderator), story, "sunshen-tab-1")

    assert response.status_code in (403, 404) and "error" in response.json()


def test_anonymous_and_non_staff_get_a_json_403_not_a_login_page(story):
    reader = UserFactory(username="reader")

    for client in (Client(), as_user(reader)):
        response = beat(client, story, "reader-tab-1")
        assert response.status_code == 403 and "error" in response.json()


def test_a_beat_without_the_csrf_token_is_refused(story, journalist):
    client = Client(enforce_csrf_checks=True)
    client.force_login(journalist)

    assert beat(client, story, "tangbin-tab-1").status_code == 403
    assert presence.editing_now(story, staff("someone")) == []


def test_other_methods_are_a_json_405(story, journalist):
    response = as_user(journalist).put(url(story))

    assert response.status_code == 405 and "error" in response.json()
