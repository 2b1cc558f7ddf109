"""Readers' reports (举报) as moderators handle them."""

from django.contrib import admin

from comments.models import CommentReport


@admin.register(CommentReport)
class CommentReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "comment", "reason", "detail", "ip_address"]
    list_filter = ["reason", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["comment"]
    search_fields = ["comment__body", "detail", "ip_address"]
    readonly_fields = ["comment", "reason", "detail", "ip_address", "created_at"]

    def has_add_permission(self, request):
        return False
