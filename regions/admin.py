from django.contrib import admin, messages
from unfold.admin import ModelAdmin

from regions.models import Region


class ProvinceFilter(admin.SimpleListFilter):
    """Narrow the three thousand regions to one province and everything in it."""

    title = "所属省份"
    parameter_name = "province"

    def lookups(self, request, model_admin):
        return [(region.pk, region.name) for region in Region.objects.provinces().order_by("adcode")]

    def queryset(self, request, queryset):
        value = str(self.value() or "")  # our links' values, and facet counts' ints
        if not value:
            return queryset
        # The value comes from the address: anything typed there, not only our links.
        province = Region.objects.provinces().filter(pk=value).first() if value.isdigit() else None
        if province is None:
            messages.warning(request, f"所属省份“{value}”不存在，请在右侧“所属省份”中重新选择。")
            return queryset.none()
        return queryset.self_and_descendants(province)


@admin.register(Region)
class RegionAdmin(ModelAdmin):
    list_display = ["name", "short_name", "adcode", "level", "parent", "path", "is_active", "sort_order"]
    list_filter = ["level", "is_active", ProvinceFilter]
    list_editable = ["is_active", "sort_order"]
    list_select_related = ["parent"]
    # ^adcode: "5120" finds 资阳市 and its counties by code prefix.
    search_fields = ["name", "short_name", "slug", "^adcode"]
    search_help_text = "按名称、简称、拼音（如 lezhi）或区划代码（可只输前几位，如 5120）搜索。"
    autocomplete_fields = ["parent"]
    readonly_fields = ["path"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "path", "adcode", "level", "parent"]}),
        ("频道", {"fields": ["description", "is_active", "sort_order", "neighbours_column"]}),
    ]
