"""A journalist's day in the admin: write, save, submit, and stay in their lane."""

import pytest

from articles.models import Article
from tests.articles.newsroom import article_by, change_url, form_data

S = Article.Status
EDITOR_ONLY_FIELDS = [
    "status",
    "published_at",
    "is_featured",
    "featured_until",
    "is_pinned",
    "pinned_until",
    "recommended",
    "allow_comments",
]


def new_article_data(region, **extra):
    draft = Article(title="乐至县举办第三届蚕桑节", summary="千余名蚕农参加。", body="<p>正文</p>", region=region)
    return form_data(draft, **extra)


def test_a_journalist_writes_a_draft_that_is_theirs(client, regions, journalist):
    client.force_login(journalist)

    response = client.post("/admin/articles/article/add/", new_article_data(regions["lezhi"], _save="保存"))

    assert response.status_code == 302
    article = Article.objects.get(title="乐至县举办第三届蚕桑节")
    assert (article.created_by, article.status, article.published_at) == (journalist, S.DRAFT, None)


def test_a_journalist_can_write_and_submit_in_one_go(client, regions, journalist):
    client.force_login(journalist)

    client.post("/admin/articles/article/add/", new_article_data(regions["lezhi"], _submit_review="提交审核"))

    article = Article.objects.get(title="乐至县举办第三届蚕桑节")
    assert (article.status, article.submitted_by) == (S.PENDING, journalist)


def test_the_journalist_form_has_no_publishing_or_curation_fields(client, regions, journalist):
    client.force_login(journalist)

    html = client.get("/admin/articles/article/add/").content.decode()

    for name in EDITOR_ONLY_FIELDS:
        assert f'name="{name}' not in html, name


def test_forged_curation_fields_from_a_journalist_are_ignored(client, regions, journalist):
    client.force_login(journalist)
    forged = new_article_data(
        regions["lezhi"],
        status="published",
        is_featured="on",
        is_pinned="on",
        published_at_0="2020-01-01",
        published_at_1="08:00:00",
        _save="保存",
    )

    client.post("/admin/articles/article/add/", forged)

    article = Article.objects.get(title="乐至县举办第三届蚕桑节")
    assert (article.status, article.is_featured, article.is_pinned, article.published_at) == (
        S.DRAFT,
        False,
        False,
        None,
    )


def test_editing_a_rejected_article_takes_it_back_to_draft(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    article.reject(editor, "请补充数据来源")
    client.force_login(journalist)

    client.post(change_url(article), form_data(article, summary="数据来源：乐至县农业农村局。", _save="保存"))

    article.refresh_from_db()
    assert (article.status, article.summary) == (S.DRAFT, "数据来源：乐至县农业农村局。")
    assert list(article.transitions.values_list("to_status", flat=True)) == ["rejected", "draft"]


@pytest.mark.parametrize("status", [S.PENDING, S.PUBLISHED, S.WITHDRAWN])
def test_a_submitted_or_published_article_is_read_only_for_its_journalist(client, regions, journalist, status):
    article = article_by(journalist, regions["lezhi"], status=status)
    client.force_login(journalist)

    html = client.get(change_url(article)).content.decode()

    assert 'name="title"' not in html and 'name="_save"' not in html
    assert article.title in html


def test_the_journalists_refused_save_keeps_what_they_typed(client, regions, journalist, editor):
    """汤斌 had the form open while 王编 took the article into review."""
    article = article_by(journalist, regions["lezhi"])
    stale_form = form_data(article)
    article.submit(journalist)
    client.force_login(journalist)

    typed = "乐至县今年蚕茧收购价创新高，蚕农户均增收三千元。"
    response = client.post(change_url(article), stale_form | {"summary": typed, "_save": "保存"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "稿件状态为“待审核”，您不能再修改" in html
    assert typed in html
    article.refresh_from_db()
    assert article.summary != typed and article.status == S.PENDING


def test_an_invalid_form_also_keeps_what_was_typed(client, regions, journalist):
    client.force_login(journalist)
    typed = "这段摘要是记者辛苦写的，不能丢。"

    response = client.post(
        "/admin/articles/article/add/",
        new_article_data(regions["lezhi"], title="", summary=typed, _submit_review="提交审核"),
    )

    assert response.status_code == 200 and typed in response.content.decode()
    assert not Article.objects.exists()


def test_a_journalist_sees_only_their_own_articles(client, regions, journalist, other_journalist):
    mine = article_by(journalist, regions["lezhi"], title="我的蚕桑稿")
    theirs = article_by(other_journalist, regions["lezhi"], title="别人的柑橘稿")
    client.force_login(journalist)

    listing = client.get("/admin/articles/article/").content.decode()

    assert mine.title in listing and theirs.title not in listing
    response = client.get(change_url(theirs))
    assert response.status_code == 302  # "does not exist", like any unknown id


def test_recovering_deleted_articles_is_for_editors_only(client, journalist, editor):
    client.force_login(journalist)
    assert "恢复已删除的文章" not in client.get("/admin/articles/article/").content.decode()
    assert client.get("/admin/articles/article/recover/").status_code == 403

    client.force_login(editor)
    assert "恢复已删除的文章" in client.get("/admin/articles/article/").content.decode()
    assert client.get("/admin/articles/article/recover/").status_code == 200
