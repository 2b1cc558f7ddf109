from django.contrib import admin

from comments.models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["nickname", "short_body", "article", "status", "ip_address", "created_at", "moderated_by"]
    list_filter = ["status", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["article", "moderated_by"]
    search_fields = ["nickname", "body", "ip_address", "article__title"]
    date_hierarchy = "created_at"
    raw_id_fields = ["article", "parent", "user"]
    readonly_fields = ["created_at", "moderated_by", "moderated_at"]

    @admin.display(description="内容")
    def short_body(self, comment):
        return comment.body[:40]
