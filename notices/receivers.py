"""Who is told what: the workflow's moves to the article's author, reports to the moderators."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from articles.models import Article, ArticleTransition
from articles.workflow import MODERATOR_GROUP
from comments.models import CommentReport
from notices.send import notify

S = Article.Status
TOLD_TO_AUTHOR = {
    S.PUBLISHED: "《{title}》已由{by}发布。",
    S.REJECTED: "《{title}》被{by}退回：{note}",
    S.WITHDRAWN: "《{title}》已被{by}撤稿。{note}",
}


@receiver(post_save, sender=ArticleTransition, dispatch_uid="notices_article_moved")
def tell_the_author(sender, instance, created, **kwargs):
    template = TOLD_TO_AUTHOR.get(instance.to_status)
    article = instance.article
    if not created or template is None or article.created_by_id in (None, instance.by_id):
        return
    by = (instance.by.get_full_name() or instance.by.get_username()) if instance.by else "系统"
    message = template.format(title=article.title, by=f"编辑 {by} ", note=instance.note).strip()
    notify([article.created_by], message, reverse("admin:articles_article_change", args=[article.pk]))


@receiver(post_save, sender=CommentReport, dispatch_uid="notices_comment_reported")
def tell_the_moderators(sender, instance, created, **kwargs):
    """Once per comment: further reports of a comment already waiting add nothing new to do."""
    if not created or CommentReport.objects.pending().filter(comment_id=instance.comment_id).count() > 1:
        return
    moderators = (
        get_user_model()
        .objects.filter(Q(groups__name=MODERATOR_GROUP) | Q(is_superuser=True), is_active=True, is_staff=True)
        .distinct()
    )
    comment = instance.comment
    message = f"《{comment.article.title}》下的一条评论被举报（{instance.get_reason_display()}）：{comment.body[:40]}"
    notify(moderators, message, reverse("admin:comments_commentreport_changelist"))
