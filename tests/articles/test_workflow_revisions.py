"""Every save keeps a revision; editors compare two and roll back content."""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.articles.newsroom import article_by, change_url, form_data, stored_version

S = Article.Status


@pytest.fixture
def edited_twice(client, regions, journalist, editor):
    """An article saved twice through the admin by 王编, then published."""
    article = article_by(journalist, regions["lezhi"], title="乐至蚕桑节开幕", body="<p>第一稿。</p>")
    client.force_login(editor)
    client.post(change_url(article), form_data(article, _save="保存"))
    client.post(
        change_url(article),
        form_data(article, title="乐至第三届蚕桑节开幕", body="<p>第二稿<script>x</script>。</p>", _save="保存"),
    )
    article.refresh_from_db()
    article.publish(editor)
    return article


def versions_of(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


def test_saves_and_transitions_each_keep_a_revision(edited_twice):
    comments = [version.revision.get_comment() for version in versions_of(edited_twice)]

    assert len(comments) == 3 and comments[-1] == "发布"


def test_the_history_page_offers_the_versions_to_compare(client, editor, edited_twice):
    client.force_login(editor)

    html = client.get(f"/admin/articles/article/{edited_twice.pk}/history/").content.decode()

    assert html.count('name="old"') == 3 and "比较所选的两个版本" in html


def test_compare_shows_field_by_field_differences_escaped(client, editor, edited_twice):
    first, second, _ = versions_of(edited_twice)
    client.force_login(editor)

    response = client.get(
        f"/admin/articles/article/{edited_twice.pk}/history/compare/", {"old": first.pk, "new": second.pk}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "- 乐至蚕桑节开幕" in html and "+ 乐至第三届蚕桑节开幕" in html
    assert "&lt;p&gt;第二稿" in html  # markup is shown as text, never rendered
    assert "修改时间" not in html  # bookkeeping is not a difference an editor cares about


def test_compare_is_refused_outside_the_editors_regions(client, regions, ziyang_editor, journalist):
    article = article_by(journalist, regions["wuhou"])
    article.submit(journalist)
    version = versions_of(article)[0]
    client.force_login(ziyang_editor)

    response = client.get(
        f"/admin/articles/article/{article.pk}/history/compare/", {"old": version.pk, "new": version.pk}
    )

    assert response.status_code == 404


def rollback_url(article, version):
    return f"/admin/articles/article/{article.pk}/history/{version.pk}/rollback/"


def test_rolling_back_restores_content_but_not_the_workflow_state(client, editor, edited_twice):
    first = versions_of(edited_twice)[0]
    client.force_login(editor)

    confirm = client.get(f"/admin/articles/article/{edited_twice.pk}/history/{first.pk}/", follow=True)
    assert confirm.redirect_chain[-1][0] == rollback_url(edited_twice, first)  # reversion's link leads here
    assert "- 乐至第三届蚕桑节开幕" in confirm.content.decode() and "+ 乐至蚕桑节开幕" in confirm.content.decode()
    response = client.post(rollback_url(edited_twice, first), {"version": stored_version(edited_twice)})

    assert response.status_code == 302
    edited_twice.refresh_from_db()
    assert (edited_twice.title, edited_twice.body) == ("乐至蚕桑节开幕", "<p>第一稿。</p>")
    assert edited_twice.status == S.PUBLISHED  # the rollback did not unpublish it
    assert len(versions_of(edited_twice)) == 4  # the rollback is itself a revision


def test_viewing_an_old_version_changes_nothing(client, editor, edited_twice):
    first = versions_of(edited_twice)[0]
    client.force_login(editor)

    client.get(rollback_url(edited_twice, first))

    edited_twice.refresh_from_db()
    assert edited_twice.title == "乐至第三届蚕桑节开幕" and edited_twice.status == S.PUBLISHED


def test_a_journalist_cannot_roll_back_a_published_article(client, journalist, edited_twice):
    first = versions_of(edited_twice)[0]
    client.force_login(journalist)

    response = client.post(rollback_url(edited_twice, first), {"version": stored_version(edited_twice)})

    assert response.status_code == 403
    edited_twice.refresh_from_db()
    assert edited_twice.title == "乐至第三届蚕桑节开幕"
