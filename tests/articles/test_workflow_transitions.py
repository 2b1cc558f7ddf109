"""Every workflow move, for every role: who may make it, and what it records.

The article is 汤斌's, about 乐至县 (资阳市). 赵编 handles 资阳市 only, so for
him an article about 武侯区 (成都市) is out of scope.
"""

import pytest
from django.utils import timezone

from articles.models import Article, ArticleTransition
from articles.workflow import TransitionNotAllowed
from tests.articles.newsroom import article_by

S = Article.Status
MOVES = {
    "submit": ([S.DRAFT, S.REJECTED], S.PENDING),
    "publish": ([S.DRAFT, S.PENDING], S.PUBLISHED),
    "reject": ([S.PENDING], S.REJECTED),
    "withdraw": ([S.PUBLISHED], S.WITHDRAWN),
    "reopen": ([S.REJECTED], S.DRAFT),
}
# Which roles may make each move on an article they are otherwise allowed to touch.
ALLOWED = {
    "journalist": {"submit", "reopen"},
    "other_journalist": set(),
    "editor": set(MOVES),
    "ziyang_editor": set(MOVES),
    "ziyang_editor_out_of_scope": set(),
    "moderator": set(),
    "superuser": set(MOVES),
}


def do(article, move, user):
    if move == "reject":
        article.reject(user, "导语太长，请压缩到两句话。")
    else:
        getattr(article, move)(user)


@pytest.fixture
def people(journalist, other_journalist, editor, ziyang_editor, moderator, superuser):
    return {
        "journalist": journalist,
        "other_journalist": other_journalist,
        "editor": editor,
        "ziyang_editor": ziyang_editor,
        "ziyang_editor_out_of_scope": ziyang_editor,
        "moderator": moderator,
        "superuser": superuser,
    }


@pytest.mark.parametrize("role", ALLOWED)
@pytest.mark.parametrize("move", MOVES)
@pytest.mark.parametrize("status", list(S))
def test_each_role_may_make_exactly_its_moves(people, regions, journalist, role, move, status):
    region = regions["wuhou"] if role == "ziyang_editor_out_of_scope" else regions["lezhi"]
    article = article_by(journalist, region, status=status)
    sources, target = MOVES[move]
    user = people[role]

    if move in ALLOWED[role] and status in sources:
        do(article, move, user)
        article.refresh_from_db()
        assert article.status == target
        audit = ArticleTransition.objects.get(article=article)
        assert (audit.from_status, audit.to_status, audit.by) == (status, target, user)
    else:
        with pytest.raises(TransitionNotAllowed):
            do(article, move, user)
        article.refresh_from_db()
        assert article.status == status
        assert not ArticleTransition.objects.filter(article=article).exists()


def test_the_whole_road_draft_review_rejection_and_publication(regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"])

    article.submit(journalist)
    assert (article.submitted_by, article.status) == (journalist, S.PENDING)
    article.reject(editor, "标题里的村名写错了")
    assert article.review_note == "标题里的村名写错了"
    article.reopen(journalist)
    article.submit(journalist)
    article.publish(editor)
    article.withdraw(editor, "当事人要求更正")

    article.refresh_from_db()
    assert article.status == S.WITHDRAWN
    assert article.review_note == ""  # publishing clears the old rejection note
    trail = list(article.transitions.values_list("from_status", "to_status", "by__username", "note"))
    assert trail == [
        ("draft", "pending", "tangbin", ""),
        ("pending", "rejected", "wangbian", "标题里的村名写错了"),
        ("rejected", "draft", "tangbin", ""),
        ("draft", "pending", "tangbin", ""),
        ("pending", "published", "wangbian", ""),
        ("published", "withdrawn", "wangbian", "当事人要求更正"),
    ]


def test_rejecting_without_a_note_is_refused(regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)

    with pytest.raises(TransitionNotAllowed, match="审核意见"):
        article.reject(editor, "   ")

    article.refresh_from_db()
    assert article.status == S.PENDING


def test_a_refusal_says_why_in_chinese(regions, journalist):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)

    with pytest.raises(TransitionNotAllowed, match="您没有权限对这篇稿件执行“发布”"):
        article.publish(journalist)
    with pytest.raises(TransitionNotAllowed, match="稿件当前状态为“待审核”，不能提交审核"):
        article.submit(journalist)


def test_a_stale_copy_cannot_move_an_article_twice(regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    stale = Article.objects.get(pk=article.pk)
    article.publish(editor)

    # The other tab still believes the article is pending; the row says otherwise.
    with pytest.raises(TransitionNotAllowed):
        stale.reject(editor, "晚了一步")
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED


def test_publishing_with_a_future_time_schedules_the_article(regions, journalist, editor):
    article = article_by(journalist, regions["lezhi"], status=S.PENDING)
    at = timezone.now() + timezone.timedelta(hours=3)

    article.publish(editor, at=at)

    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.published_at == at
    assert article.is_scheduled
