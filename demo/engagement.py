"""What readers and editors left on the demo articles: views, recommendations, comments."""

import datetime
from collections import defaultdict

from articles.models import Article, ArticleDailyViews
from comments.models import Comment
from demo.catalog import (
    APPROVED_BODIES,
    PENDING_BODIES,
    READER_NICKNAMES,
    REJECTED_BODIES,
    REPLY_BODIES,
    SPAM_BODIES,
)

BATCH_SIZE = 500
HOT_WINDOW_DAYS = 30  # daily rows older than this would never feed a hot list
DECAY_DAYS = 10  # a local story is read for about a week and a half
RECOMMENDING_ARTICLES = 40
MIN_PER_STATUS = 3
BODIES = {
    Comment.Status.APPROVED: APPROVED_BODIES,
    Comment.Status.PENDING: PENDING_BODIES,
    Comment.Status.REJECTED: REJECTED_BODIES,
    Comment.Status.SPAM: SPAM_BODIES,
}


def visible(plans, articles, now):
    return [(p, a) for p, a in zip(plans, articles) if p.status == Article.Status.PUBLISHED and p.published_at <= now]


def add_daily_views(rng, pairs, today):
    """Daily rows for the hot lists, and a view_count that is at least their sum."""
    rows = []
    for plan, article in pairs:
        base = rng.lognormvariate(5.3, 0.8) * (3 if plan.is_featured else 1)
        published_day = plan.published_at.date()
        total = rng.randint(0, 40)
        for age in range(DECAY_DAYS):
            day = published_day + datetime.timedelta(days=age)
            if day > today:
                break
            views = int(base * 0.6**age) + rng.randint(1, 12)
            total += views
            if (today - day).days < HOT_WINDOW_DAYS:
                rows.append(ArticleDailyViews(article=article, region_id=article.region_id, day=day, views=views))
        article.view_count = total
    ArticleDailyViews.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def add_recommendations(rng, pairs):
    """Editors' 新闻推荐: other stories on the same topic, else from the same place."""
    by_topic, by_place = defaultdict(list), defaultdict(list)
    for plan, article in pairs:
        by_topic[plan.topic_key].append(article)
        by_place[plan.place.adcode].append(article)
    through = Article.recommended.through
    rows = []
    for plan, article in rng.sample(pairs, min(RECOMMENDING_ARTICLES, len(pairs))):
        candidates = [a for a in by_topic[plan.topic_key] + by_place[plan.place.adcode] if a.pk != article.pk]
        picks = {a.pk: a for a in rng.sample(candidates, min(len(candidates), 4))}
        rows += [through(from_article_id=article.pk, to_article_id=pk) for pk in list(picks)[: rng.randint(2, 3)]]
    through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def add_comments(rng, pairs, moderator, now):
    """Comments in every status plus replies; sets each article's comment_count."""
    writer = _CommentWriter(rng, moderator, now)
    for plan, article in pairs:
        if rng.random() < 0.6:
            writer.thread(plan, article)
    for status in BODIES:
        while writer.count(status) < MIN_PER_STATUS:
            writer.add(*pairs[writer.count(status)], status)
    top_level = writer.comments
    Comment.objects.bulk_create(top_level, batch_size=BATCH_SIZE)
    replies = writer.replies(top_level)
    Comment.objects.bulk_create(replies, batch_size=BATCH_SIZE)
    everything = top_level + replies
    # created_at is auto_now_add, so the planned times go in with a second pass.
    for comment in everything:
        comment.created_at = comment.planned_at
    Comment.objects.bulk_update(everything, ["created_at"], batch_size=BATCH_SIZE)
    approved = defaultdict(int)
    for comment in everything:
        approved[comment.article_id] += comment.status == Comment.Status.APPROVED
    for _, article in pairs:
        article.comment_count = approved[article.pk]
    return everything


class _CommentWriter:
    def __init__(self, rng, moderator, now):
        self.rng, self.moderator, self.now = rng, moderator, now
        self.comments = []

    def count(self, status):
        return sum(c.status == status for c in self.comments)

    def thread(self, plan, article):
        rng = self.rng
        Status = Comment.Status
        statuses = [Status.APPROVED] * rng.randint(1, 6) + [Status.PENDING] * rng.choice((0, 0, 0, 1, 2))
        statuses += [Status.REJECTED] * (rng.random() < 0.12) + [Status.SPAM] * (rng.random() < 0.1)
        for status in statuses:
            self.add(plan, article, status)

    def add(self, plan, article, status, parent=None):
        rng = self.rng
        after = parent.planned_at if parent else plan.published_at
        seconds = max(60, int((self.now - after).total_seconds()))
        planned_at = after + datetime.timedelta(seconds=rng.randint(60, min(seconds, 3 * 86400)))
        planned_at = min(planned_at, self.now)
        body = rng.choice(REPLY_BODIES if parent else BODIES[status])
        comment = Comment(
            article=article,
            parent=parent,
            nickname=rng.choice(READER_NICKNAMES),
            body=body.format(place=plan.place.short, town=plan.story.town),
            status=status,
            ip_address=f"{rng.choice(('203.0.113', '198.51.100'))}.{rng.randint(1, 254)}",
        )
        comment.planned_at, comment.plan = planned_at, plan
        if status != Comment.Status.PENDING:
            comment.moderated_by = self.moderator
            comment.moderated_at = min(self.now, planned_at + datetime.timedelta(minutes=rng.randint(3, 120)))
        if parent is None:
            self.comments.append(comment)
        return comment

    def replies(self, top_level):
        """One level of replies, only under approved comments, as the site allows."""
        replies = []
        for comment in top_level:
            if comment.status == Comment.Status.APPROVED and self.rng.random() < 0.3:
                status = Comment.Status.APPROVED if self.rng.random() < 0.85 else Comment.Status.PENDING
                replies.append(self.add(comment.plan, comment.article, status, parent=comment))
        return replies
