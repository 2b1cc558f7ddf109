"""The endpoints the article form's own scripts call: JSON answers only.

A script cannot follow a login page or read a 500, so every refusal is a small
JSON object with a status: 403 when not logged in as staff or not allowed to
change this article, 404 when there is no such article for this person
(a bad or non-numeric id included).
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect


def refuse(status, message):
    return JsonResponse({"error": message}, status=status)


def article_endpoint(*methods):
    """Call ``view(request, article)`` for an article this person may change.

    The URL pattern passes the article admin as ``model_admin``, whose
    queryset and permissions decide what this person may see and change.
    """

    def decorate(view):
        @wraps(view)
        @never_cache
        @csrf_protect
        def wrapper(request, object_id, model_admin):
            if not model_admin.admin_site.has_permission(request):
                return refuse(403, "请先登录后台。")
            if request.method not in methods:
                response = refuse(405, "不支持这种请求。")
                response["Allow"] = ", ".join(methods)
                return response
            article = model_admin.get_object(request, unquote(object_id))
            if article is None:
                return refuse(404, "没有这篇稿件，或您无权查看。")
            if not model_admin.has_change_permission(request, article):
                return refuse(403, "您不能修改这篇稿件。")
            return view(request, article)

        return wrapper

    return decorate
