"""Extra admin pages for an article: preview, revision comparison and rollback."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from reversion.models import Version

from articles import revisions, rollback, workflow
from articles.models import Article, Byline


def preview(model_admin, request, object_id):
    """The article in the reader's template, before it is published.

    Not wrapped in ``admin_view``: readers must get a plain 404, not a login
    page that tells them the article exists.
    """
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        raise Http404
    articles = (
        model_admin.get_queryset(request)
        .select_related("region", "column", "source")
        .prefetch_related("photos", "tags", Prefetch("byline", queryset=Byline.objects.select_related("author")))
    )
    article = articles.filter(pk=unquote(object_id)).first()
    if article is None or not workflow.can_preview(user, article):
        raise Http404
    context = {"article": article, "is_preview": True}
    return TemplateResponse(request, "admin/articles/article/preview.html", context)


def compare(model_admin, request, object_id):
    """Field-by-field differences between two saved versions of an article."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None or not model_admin.has_view_permission(request, article):
        raise Http404
    versions = Version.objects.get_for_object(article).select_related("revision__user")
    try:
        old_id, new_id = sorted(int(request.GET[key]) for key in ("old", "new"))
    except (KeyError, ValueError):
        raise Http404 from None
    old = get_object_or_404(versions, pk=old_id)
    new = get_object_or_404(versions, pk=new_id)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": f"比较《{article}》的两个版本",
        "old": old,
        "new": new,
        "diffs": revisions.compare(old, new),
    }
    return TemplateResponse(request, "admin/articles/article/compare.html", context)


def history_versions(article_id):
    """Every saved version of the article, oldest first, for the compare form."""
    return list(
        Version.objects.get_for_object_reference(Article, article_id).select_related("revision__user").order_by("pk")
    )


def rollback_page(model_admin, request, object_id, version_id):
    """A confirmation page listing what a rollback changes; its POST restores the content."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None or not model_admin.has_view_permission(request, article):
        raise Http404
    if not workflow.can_edit(request.user, article):
        raise PermissionDenied
    versions = Version.objects.get_for_object(article).select_related("revision__user")
    version = get_object_or_404(versions, pk=version_id)
    when = f"{timezone.localtime(version.revision.date_created):%Y-%m-%d %H:%M:%S}"
    if request.method == "POST":
        if request.POST.get("version") != revisions.version_of(article):
            messages.warning(
                request, "稿件在您打开此页之后又被保存过，下面是按现在的稿件重新列出的改动，请再确认一次。"
            )
        else:
            changed = rollback.roll_back(article, version, request.user)
            if changed:
                messages.success(request, f"《{article}》已回滚到 {when} 的版本，恢复了：{revisions.labels(changed)}。")
            else:
                messages.info(request, "这个版本的内容与现在相同，没有需要回滚的。")
            return redirect("admin:articles_article_change", article.pk)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": f"回滚《{article}》到 {when} 的版本",
        "version": version,
        "article_version": revisions.version_of(article),
        "diffs": rollback.preview(article, version),
    }
    return TemplateResponse(request, "admin/articles/article/rollback.html", context)
