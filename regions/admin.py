from django.contrib import admin

from regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "adcode", "level", "parent", "path", "is_active", "sort_order"]
    list_filter = ["level", "is_active"]
    list_editable = ["is_active", "sort_order"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "slug", "adcode"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "path", "adcode", "level", "parent"]}),
        ("频道", {"fields": ["description", "is_active", "sort_order"]}),
    ]
