"""The comment queue: one-click and bulk decisions on pending comments.

Moderators (审核员) change comments; journalists and editors only have the
view permission, so Django shows them everything read-only and neither
actions nor one-click buttons. A journalist sees only the comments on his
own articles, and never a reader's IP address: those are the moderators'
tools against spam, not a reporter's business.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import format_html, format_html_join
from unfold.admin import ModelAdmin, TabularInline

from articles.workflow import is_journalist
from comments.admin.filters import OpeningStateFilter
from comments.models import Comment, CommentReport, SensitiveWord

DECISIONS = {
    "approve": ("通过", lambda comment, by: comment.approve(by)),
    "reject": ("拒绝", lambda comment, by: comment.reject(by)),
    "mark_spam": ("垃圾", lambda comment, by: comment.mark_spam(by)),
}

# Short enough for a list column; the full labels are in the word list.
SHORT_ACTION_LABELS = {
    SensitiveWord.Action.REPLACE: "已替换",
    SensitiveWord.Action.HOLD: "待审",
    SensitiveWord.Action.REJECT: "拒绝",
}


class QueueStatusFilter(OpeningStateFilter):
    """Status, opening on the pending queue rather than on everything."""

    title = "状态"
    parameter_name = "status"
    states = Comment.Status
    default = Comment.Status.PENDING


class CommentReportInline(TabularInline):
    model = CommentReport
    extra = 0
    can_delete = False
    fields = ["reason", "detail", "reporter", "ip_address", "network", "state", "handled_by", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_fields(self, request, obj=None):
        return without_addresses(request, super().get_fields(request, obj))


def reads_own_articles_only(request):
    """A journalist (记者) with no say over comments: his own articles' comments, no addresses."""
    user = request.user
    return is_journalist(user) and not user.has_perm("comments.change_comment")


def without_addresses(request, names):
    return [name for name in names if name != "ip_address"] if reads_own_articles_only(request) else names


@admin.register(Comment)
class CommentAdmin(ModelAdmin):
    list_display = [
        "created_at",
        "nickname",
        "short_body",
        "article",
        "ip_address",
        "ip_place",
        "matched",
        "report_count",
        "status",
    ]
    list_display_links = ["created_at", "short_body"]
    list_filter = [
        QueueStatusFilter,
        ("article", admin.RelatedOnlyFieldListFilter),
        ("article__region", admin.RelatedOnlyFieldListFilter),
        ("created_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["article", "moderated_by"]
    search_fields = ["nickname", "body", "ip_address", "article__title"]
    date_hierarchy = "created_at"
    ordering = ["created_at", "pk"]
    actions = ["approve", "reject", "mark_spam", "mark_spam_and_hide_ip"]
    fields = [
        "article",
        "parent",
        "user",
        "nickname",
        "body",
        "status",
        "ip_address",
        "matched",
        "report_count",
        "created_at",
        "moderated_by",
        "moderated_at",
    ]
    readonly_fields = [
        "article",
        "parent",
        "user",
        "ip_address",
        "matched",
        "report_count",
        "created_at",
        "moderated_by",
        "moderated_at",
    ]
    inlines = [CommentReportInline]

    class Media:
        css = {"all": ["comments/admin.css"]}

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        comments = super().get_queryset(request)
        return comments.filter(article__created_by=request.user) if reads_own_articles_only(request) else comments

    def get_fields(self, request, obj=None):
        return without_addresses(request, super().get_fields(request, obj))

    def get_search_fields(self, request):
        return without_addresses(request, super().get_search_fields(request))

    def get_list_display(self, request):
        if not self.has_change_permission(request):
            return without_addresses(request, self.list_display)
        # Right after the text, so the buttons need no sideways scrolling.
        at = self.list_display.index("short_body") + 1
        return [*self.list_display[:at], "buttons", *self.list_display[at:]]

    @admin.display(description="内容")
    def short_body(self, comment):
        return comment.body[:40]

    @admin.display(description="命中敏感词")
    def matched(self, comment):
        labels = SHORT_ACTION_LABELS
        return (
            format_html_join(
                "、",
                '<span class="sensitive-{}">{}（{}）</span>',
                ((m["action"], m["word"], labels.get(m["action"], m["action"])) for m in comment.matched_words),
            )
            or "-"
        )

    @admin.display(description="一键审核")
    def buttons(self, comment):
        # Buttons inside the changelist form: that form already carries the
        # CSRF token, and changelist_view() routes "one_click" before actions.
        buttons = format_html_join(
            "",
            '<button type="submit" class="button" name="one_click" value="{}:{}">{}</button>',
            ((name, comment.pk, label) for name, (label, _) in DECISIONS.items() if comment.status != name),
        )
        return format_html('<span class="one-click">{}</span>', buttons)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and "one_click" in request.POST:
            return self.one_click(request)
        return super().changelist_view(request, extra_context)

    def one_click(self, request):
        name, _, pk = request.POST["one_click"].partition(":")
        comment = get_object_or_404(Comment, pk=pk) if pk.isdigit() else None
        if comment is None or name not in DECISIONS or not self.has_change_permission(request, comment):
            raise PermissionDenied
        label, decide = DECISIONS[name]
        decide(comment, request.user)
        self.message_user(request, f"已将“{comment}”标记为：{label}。", messages.SUCCESS)
        return redirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            Comment.objects.filter(pk=obj.pk).moderate(obj.status, request.user)

    def _decide(self, request, queryset, status, verb):
        count = queryset.count()
        queryset.moderate(status, request.user)
        self.message_user(request, f"已{verb} {count} 条评论。", messages.SUCCESS)

    @admin.action(description="通过所选评论", permissions=["change"])
    def approve(self, request, queryset):
        self._decide(request, queryset, Comment.Status.APPROVED, "通过")

    @admin.action(description="拒绝所选评论", permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, Comment.Status.REJECTED, "拒绝")

    @admin.action(description="标记为垃圾评论", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._decide(request, queryset, Comment.Status.SPAM, "标记垃圾")

    @admin.action(description="标记为垃圾，并隐藏同一 IP 的全部评论", permissions=["change"])
    def mark_spam_and_hide_ip(self, request, queryset):
        ips = set(queryset.exclude(ip_address=None).values_list("ip_address", flat=True))
        targets = Comment.objects.filter(Q(pk__in=queryset.values("pk")) | Q(ip_address__in=ips))
        count = targets.count()
        targets.moderate(Comment.Status.SPAM, request.user)
        self.message_user(request, f"已将 {count} 条评论（涉及 {len(ips)} 个 IP）标记为垃圾。", messages.SUCCESS)
