"""会员中心: login by code or password, profile, my comments, bookmarks, history.

Every page here is built for one reader (never cached: never_cache, and
PrivateReaderPagesMiddleware marks them private). Rules live in forms,
models and members.codes; views only route.
"""

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Article
from comments.models import Comment
from comments.throttle import client_ip
from core.templatetags.durations import duration_text
from members import codes
from members.forms import CodeLoginForm, PasswordLoginForm, ProfileForm, SendCodeForm
from members.models import Bookmark, PhoneTaken, Reader
from members.session import log_in, log_out, remember_nickname

reader_only = login_required(login_url="members:login")
WRONG_CODE = "验证码不正确或已失效，请重新获取。"


def safe_next(request):
    """The on-site page a reader came from (``next``), or ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def reader_of(user):
    """The profile of a logged-in account; one is made for an account that has none yet."""
    reader, _ = Reader.objects.get_or_create(user=user, defaults={"nickname": user.get_username()[:30]})
    return reader


@require_http_methods(["GET", "POST"])
@never_cache
def login(request):
    action = request.POST.get("action", "")
    code_form = CodeLoginForm(request.POST if action in ("send", "code") else None)
    password_form = PasswordLoginForm(request, request.POST if action == "password" else None)
    context = {"code_form": code_form, "password_form": password_form, "next": safe_next(request), "tab": "code"}
    status = 200
    if action == "send":
        status = send_code(request, context)
    elif action == "code" and code_form.is_valid():
        reader, message = reader_by_code(code_form.cleaned_data)
        if reader is not None:
            return logged_in(request, reader)
        code_form.add_error("code", message)
    elif action == "password":
        context["tab"] = "password"
        if password_form.is_valid():
            return logged_in(request, reader_of(password_form.get_user()))
    if action in ("code", "password") and (code_form.errors or password_form.errors):
        status = 400
    return render(request, "members/login.html", context, status=status)


def locked_out(request, original_response=None, credentials=None):
    """What a login answers after too many wrong passwords (django-axes'
    AXES_LOCKOUT_CALLABLE): staff get the admin's page; a reader gets the login
    page back with the number kept, pointed to the code login, which needs no password."""
    context = {"failure_limit": get_failure_limit(request, credentials), "cooloff_timedelta": get_cool_off(request)}
    if not request.path.startswith("/members/"):
        return render(request, "admin/locked_out.html", context, status=429)
    phone = request.POST.get("username", "")
    wait = f"请 {duration_text(context['cooloff_timedelta'])}后再试" if context["cooloff_timedelta"] else "请稍后再试"
    context = {
        "code_form": CodeLoginForm(initial={"phone": phone}),
        "password_form": PasswordLoginForm(request, initial={"username": phone}),
        "next": safe_next(request),
        "message": f"这个手机号在本机连续 {context['failure_limit']} 次密码错误，已暂时锁定密码登录，{wait}；"
        "也可以马上用短信验证码登录。",
    }
    return render(request, "members/login.html", context, status=429)


def send_code(request, context):
    context["code_form"] = CodeLoginForm(initial={"phone": request.POST.get("phone", "")})
    form = SendCodeForm(request.POST)
    if not form.is_valid():
        context["message"] = form.errors["phone"][0]
        return 400
    phone = form.cleaned_data["phone"]
    try:
        codes.issue(phone, client_ip(request))
    except codes.CodeRefused as refused:
        context["message"] = str(refused)
        return 503 if str(refused) == codes.NOT_SENT else 429
    context["sent"] = f"验证码已发送到 {phone[:3]}****{phone[-4:]}，{settings.SMS_CODE_MINUTES} 分钟内有效。"
    return 200


def reader_by_code(data):
    """(reader, None) for a valid code, else (None, why)."""
    if not codes.redeem(data["phone"], data["code"]):
        return None, WRONG_CODE
    try:
        reader = Reader.objects.verified_by_code(data["phone"])
    except PhoneTaken:
        return None, "这个手机号不能用验证码登录，请联系本站编辑部。"
    if reader.user.is_staff or not reader.user.is_active:
        return None, "这个账号不能在这里登录。"
    return reader, None


def logged_in(request, reader):
    response = redirect(safe_next(request) or "members:profile")
    log_in(request, response, reader)
    return response


@require_POST
def logout(request):
    response = redirect("articles:home")
    log_out(request, response)
    return response


@reader_only
@require_http_methods(["GET", "POST"])
@never_cache
def profile(request):
    reader = reader_of(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, reader=reader)
        if form.is_valid():
            form.save()
            response = redirect("members:profile")
            remember_nickname(request, response, reader.nickname)
            return response
        return render(request, "members/profile.html", {"reader": reader, "form": form}, status=400)
    form = ProfileForm(initial={"nickname": reader.nickname}, reader=reader)
    return render(request, "members/profile.html", {"reader": reader, "form": form})


@reader_only
@require_http_methods(["GET", "POST"])
@never_cache
def password(request):
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        return render(request, "members/password.html", {"done": True})
    return render(request, "members/password.html", {"form": form}, status=400 if form.errors else 200)


@reader_only
@never_cache
def my_comments(request):
    comments = Comment.objects.filter(user=request.user).select_related("article").order_by("-created_at", "-pk")
    page = Paginator(comments, 20).get_page(request.GET.get("page"))
    return render(request, "members/comments.html", {"page_obj": page})


@reader_only
@never_cache
def bookmarks(request):
    marks = Bookmark.objects.filter(user=request.user).select_related("article")
    page = Paginator(marks, 20).get_page(request.GET.get("page"))
    return render(request, "members/bookmarks.html", {"page_obj": page})


@reader_only
@require_http_methods(["GET", "POST"])
@never_cache
def bookmark(request, article_id):
    """收藏 one article (GET asks, POST keeps; ``remove`` takes it off), as JSON for account.js."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    marked = Bookmark.objects.filter(user=request.user, article=article)
    if request.method == "GET":
        return render(request, "members/bookmark.html", {"article": article, "marked": marked.exists()})
    if request.POST.get("remove"):
        marked.delete()
        message, kept = "已取消收藏。", False
    else:
        Bookmark.objects.get_or_create(user=request.user, article=article)
        message, kept = "已收藏，可在会员中心的“我的收藏”里找到。", True
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"ok": True, "bookmarked": kept, "message": message})
    return redirect("members:bookmarks")


def history(request):
    """阅读历史 lives in the browser (localStorage, kept by account.js): this page only shows it."""
    return render(request, "members/history.html")
