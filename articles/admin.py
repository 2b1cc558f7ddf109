from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from reversion.admin import VersionAdmin
from unfold.admin import ModelAdmin

from articles import admin_tags, admin_views, autosave, presence, revisions, workflow  # noqa: F401  (admin_tags registers the tag admin)
from articles.admin_forms import WORKFLOW_BUTTONS, ArticleAdminForm, requested_transition
from articles.admin_parts import (
    EDITOR_FIELDSETS,
    JOURNALIST_FIELDSETS,
    ArticlePhotoInline,
    BylineInline,
    TransitionInline,
    WorkbenchFilter,
)
from articles.images import undone_on_error
from articles.models import Article, Author, Column, EditorScope, Source
from articles.remote_images import bring_home
from core.storage import MediaWriteFailed
from regions.models import Region

revisions.register_models()


@admin.register(Source)
class SourceAdmin(ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(ModelAdmin):
    list_display = ["name", "affiliation", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "affiliation"]
    autocomplete_fields = ["user"]


@admin.register(Column)
class ColumnAdmin(ModelAdmin):
    list_display = ["name", "slug", "sort_order"]
    list_editable = ["sort_order"]
    # No prepopulated slug: the browser's transliteration drops Chinese, and a
    # blank slug is filled with pinyin on save (Column.save).
    search_fields = ["name", "slug"]


@admin.register(EditorScope)
class EditorScopeAdmin(ModelAdmin):
    list_display = ["user", "region"]
    list_select_related = ["user", "region"]
    search_fields = ["user__username", "region__name"]
    autocomplete_fields = ["user", "region"]


class ScopedRegionAutocomplete:
    """An editor limited to 资阳市 can only pick 资阳市 and its counties."""

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("app_label") == "articles" and request.GET.get("model_name") == "article":
            queryset = workflow.regions_for(request.user, queryset)
        return queryset, may_have_duplicates


class EditorsSetUpTheirChannels:
    """编辑 set up the channels they handle (introduction, order, on/off, the
    乡里乡亲 column) but not the region tree itself (names, codes, parents),
    which only an administrator changes."""

    TREE_FIELDS = ["name", "short_name", "slug", "path", "adcode", "level", "parent"]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.regions_for(request.user, Region.objects.filter(pk=obj.pk)).exists()

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return self.TREE_FIELDS

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not request.user.is_superuser:
            # The list shows regions beyond the editor's own: changes go through each one's form.
            changelist.list_editable = ()
        return changelist


# The region admin belongs to the regions app; wrap whatever it registered
# rather than edit it, so regions stays unaware of the article workflow.
_region_admin_class = type(admin.site.get_model_admin(Region))
admin.site.unregister(Region)
admin.site.register(
    Region,
    type("ScopedRegionAdmin", (EditorsSetUpTheirChannels, ScopedRegionAutocomplete, _region_admin_class), {}),
)


@admin.register(Article)
class ArticleAdmin(VersionAdmin, ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    list_filter = [WorkbenchFilter, "status", "is_featured", "is_pinned", "column", "region__level"]
    list_select_related = ["region", "column", "source", "submitted_by"]
    search_fields = ["title", "subtitle", "summary", "region__name"]
    date_hierarchy = "published_at"

    class Media:
        js = ["articles/word_count.js"]
        css = {"all": ["articles/admin_article.css"]}

    autocomplete_fields = ["region", "source", "column", "recommended"]
    inlines = [BylineInline, ArticlePhotoInline, TransitionInline]

    def get_inlines(self, request, obj):
        # A new article has no history yet, so the audit trail only shows on change.
        return self.inlines if obj is not None else [BylineInline, ArticlePhotoInline]

    readonly_fields = [
        "workflow_state",
        "review_note",
        "submitted_by",
        "submitted_at",
        "created_by",
        "created_at",
        "updated_at",
        "view_count",
        "comment_count",
    ]
    actions = ["publish_selected", "withdraw_selected"]

    # --- who sees and edits what ------------------------------------------

    def get_queryset(self, request):
        return workflow.visible_articles(request.user, super().get_queryset(request))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (obj is None or workflow.can_view(request.user, obj))

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # A refused POST is re-rendered as an editable form so nothing typed is lost.
        return obj is None or bool(getattr(request, "workflow_refusal", None)) or workflow.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or workflow.can_edit(request.user, obj))

    def has_review_permission(self, request):
        return workflow.is_editor(request.user)

    def get_fieldsets(self, request, obj=None):
        return EDITOR_FIELDSETS if workflow.is_editor(request.user) else JOURNALIST_FIELDSETS

    def get_ordering(self, request):
        if request.GET.get(WorkbenchFilter.parameter_name) == "pending":
            return ["submitted_at", "pk"]  # the review queue: oldest submission first
        return ["-updated_at", "-pk"]

    def get_list_display(self, request):
        if workflow.is_editor(request.user):
            return [
                "title",
                "workflow_state",
                "region",
                "column",
                "submitted_by",
                "submitted_at",
                "is_featured",
                "is_pinned",
            ]
        return ["title", "workflow_state", "review_note", "region", "updated_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region":
            kwargs["queryset"] = workflow.regions_for(request.user, Region.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "recommended":
            kwargs["queryset"] = Article.objects.published()
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name") == "recommended":
            queryset = queryset.published()  # 新闻推荐 offers only what readers can open
        return queryset, may_have_duplicates

    @admin.display(description="状态", ordering="status")
    def workflow_state(self, obj):
        if obj.is_scheduled:
            return f"定时发布 {timezone.localtime(obj.published_at):%Y-%m-%d %H:%M}"
        return obj.get_status_display()

    # --- the change form and its workflow buttons --------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id)) if object_id else None
            if obj is not None or object_id is None:
                request.workflow_refusal = self._refusal(request, obj)
        try:
            with undone_on_error():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except workflow.TransitionNotAllowed as refusal:
            # Someone moved the article between our check and the row lock;
            # the whole save was rolled back with the transaction.
            messages.error(request, str(refusal))
            return redirect(request.path)
        except MediaWriteFailed as failure:
            # Rolled back too; shown again like a refusal, with what was typed.
            request.workflow_refusal = f"{failure} 稿件尚未保存，填写的内容都在下面，可稍后再提交。"
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _refusal(self, request, obj):
        """Why this POST may not go through, or ``None``."""
        user = request.user
        article = obj or Article(created_by=user)
        if obj is not None and not workflow.can_edit(user, obj):
            if not super().has_change_permission(request, obj):
                return None  # no right to change articles at all: Django answers 403
            return f"稿件状态为“{obj.get_status_display()}”，您不能再修改。"
        name = requested_transition(request)
        return workflow.refusal(name, user, article) if name else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.workflow_refusal = getattr(request, "workflow_refusal", None)
        form.transition = requested_transition(request)
        return form

    def construct_change_message(self, request, form, formsets, add):
        # The revision's comment (VersionAdmin copies it there): what really
        # changed, not the form fields Django thinks were touched.
        if add:
            return "新建稿件"
        name = requested_transition(request)
        return revisions.describe_save(form.instance, workflow.get_transition(name).label if name else None)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.body, left_out = bring_home(obj.body)
        if left_out:
            messages.warning(
                request,
                f"正文里有 {len(left_out)} 张外站图片没能保存到本站，已从正文中去掉，请下载后用“图像”按钮上传："
                + "；".join(map(str, left_out)),
            )
        super().save_model(request, obj, form, change)
        autosave.discard(obj, request.user)  # saved for real: the draft copy has served

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article, user = form.instance, request.user
        name = requested_transition(request)
        note = (form.cleaned_data.get("reject_note") or "").strip()
        if name == "reject":
            article.reject(user, note)
        elif name == "withdraw":
            article.withdraw(user, note)
        elif name:
            getattr(article, name)(user)
        elif change and workflow.can_reopen(user, article):
            article.reopen(user)  # a rejected article that is edited goes back to draft
        if name:
            label = workflow.get_transition(name).label
            messages.success(request, f"《{article}》已{label}，当前状态：{self.workflow_state(article)}。")

    def _stay_on_article(self, request, obj, response):
        if requested_transition(request):
            return redirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return response

    def response_add(self, request, obj, post_url_continue=None):
        return self._stay_on_article(request, obj, super().response_add(request, obj, post_url_continue))

    def response_change(self, request, obj):
        return self._stay_on_article(request, obj, super().response_change(request, obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        article = obj or Article(created_by=request.user)
        editable = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        context["workflow_buttons"] = [
            (button, workflow.get_transition(name).label)
            for button, name in WORKFLOW_BUTTONS.items()
            if editable and workflow.refusal(name, request.user, article) is None
        ]
        if obj is not None and workflow.can_recall(request.user, obj):
            context["recall_url"] = reverse("admin:articles_article_recall", args=[obj.pk])
        if obj is not None and workflow.can_preview(request.user, obj):
            context["preview_url"] = reverse("admin:articles_article_preview", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- list actions --------------------------------------------------------

    def _apply_to_selected(self, request, queryset, name):
        done, refused = 0, []
        for article in queryset:
            try:
                getattr(article, name)(request.user)
                done += 1
            except workflow.TransitionNotAllowed as refusal:
                refused.append(f"《{article}》：{refusal}")
        label = workflow.get_transition(name).label
        if done:
            messages.success(request, f"已{label} {done} 篇稿件。")
        for line in refused:
            messages.error(request, line)

    @admin.action(description="发布所选稿件", permissions=["review"])
    def publish_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "publish")

    @admin.action(description="撤下所选稿件（撤稿）", permissions=["review"])
    def withdraw_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "withdraw")

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        if request.GET.get(WorkbenchFilter.parameter_name) == "pending":
            extra_context["title"] = "待审核稿件（最早提交的在前）"
        elif workflow.is_journalist(request.user):
            extra_context["title"] = "我的稿件"
        extra_context["can_recover"] = self._may_recover(request)
        if workflow.is_editor(request.user):
            extra_context["pending_count"] = self.get_queryset(request).filter(status=Article.Status.PENDING).count()
        return super().changelist_view(request, extra_context)

    # --- preview, history, compare, rollback ------------------------------

    def get_urls(self):
        return [
            path("<path:object_id>/preview/", self.preview_view, name="articles_article_preview"),
            path(
                "<path:object_id>/presence/",
                presence.presence_view,
                {"model_admin": self},
                name="articles_article_presence",
            ),
            path(
                "<path:object_id>/autosave/",
                autosave.autosave_view,
                {"model_admin": self},
                name="articles_article_autosave",
            ),
            path(
                "<path:object_id>/recall/", self.admin_site.admin_view(self.recall_view), name="articles_article_recall"
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/rollback/",
                self.admin_site.admin_view(self.rollback_view),
                name="articles_article_rollback",
            ),
        ] + super().get_urls()

    def preview_view(self, request, object_id):
        return admin_views.preview(self, request, object_id)

    def recall_view(self, request, object_id):
        """撤回: the author takes a submission back to draft before any editor acts on it."""
        if request.method != "POST":
            return redirect(reverse("admin:articles_article_change", args=[object_id]))
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        try:
            article.recall(request.user)
        except workflow.TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"《{article}》已撤回，改回草稿，可以继续修改后再提交。")
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def compare_view(self, request, object_id):
        return admin_views.compare(self, request, object_id)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {"versions": admin_views.history_versions(unquote(object_id)), **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)

    def rollback_view(self, request, object_id, version_id):
        return admin_views.rollback_page(self, request, object_id, version_id)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # reversion's own view puts every field back, status and 头条 included;
        # old links to it lead to the content-only rollback instead.
        return redirect("admin:articles_article_rollback", object_id, version_id)

    def recover_view(self, request, version_id, extra_context=None):
        # Bringing back a deleted article ignores region scopes: keep it to
        # editors who handle every region.
        if not self._may_recover(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self._may_recover(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def _may_recover(self, request):
        user = request.user
        return (
            workflow.is_editor(user) and user.has_perm("articles.add_article") and workflow.scope_regions(user) is None
        )
