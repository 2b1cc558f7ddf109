"""赵编 handles 资阳市 and its counties; 成都市's articles are not his.

The limit holds in the list, the change form, region choices, list actions
and hand-made POSTs. 王编 has no limit and sees everything.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, EditorScope
from articles.workflow import scope_regions
from tests.articles.newsroom import article_by, change_url, form_data

S = Article.Status


@pytest.fixture
def lezhi_story(regions, journalist):
    return article_by(journalist, regions["lezhi"], status=S.PENDING, title="乐至县蚕桑丰收")


@pytest.fixture
def wuhou_story(regions, journalist):
    return article_by(journalist, regions["wuhou"], status=S.PENDING, title="武侯区新开一座图书馆")


def test_a_city_editor_lists_only_the_city_and_its_counties(client, ziyang_editor, lezhi_story, wuhou_story):
    client.force_login(ziyang_editor)

    listing = client.get("/admin/articles/article/?queue=pending").content.decode()

    assert lezhi_story.title in listing and wuhou_story.title not in listing


def test_an_editor_without_regions_sees_everything(client, editor, lezhi_story, wuhou_story):
    client.force_login(editor)

    listing = client.get("/admin/articles/article/").content.decode()

    assert lezhi_story.title in listing and wuhou_story.title in listing


def test_a_province_editor_handles_the_whole_province(regions, editor):
    EditorScope.objects.create(user=editor, region=regions["sichuan"])

    assert set(scope_regions(editor)) == set(regions.values())


def test_an_out_of_scope_article_cannot_be_opened_by_its_url(client, ziyang_editor, wuhou_story):
    client.force_login(ziyang_editor)

    response = client.get(change_url(wuhou_story), follow=True)

    assert response.redirect_chain and response.redirect_chain[-1][0] == "/admin/"
    assert "不存在" in response.content.decode()


def test_a_forged_publish_of_an_out_of_scope_article_changes_nothing(client, ziyang_editor, wuhou_story):
    client.force_login(ziyang_editor)

    client.post(change_url(wuhou_story), form_data(wuhou_story, title="改掉", _publish="发布"))

    wuhou_story.refresh_from_db()
    assert (wuhou_story.status, wuhou_story.title) == (S.PENDING, "武侯区新开一座图书馆")


def test_a_city_editor_cannot_move_an_article_out_to_another_city(client, regions, ziyang_editor, lezhi_story):
    client.force_login(ziyang_editor)

    response = client.post(change_url(lezhi_story), form_data(lezhi_story, region=regions["wuhou"].pk, _save="保存"))

    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    lezhi_story.refresh_from_db()
    assert lezhi_story.region == regions["lezhi"]


def test_region_autocomplete_offers_only_regions_in_scope(client, regions, ziyang_editor):
    client.force_login(ziyang_editor)

    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "region", "term": ""},
    )

    names = {row["text"] for row in json.loads(response.content)["results"]}
    assert names == {"资阳市", "乐至县"}


def test_list_actions_skip_articles_out_of_scope(client, ziyang_editor, lezhi_story, wuhou_story):
    client.force_login(ziyang_editor)

    client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [lezhi_story.pk, wuhou_story.pk]},
    )

    lezhi_story.refresh_from_db()
    wuhou_story.refresh_from_db()
    assert (lezhi_story.status, wuhou_story.status) == (S.PUBLISHED, S.PENDING)


def test_list_actions_are_not_offered_to_journalists(client, journalist, lezhi_story):
    lezhi_story.status = S.DRAFT
    lezhi_story.save()
    client.force_login(journalist)

    client.post("/admin/articles/article/", {"action": "publish_selected", "_selected_action": [lezhi_story.pk]})

    lezhi_story.refresh_from_db()
    assert lezhi_story.status == S.DRAFT


def test_the_review_queue_lists_oldest_submissions_first_with_who_and_when(client, regions, journalist, editor):
    first = article_by(journalist, regions["lezhi"], title="最早提交的稿件")
    second = article_by(journalist, regions["lezhi"], title="后来提交的稿件")
    first.submit(journalist)
    second.submit(journalist)
    article_by(journalist, regions["lezhi"], title="还在写的草稿")
    client.force_login(editor)

    html = client.get("/admin/articles/article/?queue=pending").content.decode()

    assert html.index("最早提交的稿件") < html.index("后来提交的稿件")
    assert "还在写的草稿" not in html
    assert "提交人" in html and "提交审核时间" in html and "tangbin" in html


def test_the_review_queue_costs_the_same_for_5_or_25_articles(client, regions, journalist, ziyang_editor):
    client.force_login(ziyang_editor)

    def queries_for_queue_after_submitting(count):
        for n in range(count):
            article_by(journalist, regions["lezhi"], title=f"待审稿件{n}").submit(journalist)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/admin/articles/article/?queue=pending").status_code == 200
        return len(queries)

    few = queries_for_queue_after_submitting(5)
    many = queries_for_queue_after_submitting(20)

    # No query per row: region, column, source and submitter come joined.
    assert many == few
