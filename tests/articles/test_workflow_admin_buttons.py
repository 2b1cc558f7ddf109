"""The change form's workflow buttons: who sees which, and forged POSTs.

汤斌 writes about 乐至县; 王编 edits everything; 孙审 moderates comments only.
"""

import pytest
from django.utils import timezone

from articles.models import Article, ArticleTransition
from tests.articles.newsroom import article_by, change_url, form_data

S = Article.Status
BUTTONS = ["_submit_review", "_publish", "_reject", "_withdraw"]


def buttons_on_page(client, user, article):
    client.force_login(user)
    response = client.get(change_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    return {name for name in BUTTONS if f'name="{name}"' in html}


@pytest.mark.parametrize(
    "status, journalist_sees, editor_sees",
    [
        (S.DRAFT, {"_submit_review"}, {"_submit_review", "_publish"}),
        (S.PENDING, set(), {"_publish", "_reject"}),
        (S.REJECTED, {"_submit_review"}, {"_submit_review"}),
        (S.PUBLISHED, set(), {"_withdraw"}),
        (S.WITHDRAWN, set(), set()),
    ],
)
def test_only_the_buttons_the_user_may_use_are_shown(
    client, regions, journalist, editor, status, journalist_sees, editor_sees
):
    article = article_by(journalist, regions["lezhi"], status=status)

    assert buttons_on_page(client, journalist, article) == journalist_sees
    assert buttons_on_page(client, editor, article) == editor_sees


def test_the_journalist_submits_a_draft_with_the_button(client, regions, journalist):
    article = article_by(journalist, regions["lezhi"])
    client.force_login(journalist)

    response = client.post(change_url(article), form_data(article, title="乐至县蚕桑丰收", _submit_review="提交审核"))

    assert response.status_code == 302 and response.url == change_url(article)
    article.refresh_from_db()
    assert (article.title, article.status, article.submitted_by) == ("乐至县蚕桑丰收", S.PENDING, journalist)


def test_the_editor_rejects_with_a_note_the_journalist_then_reads(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    client.force_login(editor)

    client.post(change_url(article), form_data(article, reject_note="请补充采访对象姓名", _reject="退回"))

    article.refresh_from_db()
    assert (article.status, article.review_note) == (S.REJECTED, "请补充采访对象姓名")
    client.force_login(journalist)
    my_list = client.get("/admin/articles/article/").content.decode()
    assert "请补充采访对象姓名" in my_list and "我的稿件" in my_list


def test_rejecting_without_a_note_keeps_the_article_pending(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    client.force_login(editor)

    response = client.post(change_url(article), form_data(article, title="改过的标题", _reject="退回"))

    assert response.status_code == 200
    assert "退回稿件时必须填写审核意见" in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.PENDING and article.title != "改过的标题"


@pytest.mark.parametrize("button", ["_publish", "_reject", "_withdraw"])
def test_a_forged_editor_button_from_a_journalist_changes_nothing(client, regions, journalist, button):
    article = article_by(journalist, regions["lezhi"])
    original_title = article.title
    client.force_login(journalist)

    response = client.post(
        change_url(article), form_data(article, title="偷偷改的标题", reject_note="自己退回", **{button: "1"})
    )

    assert response.status_code == 200
    assert "您没有权限" in response.content.decode() or "不能" in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.title) == (S.DRAFT, original_title)
    assert not ArticleTransition.objects.exists()


def test_a_forged_publish_on_a_withdrawn_article_is_refused_even_for_the_editor(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.WITHDRAWN)
    original_title = article.title
    client.force_login(editor)

    response = client.post(change_url(article), form_data(article, title="复活", _publish="发布"))

    assert "稿件当前状态为“已撤稿”，不能发布" in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.title) == (S.WITHDRAWN, original_title)


def test_a_moderator_cannot_open_or_post_articles(client, regions, journalist, moderator):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    client.force_login(moderator)

    assert client.get("/admin/articles/article/").status_code == 403
    assert client.post(change_url(article), form_data(article, _publish="发布")).status_code == 403
    article.refresh_from_db()
    assert article.status == S.PENDING


def test_the_editor_schedules_by_publishing_with_a_future_time(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    at = timezone.localtime(timezone.now() + timezone.timedelta(days=1)).replace(second=0, microsecond=0)
    client.force_login(editor)

    client.post(
        change_url(article),
        form_data(article, published_at_0=f"{at:%Y-%m-%d}", published_at_1=f"{at:%H:%M:%S}", _publish="发布"),
    )

    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.published_at == at
    queue = client.get("/admin/articles/article/?queue=scheduled").content.decode()
    assert f"定时发布 {at:%Y-%m-%d %H:%M}" in queue


def test_the_audit_trail_is_shown_on_the_article_page(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"])
    article.submit(journalist)
    article.reject(editor, "图片说明缺失")
    client.force_login(journalist)

    html = client.get(change_url(article)).content.decode()

    assert "流程记录" in html and "图片说明缺失" in html and "待审核" in html
