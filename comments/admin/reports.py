"""Readers' reports (举报) as moderators handle them, and the ban list.

Each report links to its comment (in the queue) and to the article page. The
actions judge the reported comment, so they close every pending report on
it: 隐藏评论 and 禁言 mark them 已处理, 驳回举报 marks them 已驳回 and shows a
comment the reports had sent back to the queue again.
"""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from unfold.admin import ModelAdmin

from comments.admin.filters import OpeningStateFilter
from comments.models import Comment, CommenterBan, CommentReport


class ReportStateFilter(OpeningStateFilter):
    title = "处理状态"
    parameter_name = "state"
    states = CommentReport.State
    default = CommentReport.State.PENDING


@admin.register(CommentReport)
class CommentReportAdmin(ModelAdmin):
    list_display = [
        "created_at",
        "comment_link",
        "article_link",
        "reason",
        "detail",
        "reporter_name",
        "ip_address",
        "network",
        "state",
        "handled_by",
        "handled_at",
    ]
    list_display_links = ["created_at"]
    list_filter = [ReportStateFilter, "reason", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["comment__article", "reporter", "handled_by"]
    search_fields = ["comment__body", "comment__nickname", "detail", "ip_address", "reporter__username"]
    fields = [
        "comment_link",
        "article_link",
        "reason",
        "detail",
        "reporter",
        "ip_address",
        "network",
        "state",
        "handled_by",
        "handled_at",
        "created_at",
    ]
    readonly_fields = fields
    actions = ["hide_comments", "dismiss_reports", "ban_commenters"]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        pending = CommentReport.objects.pending()
        title = f"评论举报（待处理 {pending.count()} 条，涉及 {pending.values('comment').distinct().count()} 条评论）"
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    @admin.display(description="被举报的评论", ordering="comment")
    def comment_link(self, report):
        comment = report.comment
        url = reverse("admin:comments_comment_change", args=[comment.pk])
        return format_html(
            '<a href="{}">{}：{}</a>（{}）', url, comment.nickname, comment.body[:40], comment.get_status_display()
        )

    @admin.display(description="文章")
    def article_link(self, report):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            report.comment.get_absolute_url(),
            report.comment.article.title,
        )

    @admin.display(description="举报人")
    def reporter_name(self, report):
        return report.reporter_name

    def _comments(self, queryset):
        return Comment.objects.filter(pk__in=queryset.values("comment"))

    @admin.action(description="隐藏被举报的评论（举报标记为已处理）", permissions=["change"])
    def hide_comments(self, request, queryset):
        comments = self._comments(queryset)
        count = comments.count()
        comments.hide_for_reports(request.user)
        self.message_user(request, f"已隐藏 {count} 条评论，相关举报已处理。", messages.SUCCESS)

    @admin.action(description="驳回举报（评论恢复显示）", permissions=["change"])
    def dismiss_reports(self, request, queryset):
        comments = self._comments(queryset)
        count = comments.count()
        comments.dismiss_reports(request.user)
        self.message_user(request, f"已驳回 {count} 条评论的举报，评论照常显示。", messages.SUCCESS)

    @admin.action(description="禁言评论者并隐藏评论（按账号，未登录的按 IP）", permissions=["change"])
    def ban_commenters(self, request, queryset):
        comments = self._comments(queryset)
        banned = comments.ban_authors(request.user, reason="因被举报的评论禁言")
        self.message_user(
            request, f"已将 {banned} 位评论者加入禁言名单，并隐藏了 {comments.count()} 条评论。", messages.SUCCESS
        )


@admin.register(CommenterBan)
class CommenterBanAdmin(ModelAdmin):
    list_display = ["__str__", "reason", "expires_at", "active", "created_by", "created_at"]
    list_filter = [("created_at", admin.DateFieldListFilter)]
    list_select_related = ["user", "created_by"]
    search_fields = ["user__username", "network", "reason"]
    fields = ["user", "network", "reason", "expires_at", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]
    raw_id_fields = ["user"]

    @admin.display(description="生效中", boolean=True)
    def active(self, ban):
        return ban.is_active

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
