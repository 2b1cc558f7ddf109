"""The sensitive-word list (敏感词) as moderators keep it, with CSV/TXT import and export."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from unfold.admin import ModelAdmin

from comments import wordlists
from comments.forms import WordListImportForm
from comments.models import SensitiveWord

EXPORTS = {
    "csv": (wordlists.export_csv, "text/csv; charset=utf-8"),
    "txt": (wordlists.export_txt, "text/plain; charset=utf-8"),
}


@admin.register(SensitiveWord)
class SensitiveWordAdmin(ModelAdmin):
    list_display = ["word", "action", "match_pinyin", "short_variants", "note", "created_at"]
    list_editable = ["action", "match_pinyin"]
    list_filter = ["action", "match_pinyin"]
    search_fields = ["word", "variants", "note"]
    fields = ["word", "action", "match_pinyin", "variants", "note"]
    actions = ["export_csv"]

    @admin.display(description="谐音变体")
    def short_variants(self, word):
        return "、".join(SensitiveWord.split_variants(word.variants)) or "-"

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="comments_sensitiveword_import"),
            path(
                "export/<str:fmt>/", self.admin_site.admin_view(self.export_view), name="comments_sensitiveword_export"
            ),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_import": self._may_import(request), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def _may_import(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def import_view(self, request):
        if not self._may_import(request):
            raise PermissionDenied
        form = WordListImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            saved = form.save()
            self.message_user(
                request,
                f"导入完成：新增 {saved.created} 个，更新 {saved.updated} 个，已有未改 {saved.skipped} 个。",
                messages.SUCCESS,
            )
            return redirect("admin:comments_sensitiveword_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "导入敏感词",
            "form": form,
        }
        return TemplateResponse(request, "admin/comments/sensitiveword/import.html", context)

    def export_view(self, request, fmt):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if fmt not in EXPORTS:
            raise Http404
        return self._export(SensitiveWord.objects.order_by("word"), fmt)

    @admin.action(description="导出所选敏感词（CSV）", permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(queryset.order_by("word"), "csv")

    @staticmethod
    def _export(words, fmt):
        write, content_type = EXPORTS[fmt]
        name = f"sensitive-words-{timezone.localdate():%Y%m%d}.{fmt}"
        return HttpResponse(
            write(words), content_type=content_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )
