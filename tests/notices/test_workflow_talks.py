"""The workflow talks: the journalist hears what became of their article, the moderators of reports,
the editor's note stands at the top of the form, and a submission can be taken back."""

import re

import pytest
from django.core import mail

from articles.models import Article
from comments.models import Comment, CommentReport
from notices.models import Notice
from tests.articles.newsroom import article_by, change_url, form_data, staff
from tests.factories import CommentFactory

S = Article.Status
pytestmark = pytest.mark.django_db


def notices_of(user):
    return list(Notice.objects.filter(recipient=user).values_list("message", flat=True))


def test_the_journalist_is_told_when_an_editor_rejects_or_publishes(regions, journalist, editor):
    rejected = article_by(journalist, regions["lezhi"], status=S.PENDING, title="柠檬价格稿")
    published = article_by(journalist, regions["lezhi"], status=S.PENDING, title="蚕桑节稿")

    rejected.reject(editor, "请补充价格来源")
    published.publish(editor)

    assert notices_of(journalist) == [
        "《蚕桑节稿》已由编辑 wangbian 发布。",
        "《柠檬价格稿》被编辑 wangbian 退回：请补充价格来源",
    ]
    assert notices_of(editor) == []


def test_nobody_is_told_of_their_own_move(regions, editor):
    own = article_by(editor, regions["lezhi"], status=S.PENDING)

    own.publish(editor)

    assert Notice.objects.count() == 0


def test_moderators_are_told_once_per_reported_comment(regions, journalist, moderator):
    other_moderator = staff("qianshen", "审核员")
    comment = CommentFactory(article=article_by(journalist, regions["lezhi"], status=S.PUBLISHED), body="加微信领红包")

    for address in ("203.0.113.1", "198.51.100.7"):
        CommentReport.objects.create(comment=comment, reason=CommentReport.Reason.SPAM, ip_address=address)

    for person in (moderator, other_moderator):
        [told] = notices_of(person)
        assert "被举报（垃圾广告）" in told and "加微信领红包" in told
    assert notices_of(journalist) == []


def test_notices_go_by_email_when_the_site_sends_mail(
    regions, journalist, editor, settings, django_capture_on_commit_callbacks
):
    settings.NOTICES_BY_EMAIL = True
    journalist.email = "tangbin@example.com"
    journalist.save()
    article = article_by(journalist, regions["lezhi"], status=S.PENDING, title="蚕桑节稿")

    with django_capture_on_commit_callbacks(execute=True):
        article.reject(editor, "标题太长")

    [sent] = mail.outbox
    assert sent.to == ["tangbin@example.com"] and "标题太长" in sent.body
    assert f"/admin/articles/article/{article.pk}/change/" in sent.body


def test_each_person_reads_only_their_own_notices_and_opening_one_marks_it_read(
    client, regions, journalist, other_journalist, editor
):
    mine = article_by(journalist, regions["lezhi"], status=S.PENDING, title="我的稿")
    theirs = article_by(other_journalist, regions["lezhi"], status=S.PENDING, title="别人的稿")
    mine.publish(editor)
    theirs.publish(editor)
    client.force_login(journalist)

    page = client.get("/admin/").content.decode()
    listing = client.get("/admin/notices/notice/").content.decode()

    assert re.search(r"通知 <strong>\(1\)</strong>", page)
    assert "《我的稿》" in listing and "别人的稿" not in listing
    notice = Notice.objects.get(recipient=journalist)
    opened = client.get(f"/admin/notices/notice/{notice.pk}/open/")
    assert opened.status_code == 302 and opened.url == change_url(mine)
    notice.refresh_from_db()
    assert notice.read_at is not None
    other = Notice.objects.get(recipient=other_journalist)
    assert client.get(f"/admin/notices/notice/{other.pk}/open/").url == "/admin/notices/notice/"
    other.refresh_from_db()
    assert other.read_at is None
    assert "通知 <strong>" not in client.get("/admin/").content.decode()


def test_the_editors_note_stands_at_the_top_of_the_form(client, regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    article.reject(editor, "请补充价格来源\n并核对数字")
    client.force_login(journalist)

    page = client.get(change_url(article)).content.decode()

    note = page.index('class="review-note-top"')
    assert note < page.index('name="title"')
    assert "请补充价格来源<br>并核对数字" in page[note:]


def test_a_journalist_takes_back_a_submission_nobody_has_reviewed(client, regions, journalist):
    article = article_by(journalist, regions["lezhi"])
    client.force_login(journalist)
    client.post(change_url(article), form_data(article, _submit_review="提交审核"))
    article.refresh_from_db()
    assert article.status == S.PENDING
    assert "/recall/" in client.get(change_url(article)).content.decode()

    response = client.post(f"/admin/articles/article/{article.pk}/recall/", follow=True)

    article.refresh_from_db()
    assert article.status == S.DRAFT and article.submitted_at is None
    assert "已撤回，改回草稿" in response.content.decode()
    assert list(article.transitions.values_list("to_status", flat=True)) == [S.PENDING, S.DRAFT]


@pytest.mark.parametrize("status", [S.PUBLISHED, S.REJECTED, S.DRAFT])
def test_only_a_waiting_submission_can_be_taken_back(client, regions, journalist, status):
    article = article_by(journalist, regions["lezhi"], status=status)
    client.force_login(journalist)

    response = client.post(f"/admin/articles/article/{article.pk}/recall/", follow=True)

    assert Article.objects.get(pk=article.pk).status == status
    assert "不能撤回" in response.content.decode()


def test_nobody_takes_back_someone_elses_submission(client, regions, journalist, other_journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    client.force_login(other_journalist)
    assert client.post(f"/admin/articles/article/{article.pk}/recall/").status_code in (302, 404)
    client.force_login(editor)
    response = client.post(f"/admin/articles/article/{article.pk}/recall/", follow=True)

    assert Article.objects.get(pk=article.pk).status == S.PENDING
    assert "没有权限" in response.content.decode()


def test_a_report_after_the_earlier_ones_were_handled_is_news_again(regions, journalist, moderator):
    comment = CommentFactory(article=article_by(journalist, regions["lezhi"], status=S.PUBLISHED))
    CommentReport.objects.create(comment=comment, reason=CommentReport.Reason.ABUSE, ip_address="203.0.113.1")
    CommentReport.objects.filter(comment=comment).close(CommentReport.State.HANDLED, moderator)
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.REJECTED)

    CommentReport.objects.create(comment=comment, reason=CommentReport.Reason.ABUSE, ip_address="203.0.113.2")

    assert len(notices_of(moderator)) == 2
