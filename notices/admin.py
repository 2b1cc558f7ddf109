"""Each staff member's own notices: newest first, unread marked, opened with one tap."""

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from unfold.admin import ModelAdmin

from notices.models import Notice


@admin.register(Notice)
class NoticeAdmin(ModelAdmin):
    list_display = ["shown_message", "created_at", "state"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    actions = ["mark_read"]
    list_per_page = 50

    # Every staff member has a list of their own; nobody sees anyone else's.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.recipient_id == request.user.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    def get_urls(self):
        return [
            path("<int:pk>/open/", self.admin_site.admin_view(self.open_view), name="notices_notice_open")
        ] + super().get_urls()

    @admin.display(description="内容")
    def shown_message(self, notice):
        return format_html('<a href="{}">{}</a>', f"{notice.pk}/open/", notice.message)

    @admin.display(description="状态")
    def state(self, notice):
        return "已读" if notice.read_at else "未读"

    @admin.action(description="标为已读")
    def mark_read(self, request, queryset):
        messages.success(request, f"已将 {queryset.mark_read()} 条通知标为已读。")

    def open_view(self, request, pk):
        """Mark the notice read and go to what it is about."""
        notice = self.get_queryset(request).filter(pk=pk).first()
        if notice is None:
            return redirect("admin:notices_notice_changelist")
        Notice.objects.filter(pk=notice.pk).mark_read()
        safe = url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None) and notice.link.startswith("/")
        return redirect(notice.link if safe else "admin:notices_notice_changelist")
