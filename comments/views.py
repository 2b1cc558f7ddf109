"""Reader-side comment actions: small views, the rules live in forms and models.

The article page is cached whole for anonymous readers, so it only carries a
static form. comments.js fetches a CSRF token from ``token`` and posts with
fetch, getting JSON back. Without JavaScript the static form posts to
``write``, which saves nothing and shows the same fields, filled in, on an
uncached page that carries a token; the reader confirms there and ``post``
answers with an HTML page.
"""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article
from comments import likes
from comments.forms import SUBMITTED_MESSAGE, CommentForm, ReportForm
from comments.models import Comment
from comments.readers import display_name
from comments.throttle import client_ip, within_rate_limit

CLOSED_MESSAGE = "本文评论已关闭。"
RATE_LIMITED_MESSAGE = "评论太频繁了，请休息一分钟再来。"
LIKE_RATE_LIMITED_MESSAGE = "点赞太频繁了，请休息一分钟再来。"
MISSING_COMMENT_MESSAGE = "这条评论不存在或已不再显示。"


def wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


def answer(request, template, context, status=200):
    """JSON for comments.js, a small page for a plain form post."""
    if wants_json(request):
        payload = {"ok": status < 400, "message": context.get("message", "")}
        form = context.get("form")
        if form is not None and form.errors:
            payload["errors"] = {name: list(errors) for name, errors in form.errors.items()}
        payload.update(context.get("json", {}))
        return JsonResponse(payload, status=status)
    return render(request, template, context, status=status)


def comments_open(article):
    return article.is_visible_to_readers and article.allow_comments


def closed(request, article):
    # An unpublished article's title is not for readers: name it only if public.
    shown = article if article.is_visible_to_readers else None
    return answer(request, "comments/closed.html", {"article": shown, "message": CLOSED_MESSAGE}, status=403)


@require_GET
@never_cache
def token(request):
    """The CSRF token and the logged-in name, kept out of the cached article page."""
    nickname = display_name(request.user) if request.user.is_authenticated else ""
    return JsonResponse({"csrfToken": get_token(request), "nickname": nickname})


@csrf_exempt
@require_http_methods(["GET", "POST"])
@never_cache
def write(request, article_id):
    """The no-JavaScript comment form: echoes what was typed, saves nothing.

    Exempt from CSRF because it changes nothing; the real post from this page
    carries a token and is checked as usual.
    """
    article = get_object_or_404(Article, pk=article_id)
    if not comments_open(article):
        return closed(request, article)
    typed = request.POST if request.method == "POST" else {"parent": request.GET.get("parent", "")}
    context = {"article": article, "typed": typed}
    return render(request, "comments/write.html", {**context, **replying_to(article, typed)})


def replying_to(article, typed):
    """The approved comment a reader is replying to, for the form's "回复 xx" line."""
    raw = typed.get("parent", "")
    parent = None
    if str(raw).isdigit():
        parent = Comment.objects.visible().filter(pk=raw, article=article, parent__isnull=True).first()
    return {"parent_comment": parent}


@require_POST
@never_cache
def post(request, article_id):
    article = get_object_or_404(Article, pk=article_id)
    ip = client_ip(request)
    if not comments_open(article):
        return closed(request, article)
    if not within_rate_limit("comment", ip, settings.COMMENT_RATE_LIMIT):
        context = {"article": article, "message": RATE_LIMITED_MESSAGE}
        return answer(request, "comments/rate_limited.html", context, status=429)
    form = CommentForm(request.POST, article=article, user=request.user, ip_address=ip)
    if form.is_bot:
        return answer(request, "comments/posted.html", {"article": article, "message": SUBMITTED_MESSAGE})
    if not form.is_valid():
        context = {"article": article, "form": form, "typed": request.POST, "message": "提交失败，请按提示修改。"}
        context.update(replying_to(article, request.POST))
        return answer(request, "comments/write.html", context, status=400)
    comment = form.save()
    context = {"article": article, "comment": comment, "message": form.success_message(comment)}
    return answer(request, "comments/posted.html", context, status=201 if wants_json(request) else 200)


@require_http_methods(["GET", "POST"])
@never_cache
def report(request, comment_id):
    """举报: a reason form (GET) and the report itself (POST), once per account or, anonymously, per IP."""
    comment = get_object_or_404(Comment.objects.visible().select_related("article"), pk=comment_id)
    form = ReportForm(request.POST or None)
    context = {"comment": comment, "article": comment.article, "form": form}
    if request.method == "GET":
        return render(request, "comments/report.html", context)
    if not form.is_valid():
        return answer(request, "comments/report.html", {**context, "message": "请选择举报理由。"}, status=400)
    ip = client_ip(request)
    if not within_rate_limit("report", ip, settings.COMMENT_RATE_LIMIT * 4):
        return answer(request, "comments/rate_limited.html", {**context, "message": RATE_LIMITED_MESSAGE}, status=429)
    counted = comment.add_report(form.cleaned_data["reason"], ip, form.cleaned_data["detail"], reporter=request.user)
    message = "感谢举报，我们会尽快处理。" if counted else "您已经举报过这条评论，我们会尽快处理。"
    return answer(request, "comments/reported.html", {**context, "message": message})


@require_http_methods(["GET", "POST"])
@never_cache
def like(request, comment_id):
    """点赞: a confirm button without JavaScript (GET), the like itself (POST),
    and 取消点赞 (POST with ``undo=1``)."""
    shown = Comment.objects.visible().filter(article__in=Article.objects.published())
    comment = shown.select_related("article").filter(pk=comment_id).first()
    if comment is None:
        if wants_json(request):
            return JsonResponse({"ok": False, "message": MISSING_COMMENT_MESSAGE}, status=404)
        raise Http404(MISSING_COMMENT_MESSAGE)
    context = {"comment": comment, "article": comment.article}
    if request.method == "GET":
        return render(request, "comments/like.html", context)
    ip = client_ip(request)
    if not within_rate_limit("like", ip, settings.COMMENT_LIKE_RATE_LIMIT):
        context = {**context, "message": LIKE_RATE_LIMITED_MESSAGE}
        return answer(request, "comments/rate_limited.html", context, status=429)
    undo = request.POST.get("undo") == "1"
    if undo:
        counted = likes.unlike(comment, user=request.user, ip_address=ip)
        message = "已取消点赞" if counted else "您还没有赞过这条评论"
    else:
        counted = likes.like(comment, user=request.user, ip_address=ip)
        message = "点赞成功" if counted else "您已经赞过这条评论了"
    context = {
        **context,
        "message": message,
        "liked": not undo,
        "json": {"liked": not undo, "likes": comment.like_count},
    }
    return answer(request, "comments/liked.html", context)
