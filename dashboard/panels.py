"""What the newsroom's home page shows each person, by what they may do.

- a journalist (记者): their drafts, the articles an editor sent back with
  the note, and what still waits for review;
- an editor (编辑): what waits for review in their regions and how long the
  oldest has waited, what was published today and this week per region,
  the most read articles and the views per day, and how many comments and
  reports wait for the moderators;
- a moderator (审核员): comments waiting, reports waiting;
- a superuser: all of it;
- everyone: their newest unread notices (通知).

Views come from ``ArticleDailyViews``, which the view flush fills every
minute; what readers did since the last flush shows after the next one.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Min, Q, Sum
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleDailyViews
from comments.models import Comment, CommentReport
from notices.models import Notice

CHART_DAYS = 14
TOP = 10


@dataclass
class Dashboard:
    waiting_review: int = 0
    oldest_waiting_since: object = None
    my_drafts: list = field(default_factory=list)
    my_rejected: list = field(default_factory=list)
    my_waiting: list = field(default_factory=list)
    published_by_region: list = field(default_factory=list)
    published_today: int = 0
    published_this_week: int = 0
    most_read_today: list = field(default_factory=list)
    most_read_this_week: list = field(default_factory=list)
    views_per_day: list = field(default_factory=list)
    comments_waiting: int = 0
    oldest_comment_since: object = None
    reports_waiting: int = 0
    may_moderate: bool = False
    unread_notices: list = field(default_factory=list)
    sections: set = field(default_factory=set)


def for_user(user, now=None):
    now = now or timezone.now()
    board = Dashboard(unread_notices=list(Notice.objects.filter(recipient=user).unread()[:5]))
    if user.has_perm("articles.add_article") or user.has_perm("articles.change_article"):
        board.sections.add("mine")
        _mine(board, user)
    if workflow.is_editor(user):
        board.sections.update({"review", "published", "reading"})
        visible = workflow.visible_articles(user, Article.objects.all())
        _review(board, visible)
        _published(board, visible, now)
        _reading(board, visible, now)
    board.may_moderate = user.has_perm("comments.change_comment")
    if board.may_moderate or workflow.is_editor(user):
        board.sections.add("comments")
        _comments(board, user)
    return board


def _mine(board, user):
    mine = Article.objects.filter(created_by=user).only("pk", "title", "status", "updated_at", "review_note")
    board.my_drafts = list(mine.filter(status=Article.Status.DRAFT).order_by("-updated_at")[:5])
    board.my_rejected = list(mine.filter(status=Article.Status.REJECTED).order_by("-updated_at")[:5])
    board.my_waiting = list(mine.filter(status=Article.Status.PENDING).order_by("submitted_at")[:5])


def _review(board, visible):
    waiting = visible.filter(status=Article.Status.PENDING).aggregate(n=Count("pk"), oldest=Min("submitted_at"))
    board.waiting_review, board.oldest_waiting_since = waiting["n"], waiting["oldest"]


def _published(board, visible, now):
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    week_start = today - timedelta(days=today.weekday())
    rows = (
        visible.published(now)
        .filter(published_at__gte=week_start)
        .values("region__name")
        .annotate(week=Count("pk"), today=Count("pk", filter=Q(published_at__gte=today)))
        .order_by("-week", "region__name")
    )
    board.published_by_region = list(rows)
    board.published_this_week = sum(row["week"] for row in board.published_by_region)
    board.published_today = sum(row["today"] for row in board.published_by_region)


def _reading(board, visible, now):
    today = timezone.localdate(now)
    recent = ArticleDailyViews.objects.filter(article__in=visible.values("pk"))
    board.most_read_today = _most_read(recent.filter(day=today))
    board.most_read_this_week = _most_read(recent.filter(day__gt=today - timedelta(days=7)))
    in_chart = recent.filter(day__gt=today - timedelta(days=CHART_DAYS))
    board.views_per_day = _by_day(dict(in_chart.values("day").annotate(n=Sum("views")).values_list("day", "n")), today)


def _most_read(rows):
    return list(
        rows.values("article_id", "article__title").annotate(views=Sum("views")).order_by("-views", "article_id")[:TOP]
    )


def _comments(board, user):
    pending = Comment.objects.filter(status=Comment.Status.PENDING).aggregate(n=Count("pk"), oldest=Min("created_at"))
    board.comments_waiting, board.oldest_comment_since = pending["n"], pending["oldest"]
    board.reports_waiting = CommentReport.objects.pending().count()


def views_per_day(article, now=None):
    """[(label, views)] for ``article`` over the last ``CHART_DAYS`` days, today last."""
    today = timezone.localdate(now or timezone.now())
    in_chart = article.daily_views.filter(day__gt=today - timedelta(days=CHART_DAYS))
    return _by_day(dict(in_chart.values_list("day", "views")), today)


def _by_day(views_by_day, today):
    days = [today - timedelta(days=n) for n in range(CHART_DAYS - 1, -1, -1)]
    return [(f"{day:%m-%d}", views_by_day.get(day, 0)) for day in days]
