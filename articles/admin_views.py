"""Extra admin pages for an article: preview and revision comparison."""

from django.contrib.admin.utils import unquote
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from reversion.models import Version

from articles import revisions, workflow
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
