"""The history (修订记录) names only what really changed, in Chinese.

Each revision made in the admin is compared with the one before it as it was
stored: a submission that touches nothing records "提交审核" and no more, a
save of a published article as the form showed it keeps its publish time to
the second, and an edit lists the fields it changed.
"""

import re

import pytest
from django.utils import timezone
from reversion.models import Version

from tests.articles.newsroom import article_by, change_url, form_data

pytestmark = pytest.mark.django_db


def comments(article):
    return [version.revision.get_comment() for version in Version.objects.get_for_object(article).order_by("pk")]


def shown(html, name):
    """The value the change form shows in input ``name``."""
    return re.search(rf'name="{name}"[^>]*value="([^"]*)"', html).group(1)


@pytest.fixture
def draft(client, regions, journalist):
    """汤斌's draft, saved once through the admin (the revision later ones compare with)."""
    article = article_by(
        journalist, regions["lezhi"], title="乐至蚕桑节开幕", body="<p>第一段。</p><p>第二段。</p>", summary="原摘要"
    )
    client.force_login(journalist)
    client.post(change_url(article), form_data(article, _save="保存"))
    return article


def test_submitting_without_touching_the_body_records_only_the_submission(client, draft):
    # CKEditor writes the stored body back with its own line breaks.
    reformatted = "<p>第一段。</p>\n\n<p>第二段。</p>\n"

    client.post(change_url(draft), form_data(draft, body=reformatted, _submit_review="提交审核"))

    draft.refresh_from_db()
    assert comments(draft)[-1] == "提交审核"
    assert draft.body == "<p>第一段。</p><p>第二段。</p>"  # stored as it was: no edit was made


def test_a_save_that_changes_nothing_says_so(client, draft):
    client.post(change_url(draft), form_data(draft, _save="保存"))

    assert comments(draft)[-1] == "保存，内容没有改动"


def test_each_revision_names_the_fields_that_changed(client, draft):
    client.post(
        change_url(draft),
        form_data(draft, title="乐至第三届蚕桑节开幕", summary="新摘要", tags="蚕桑, 乡村振兴", _save="保存"),
    )

    assert comments(draft)[-1] == "修改了：标题、摘要、标签"
    html = client.get(f"/admin/articles/article/{draft.pk}/history/").content.decode()
    assert "修改了：标题、摘要、标签" in html


def test_tags_are_kept_in_each_revision(client, draft):
    client.post(change_url(draft), form_data(draft, tags="蚕桑", _save="保存"))
    client.post(change_url(draft), form_data(draft, tags="蚕桑, 乡村振兴", _save="保存"))
    *_, before, after = Version.objects.get_for_object(draft).order_by("pk")

    response = client.get(f"/admin/articles/article/{draft.pk}/history/compare/", {"old": before.pk, "new": after.pk})

    assert comments(draft)[-1] == "修改了：标签"
    assert "+ 乡村振兴" in response.content.decode()


def test_saving_a_published_article_as_shown_keeps_its_publish_time_to_the_second(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"])
    article.submit(journalist)
    at = (timezone.now() - timezone.timedelta(hours=2)).replace(second=37, microsecond=123456)
    article.publish(editor, at=at)
    client.force_login(editor)
    html = client.get(change_url(article)).content.decode()
    assert shown(html, "published_at_1").count(":") == 1  # the form shows hours and minutes only

    as_shown = {"published_at_0": shown(html, "published_at_0"), "published_at_1": shown(html, "published_at_1")}
    client.post(change_url(article), form_data(article, **as_shown, _save="保存"))

    article.refresh_from_db()
    assert article.published_at == at
    assert comments(article)[-1] == "保存，内容没有改动"


def test_publishing_from_the_form_does_not_claim_the_body_was_edited(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], body="<p>正文。</p>")
    article.submit(journalist)
    client.force_login(editor)

    client.post(change_url(article), form_data(article, body="<p>正文。</p>\n", _publish="发布"))

    comment = comments(article)[-1]
    assert comment.startswith("发布") and "正文" not in comment
