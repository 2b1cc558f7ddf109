from django.contrib import admin
from unfold.admin import ModelAdmin

from links.models import FriendLink


@admin.register(FriendLink)
class FriendLinkAdmin(ModelAdmin):
    list_display = ["name", "url", "region", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active", ("region", admin.EmptyFieldListFilter)]
    list_select_related = ["region"]
    search_fields = ["name", "url"]
    autocomplete_fields = ["region"]
    fields = ["name", "url", "region", "sort_order", "is_active"]
