"""Two people edit one article: the later save is stopped, never silently applied.

王编 opens 乐至蚕桑节 in two tabs. Tab A changes the title and saves; tab B,
opened before that, changes the summary and saves. Tab B must not put the
old title back: it gets the form again, with what was typed, and a table of
the fields that differ (字段 | 对方保存的 | 您填写的) to choose from.
"""

import re

import pytest

from articles.models import Article
from tests.articles.newsroom import article_by, change_url, form_data, stored_version
from tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

NEW_TITLE = "乐至第三届蚕桑节开幕"
B_SUMMARY = "千余名蚕农参加开幕式。"


@pytest.fixture
def draft(regions, journalist):
    return article_by(journalist, regions["lezhi"], title="乐至蚕桑节开幕", summary="原摘要")


@pytest.fixture
def tab_b(client, editor, draft):
    """Tab B's form, opened before tab A saved a new title."""
    opened = form_data(draft)
    client.force_login(editor)
    assert client.post(change_url(draft), form_data(draft, title=NEW_TITLE, _save="保存")).status_code == 302
    return opened


def conflict_rows(html):
    table = html.split('id="edit-conflict"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row">([^<]+)</th>', table)


def hidden_version(html):
    return re.search(r'name="version" value="([^"]*)"', html).group(1)


def test_the_later_save_does_not_put_the_old_title_back(client, draft, tab_b):
    response = client.post(change_url(draft), tab_b | {"summary": B_SUMMARY, "_save": "保存"})

    assert response.status_code == 200
    draft.refresh_from_db()
    assert (draft.title, draft.summary) == (NEW_TITLE, "原摘要")  # nothing saved until B chooses


def test_the_form_comes_back_with_what_was_typed_and_both_sides(client, draft, tab_b):
    html = client.post(change_url(draft), tab_b | {"summary": B_SUMMARY, "_save": "保存"}).content.decode()

    assert "wangbian" in html and "为免覆盖，这次没有保存" in html
    assert '<th scope="col">字段</th><th scope="col">对方保存的</th><th scope="col">您填写的</th>' in html
    assert conflict_rows(html) == ["标题", "摘要"]
    assert B_SUMMARY in html.split('id="edit-conflict"', 1)[1]  # the form below still holds it
    assert re.search(rf'name="summary"[^>]*>\s*{B_SUMMARY}</textarea>', html)
    assert hidden_version(html) == stored_version(draft)  # the next save is made against tab A's version


def test_choosing_field_by_field_saves_both_peoples_work(client, draft, tab_b):
    typed = tab_b | {"summary": B_SUMMARY, "_save": "保存"}
    html = client.post(change_url(draft), typed).content.decode()

    chosen = typed | {"version": hidden_version(html), "keep_title": "theirs", "keep_summary": "mine"}
    response = client.post(change_url(draft), chosen)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.summary) == (NEW_TITLE, B_SUMMARY)


def test_keeping_ones_own_value_is_a_choice_too(client, draft, tab_b):
    typed = tab_b | {"summary": B_SUMMARY, "_save": "保存"}
    html = client.post(change_url(draft), typed).content.decode()

    client.post(
        change_url(draft), typed | {"version": hidden_version(html), "keep_title": "mine", "keep_summary": "mine"}
    )

    draft.refresh_from_db()
    assert (draft.title, draft.summary) == ("乐至蚕桑节开幕", B_SUMMARY)


def test_a_stale_form_whose_fields_match_what_is_stored_saves(client, editor, draft):
    """Tab A added a byline only: nothing tab B shows differs, so nothing is lost."""
    opened = form_data(draft)
    client.force_login(editor)
    author = AuthorFactory(name="汤斌")
    byline_row = {
        "byline-TOTAL_FORMS": "1", "byline-0-author": author.pk, "byline-0-role": "text", "byline-0-sort_order": "0",
    }  # fmt: skip
    client.post(change_url(draft), form_data(draft, _save="保存", **byline_row))

    response = client.post(change_url(draft), opened | {"summary": B_SUMMARY, "_save": "保存"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.summary == B_SUMMARY and draft.byline_display() == "汤斌 文"


def test_a_form_that_does_not_say_what_it_was_opened_with_is_compared_too(client, editor, draft):
    """A script or a page from before this check: no version, no opened values."""
    data = form_data(draft, summary=B_SUMMARY, _save="保存")
    data = {key: value for key, value in data.items() if key != "version" and not key.startswith("initial-")}
    client.force_login(editor)

    response = client.post(change_url(draft), data)

    assert response.status_code == 200 and "没有带版本信息" in response.content.decode()
    draft.refresh_from_db()
    assert draft.summary == "原摘要"


def test_a_workflow_button_on_a_stale_form_moves_nothing(client, journalist, draft):
    opened = form_data(draft)
    client.force_login(journalist)
    client.post(change_url(draft), form_data(draft, title=NEW_TITLE, _save="保存"))

    response = client.post(change_url(draft), opened | {"_submit_review": "提交审核"})

    assert response.status_code == 200 and "保存冲突" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.status, draft.title) == (Article.Status.DRAFT, NEW_TITLE)


def test_the_change_page_asks_before_leaving_with_unsaved_changes(client, editor, draft):
    client.force_login(editor)

    html = client.get(change_url(draft)).content.decode()

    assert "articles/unsaved_changes" in html
    assert hidden_version(html) == stored_version(draft)
