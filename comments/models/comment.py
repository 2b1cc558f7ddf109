from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from comments import networks
from comments.models.ban import CommenterBan
from comments.models.report import CommentReport
from comments.models.word import SensitiveWord
from comments.signals import comments_changed
from core.reverse import reverse_one


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """What readers see: approved, and for a reply, an approved parent too."""
        return self.filter(status=Comment.Status.APPROVED).filter(
            Q(parent__isnull=True) | Q(parent__status=Comment.Status.APPROVED)
        )

    def for_article_page(self, article):
        """Approved top-level comments of ``article``, hottest first (most liked,
        then newest), each with ``approved_replies`` oldest first: one query
        for comments and replies together.

        The page holds every comment, so comments.js sorts them by 最新 from
        the same cached page.
        """
        rows = list(self.visible().filter(article=article).order_by("created_at", "pk"))
        replies = {}
        for row in rows:
            if row.parent_id is not None:
                replies.setdefault(row.parent_id, []).append(row)
        top_level = [row for row in reversed(rows) if row.parent_id is None]
        for comment in top_level:
            comment.approved_replies = replies.get(comment.pk, [])
        # A stable sort: equally liked comments stay newest first.
        return sorted(top_level, key=lambda comment: comment.like_count, reverse=True)

    def by_same_author(self, *, user=None, nickname="", ip_address=None):
        """Comments by a logged-in user, or else by the same nickname from the same IP."""
        if user is not None and user.is_authenticated:
            return self.filter(user=user)
        return self.filter(user__isnull=True, nickname=nickname, ip_address=ip_address)

    def moderate(self, status, by):
        """Set every comment here to ``status``, record who and when, recount articles.

        One transaction: a decision whose recount fails is not half-applied.
        """
        with transaction.atomic():
            article_ids = set(self.values_list("article_id", flat=True))
            self.update(status=status, moderated_by=by, moderated_at=timezone.now())
            Comment.objects.recount(article_ids)

    def hide_for_reports(self, by):
        """隐藏评论: take these comments off the page; their pending reports are handled."""
        with transaction.atomic():
            self.filter(status__in=[Comment.Status.APPROVED, Comment.Status.PENDING]).moderate(
                Comment.Status.REJECTED, by
            )
            CommentReport.objects.filter(comment__in=self).close(CommentReport.State.HANDLED, by)

    def dismiss_reports(self, by):
        """驳回举报: the reports were unfounded, and comments they sent back to
        the queue are shown again. Only visible comments can be reported, so a
        pending comment with pending reports was approved when reported."""
        with transaction.atomic():
            requeued = list(
                self.filter(status=Comment.Status.PENDING, reports__state=CommentReport.State.PENDING)
                .values_list("pk", flat=True)
                .distinct()
            )
            CommentReport.objects.filter(comment__in=self).close(CommentReport.State.DISMISSED, by)
            Comment.objects.filter(pk__in=requeued).moderate(Comment.Status.APPROVED, by)

    def ban_authors(self, by, reason=""):
        """禁言: put each author on the ban list (the account, else the address)
        and hide these comments. Returns how many bans were added or renewed."""
        banned = 0
        with transaction.atomic():
            for user_id, ip_address in set(self.values_list("user_id", "ip_address")):
                if user_id is not None:
                    who = {"user_id": user_id}
                elif ip_address:
                    who = {"network": networks.ban_network(ip_address)}
                else:
                    continue
                ban, created = CommenterBan.objects.get_or_create(**who, defaults={"reason": reason, "created_by": by})
                if not created and not ban.is_active:
                    CommenterBan.objects.filter(pk=ban.pk).update(expires_at=None, reason=reason, created_by=by)
                banned += created or not ban.is_active
            self.hide_for_reports(by)
        return banned

    def recount(self, article_ids):
        """Store on each article the number of comments readers can see."""
        from articles.models import Article

        article_ids = list(article_ids)
        if not article_ids:
            return
        visible = (
            Comment.objects.visible()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(n=Count("pk"))
            .values("n")
        )
        Article.objects.filter(pk__in=article_ids).update(comment_count=Coalesce(Subquery(visible), 0))
        comments_changed.send(sender=Comment, article_ids=article_ids)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "已通过"
        REJECTED = "rejected", "已拒绝"
        SPAM = "spam", "垃圾评论"

    article = models.ForeignKey(
        "articles.Article", verbose_name="文章", on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="回复的评论",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="只支持一层回复：回复只能挂在顶层评论下。",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登录用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    nickname = models.CharField("昵称", max_length=30, help_text="读者填写的昵称；登录用户为其用户名。")
    body = models.TextField("内容", max_length=1000, help_text="纯文本，显示时保留换行，不解析任何 HTML。")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    ip_address = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True, db_index=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderated_comments",
        editable=False,
    )
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True, editable=False)
    matched_words = models.JSONField(
        "命中敏感词",
        default=list,
        db_default=[],
        blank=True,
        editable=False,
        help_text="提交时命中的敏感词及其处理方式，供审核参考。",
    )
    report_count = models.PositiveIntegerField("被举报次数", default=0, db_default=0, editable=False)
    ip_place = models.CharField(
        "IP属地",
        max_length=20,
        blank=True,
        default="",
        db_default="",
        editable=False,
        help_text="提交时按 IP 地址查得的省份（境外为国家），显示在评论旁；查不到为空，不显示。",
    )
    like_count = models.PositiveIntegerField(
        "点赞数", default=0, db_default=0, editable=False, help_text="读者点赞的次数，每位读者每条评论一次。"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "评论"
        verbose_name_plural = "评论"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "status", "created_at"], name="comment_article_status")]

    def __str__(self):
        return f"{self.nickname}：{self.body[:20]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    # The buttons under each comment of the article page (comments/includes/actions.html).
    def get_like_url(self):
        return reverse_one("comments:like", self.pk)

    def get_report_url(self):
        return reverse_one("comments:report", self.pk)

    def get_reply_url(self):
        """The page where a reply is written (the article's comment form), before its ``?parent=``."""
        return reverse_one("comments:write", self.article_id)

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        comment.status_when_loaded = comment.__dict__.get("status")  # comments.signals reads it
        return comment

    def _moderate(self, status, by):
        Comment.objects.filter(pk=self.pk).moderate(status, by)
        self.refresh_from_db(fields=["status", "moderated_by", "moderated_at"])

    def approve(self, by):
        self._moderate(self.Status.APPROVED, by)

    def reject(self, by):
        self._moderate(self.Status.REJECTED, by)

    def mark_spam(self, by, hide_same_ip=False):
        """Mark as spam; on request also hide every other comment from the same IP."""
        if hide_same_ip and self.ip_address:
            Comment.objects.filter(ip_address=self.ip_address).exclude(status=self.Status.SPAM).moderate(
                self.Status.SPAM, by
            )
            self.refresh_from_db(fields=["status", "moderated_by", "moderated_at"])
        else:
            self._moderate(self.Status.SPAM, by)

    @property
    def held_words(self):
        return [m["word"] for m in self.matched_words if m.get("action") == SensitiveWord.Action.HOLD]

    @classmethod
    def is_trusted(cls, *, user=None, nickname="", ip_address=None):
        """Has this author earned auto-approval (settings.COMMENT_TRUSTED_AFTER)?

        N approved comments ever, and none rejected or marked spam in the last
        30 days. 0 turns the feature off.
        """
        needed = settings.COMMENT_TRUSTED_AFTER
        anonymous_without_ip = (user is None or not user.is_authenticated) and not ip_address
        if needed <= 0 or anonymous_without_ip:
            return False
        theirs = cls.objects.by_same_author(user=user, nickname=nickname, ip_address=ip_address)
        since = timezone.now() - timedelta(days=30)
        recently_refused = theirs.filter(
            status__in=[cls.Status.REJECTED, cls.Status.SPAM], created_at__gte=since
        ).exists()
        return not recently_refused and theirs.filter(status=cls.Status.APPROVED).count() >= needed

    def add_report(self, reason, ip_address, detail="", reporter=None):
        """Record one reader's report; False if this account, or anonymously
        this IP, already reported the comment.

        An approved comment goes back to the moderation queue once its pending
        reports come from COMMENT_REPORTS_TO_REQUEUE distinct networks (see
        comments.networks): one person's many addresses count once. The
        comment's row is locked, so reports arriving together are counted one
        after another; report, count and requeue are one transaction.
        """
        reporter = reporter if reporter is not None and reporter.is_authenticated else None
        with transaction.atomic():
            Comment.objects.select_for_update().filter(pk=self.pk).exists()
            if reporter is not None:
                earlier = self.reports.filter(reporter=reporter)
            else:
                earlier = self.reports.filter(reporter__isnull=True, ip_address=ip_address)
            if earlier.exists():
                return False
            CommentReport.objects.create(
                comment=self,
                reason=reason,
                detail=detail,
                reporter=reporter,
                ip_address=ip_address,
                network=networks.report_network(ip_address),
            )
            Comment.objects.filter(pk=self.pk).update(report_count=F("report_count") + 1)
            reporting = self.reports.pending().exclude(network="").values("network").distinct().count()
            requeue = Comment.objects.filter(pk=self.pk, status=self.Status.APPROVED)
            if reporting >= settings.COMMENT_REPORTS_TO_REQUEUE and requeue.update(status=self.Status.PENDING):
                Comment.objects.recount([self.article_id])
        self.refresh_from_db(fields=["status", "report_count"])
        return True
