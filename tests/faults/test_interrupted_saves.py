"""A save that the database interrupts half-way leaves nothing half-saved and
loses nothing committed before it.

Each test arms a PostgreSQL trigger that fails one step of a multi-row write
the way a dying server does (SQLSTATE 57P01, "terminating connection due to
administrator command", an OperationalError), lets the step run, and checks
that every row written before it in the same save was rolled back too.

The tests run outside a test transaction (transaction=True) so that what a
save commits really is committed, as in production.
"""

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client
from reversion.models import Version

from articles.models import Article, ArticleTransition, Byline
from comments.models import Comment, CommentReport
from tests.articles.newsroom import form_data, staff
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, RegionFactory

pytestmark = pytest.mark.django_db(transaction=True)

FRIENDLY = "暂时无法访问，请稍后再试"


@contextmanager
def server_dies_on(event, table, condition="true"):
    """Fail every ``event`` (e.g. "INSERT", "UPDATE OF comment_count") on ``table``."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION np_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'fault injected' USING ERRCODE = '57P01'; END $$"
        )
        cursor.execute(f"CREATE TRIGGER np_fault BEFORE {event} ON {table} FOR EACH ROW WHEN ({condition}) "
                       "EXECUTE FUNCTION np_fault()")  # fmt: skip
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TRIGGER IF EXISTS np_fault ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS np_fault()")


@pytest.fixture
def editor(db):
    return staff("wangbian", "编辑")


def admin_client(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_a_new_article_whose_byline_cannot_be_saved_is_not_created_at_all(editor):
    region, author = RegionFactory(), AuthorFactory(name="汤斌")
    draft = Article(title="乐至县蚕桑丰收", summary="摘要", body="<p>正文</p>", region=region)
    data = form_data(draft, _submit_review="提交审核", **{
        "byline-TOTAL_FORMS": "1", "byline-0-author": author.pk, "byline-0-role": "text", "byline-0-sort_order": "0",
    })  # fmt: skip

    with server_dies_on("INSERT", "articles_byline"):
        response = admin_client(editor).post("/admin/articles/article/add/", data)

    assert response.status_code == 503 and FRIENDLY in response.content.decode()
    assert not Article.objects.exists()
    assert (Byline.objects.count(), ArticleTransition.objects.count(), Version.objects.count()) == (0, 0, 0)


def test_an_edit_whose_byline_cannot_be_saved_keeps_the_article_as_it_was(editor):
    article = ArticleFactory(title="原来的标题", status=Article.Status.DRAFT, published_at=None)
    author = AuthorFactory()
    data = form_data(article, title="改过的标题", **{
        "byline-TOTAL_FORMS": "1", "byline-0-author": author.pk, "byline-0-role": "text", "byline-0-sort_order": "0",
    })  # fmt: skip

    with server_dies_on("INSERT", "articles_byline"):
        response = admin_client(editor).post(f"/admin/articles/article/{article.pk}/change/", data)

    assert response.status_code == 503
    article.refresh_from_db()
    assert article.title == "原来的标题"
    assert not Byline.objects.exists() and not Version.objects.exists()


def test_a_workflow_move_whose_audit_row_fails_leaves_the_article_where_it_was(editor):
    article = ArticleFactory(status=Article.Status.PENDING, published_at=None)

    with server_dies_on("INSERT", "articles_articletransition"), pytest.raises(OperationalError):
        article.publish(editor)

    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.PENDING, None)
    assert not ArticleTransition.objects.exists() and not Version.objects.exists()


def test_a_trusted_comment_whose_recount_fails_is_not_saved(settings):
    settings.COMMENT_TRUSTED_AFTER = 1
    earlier = CommentFactory(nickname="老张", ip_address="198.51.100.30")
    reader = Client(raise_request_exception=False)

    with server_dies_on("UPDATE OF comment_count", "articles_article"):
        response = reader.post(f"/comments/post/{earlier.article_id}/", {"nickname": "老张", "body": "再说一句"},
                               REMOTE_ADDR="198.51.100.30")  # fmt: skip

    assert response.status_code == 503 and FRIENDLY in response.content.decode()
    assert list(Comment.objects.values_list("body", flat=True)) == [earlier.body]


def test_an_approval_whose_recount_fails_leaves_the_comment_pending(editor):
    comment = CommentFactory(status=Comment.Status.PENDING)
    committed = CommentFactory(article=comment.article, status=Comment.Status.APPROVED)

    with server_dies_on("UPDATE OF comment_count", "articles_article"), pytest.raises(OperationalError):
        comment.approve(editor)

    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by, comment.moderated_at) == (Comment.Status.PENDING, None, None)
    assert Comment.objects.get(pk=committed.pk).status == Comment.Status.APPROVED


def test_a_report_whose_requeue_fails_is_not_half_recorded(settings):
    settings.COMMENT_REPORTS_TO_REQUEUE = 1
    comment = CommentFactory()
    reader = Client(raise_request_exception=False)

    with server_dies_on("UPDATE OF comment_count", "articles_article"):
        response = reader.post(f"/comments/report/{comment.pk}/", {"reason": "abuse"}, REMOTE_ADDR="198.51.100.31")

    assert response.status_code == 503
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Comment.Status.APPROVED, 0)
    assert not CommentReport.objects.exists()
