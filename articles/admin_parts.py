"""Inlines, the workbench filter and the fieldsets of the article admin."""

from django.contrib import admin
from django.utils import timezone
from unfold.admin import StackedInline, TabularInline

from articles import workflow
from articles.models import Article, ArticlePhoto, ArticleTransition, Byline


class ArticleChildInline(StackedInline):
    """Byline and photos are editable exactly when their article is.

    Stacked, not a table: a row's fields sit one under the other, so a
    journalist can fill them on a 390 px phone.
    """

    extra = 1

    def _article_editable(self, request, obj):
        return obj is None or getattr(request, "workflow_refusal", None) or workflow.can_edit(request.user, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._article_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._article_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._article_editable(request, obj)


class BylineInline(ArticleChildInline):
    model = Byline
    autocomplete_fields = ["author"]


class ArticlePhotoInline(ArticleChildInline):
    model = ArticlePhoto
    fields = ["image", "caption", "credit", "sort_order"]


class TransitionInline(TabularInline):
    """The audit trail, read-only, on the article's page."""

    model = ArticleTransition
    verbose_name_plural = "流程记录（谁在何时把稿件从什么状态改为什么状态）"
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may open the article (checked by ArticleAdmin) may read its history.
        return True


class WorkbenchFilter(admin.SimpleListFilter):
    title = "工作台"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [("pending", "待审核"), ("mine", "我的稿件"), ("scheduled", "定时发布")]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.filter(status=Article.Status.PENDING)
        if self.value() == "mine":
            return queryset.filter(created_by=request.user)
        if self.value() == "scheduled":
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        return queryset


CONTENT_FIELDSET = (None, {"fields": ["version", "title", "subtitle", "summary", "body", "cover_image"]})
BELONGING_FIELDSET = ("归属", {"fields": ["region", "column", "source", "tags"]})
VIDEO_FIELDSET = ("视频", {"fields": ["video", "video_caption"]})
RECORD_FIELDSET = (
    "记录",
    {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at", "view_count", "comment_count"]},
)
EDITOR_FIELDSETS = [
    CONTENT_FIELDSET,
    VIDEO_FIELDSET,
    BELONGING_FIELDSET,
    ("发布", {"fields": ["workflow_state", "published_at", "allow_comments"]}),
    ("头条、置顶与推荐", {"fields": ["is_featured", "featured_until", "is_pinned", "pinned_until", "recommended"]}),
    ("审核", {"fields": ["submitted_by", "submitted_at", "review_note", "reject_note"]}),
    RECORD_FIELDSET,
]
JOURNALIST_FIELDSETS = [
    CONTENT_FIELDSET,
    VIDEO_FIELDSET,
    BELONGING_FIELDSET,
    ("审核", {"fields": ["workflow_state", "review_note"]}),
    RECORD_FIELDSET,
]
