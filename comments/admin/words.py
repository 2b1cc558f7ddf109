"""The sensitive-word list (敏感词) as moderators keep it."""

from django.contrib import admin

from comments.models import SensitiveWord


@admin.register(SensitiveWord)
class SensitiveWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action", "note", "created_at"]
    list_editable = ["action"]
    list_filter = ["action"]
    search_fields = ["word", "note"]
