"""The rich-text editor's upload and browse endpoints, guarded.

django-ckeditor's own views only ask for a staff account and check images
loosely (its Pillow ``verify()`` is a no-op for JPEG, so truncated or
non-decodable JPEGs pass, and our byte and pixel limits are not applied). These views sit in front of them under the same URL names,
so CKEditor's JavaScript keeps posting to the same place:

- only staff who may add or change articles get through (a comment
  moderator may not fill the media folder);
- the upload must carry CKEditor 4's own anti-CSRF token (a random value
  its JavaScript puts in the ``ckCsrfToken`` cookie and repeats in the form),
  since the view cannot use Django's token;
- every upload must pass ``articles.images.inspect_image``; a refusal is
  answered in the format CKEditor 4 shows to the user, nothing is written;
- a valid upload is handed to django-ckeditor, which stores it through
  ``ReencodingBackend`` (``CKEDITOR_IMAGE_BACKEND``): the picture as Pillow
  writes it again, under a generated name, never the bytes that arrived;
- a media store that is full or read-only is answered like a refusal, and
  no picture or thumbnail is left half-written (``MediaWriteFailed``).
"""

import posixpath

from ckeditor_uploader import views as ckeditor_views
from ckeditor_uploader.backends.pillow_backend import THUMBNAIL_SIZE, PillowBackend
from ckeditor_uploader.utils import get_thumb_filename
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.crypto import constant_time_compare
from django.utils.html import escapejs
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.images import inspect_image, reencode
from core.storage import MediaWriteFailed

ARTICLE_PERMISSIONS = ("articles.add_article", "articles.change_article")


def can_edit_articles(user):
    return user.is_active and user.is_staff and any(user.has_perm(perm) for perm in ARTICLE_PERMISSIONS)


def editor_permission_required(view):
    """Anonymous visitors go to the admin login; staff without article rights get 403."""

    def guarded(request, *args, **kwargs):
        if not can_edit_articles(request.user):
            raise PermissionDenied("只有可以撰写或修改文章的账号才能上传、浏览编辑器图片。")
        return view(request, *args, **kwargs)

    return staff_member_required(guarded)


def carries_ckeditor_token(request):
    """A cross-site page can post a form but cannot read this cookie to repeat it."""
    cookie = request.COOKIES.get("ckCsrfToken", "")
    return len(cookie) >= 32 and constant_time_compare(cookie, request.POST.get("ckCsrfToken", ""))


def upload_refused(request, message):
    """Answer the way CKEditor 4 expects, so the editor shows ``message``.

    With ``CKEditorFuncNum`` (the image dialog's upload tab, an iframe) it
    wants a script calling back into the parent page; otherwise (drag and
    drop, paste, ``responseType=json``) a JSON body. Both with status 200:
    CKEditor replaces the message of any other status by a generic one.
    """
    func_num = request.GET.get("CKEditorFuncNum", "")
    if func_num:
        script = f"window.parent.CKEDITOR.tools.callFunction({func_num}, '', '{escapejs(message)}');"
        return HttpResponse(f"<script>{script}</script>")
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, json_dumps_params={"ensure_ascii": False})


@csrf_exempt  # CKEditor posts without Django's token; carries_ckeditor_token() stands in
@require_POST
@editor_permission_required
def editor_upload(request):
    # django-ckeditor writes this number into a <script> with HTML escaping
    # only, which does not stop JavaScript; CKEditor itself sends digits.
    if not request.GET.get("CKEditorFuncNum", "0").isdigit():
        return HttpResponse("CKEditorFuncNum 无效。", status=400, content_type="text/plain; charset=utf-8")
    if not carries_ckeditor_token(request):
        return upload_refused(request, "上传请求缺少编辑器的安全令牌，请刷新页面后重试。")
    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return upload_refused(request, "没有收到文件，请重新选择图片。")
    try:
        inspect_image(uploaded)
    except ValidationError as refused:
        return upload_refused(request, " ".join(refused.messages))
    try:
        return ckeditor_views.upload(request)
    except MediaWriteFailed as failure:
        return upload_refused(request, str(failure))


@never_cache
@editor_permission_required
def editor_browse(request):
    return ckeditor_views.browse(request)


class ReencodingBackend(PillowBackend):
    """django-ckeditor's storage step, writing what ``reencode`` makes of the upload.

    Its own backend stores the upload as it came and a JPEG thumbnail under
    the upload's extension (a JPEG named .png); here both are written by
    Pillow in the picture's format, next to the name django-ckeditor chose.
    """

    def save_as(self, filepath):
        clean = reencode(self.file_object)
        saved_path = self.storage_engine.save(posixpath.join(posixpath.dirname(filepath), clean.name), clean)
        thumbnail = reencode(clean, max_size=THUMBNAIL_SIZE)
        try:
            self.storage_engine.save(get_thumb_filename(saved_path), thumbnail)
        except Exception:
            self.storage_engine.delete(saved_path)  # a picture without its thumbnail breaks the browser
            raise
        return saved_path
