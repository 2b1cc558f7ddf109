from django.contrib import admin
from django.db import models
from django.db.models import Exists, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ads.models import Ad, AdDailyStats


def _stats(field, today=None):
    rows = AdDailyStats.objects.filter(ad=OuterRef("pk"))
    if today is not None:
        rows = rows.filter(day=today)
    total = rows.order_by().values("ad").annotate(n=Sum(field)).values("n")[:1]
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


class ReachFilter(admin.SimpleListFilter):
    """全站 or 指定地区. (Django's EmptyFieldListFilter on a many-to-many field
    looks it up as an empty string when counting facets, and fails.)"""

    title = "投放范围"
    parameter_name = "reach"

    def lookups(self, request, model_admin):
        return [("site", "全站"), ("regions", "指定地区")]

    def queryset(self, request, queryset):
        targeted = Exists(Ad.regions.through.objects.filter(ad_id=OuterRef("pk")))
        if self.value() == "site":
            return queryset.filter(~targeted)
        if self.value() == "regions":
            return queryset.filter(targeted)
        return queryset


@admin.register(Ad)
class AdAdmin(admin.ModelAdmin):
    """Impressions and clicks as the minutely flush wrote them (ads.counting)."""

    list_display = [
        "title",
        "slot",
        "weight",
        "starts_at",
        "ends_at",
        "is_active",
        "impressions_today",
        "clicks_today",
        "impressions_total",
        "clicks_total",
    ]
    list_editable = ["weight", "is_active"]
    list_filter = ["slot", "is_active", ReachFilter]
    search_fields = ["title", "text", "link"]
    autocomplete_fields = ["regions"]
    date_hierarchy = "starts_at"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["title", "slot", "position", "image", "text", "link"]}),
        ("投放", {"fields": ["regions", "starts_at", "ends_at", "weight", "is_active"]}),
    ]

    def get_queryset(self, request):
        today = timezone.localdate()
        return (
            super()
            .get_queryset(request)
            .annotate(
                impressions_today_n=_stats("impressions", today),
                clicks_today_n=_stats("clicks", today),
                impressions_total_n=_stats("impressions"),
                clicks_total_n=_stats("clicks"),
            )
        )

    @admin.display(description="今日展示", ordering="impressions_today_n")
    def impressions_today(self, ad):
        return ad.impressions_today_n

    @admin.display(description="今日点击", ordering="clicks_today_n")
    def clicks_today(self, ad):
        return ad.clicks_today_n

    @admin.display(description="累计展示", ordering="impressions_total_n")
    def impressions_total(self, ad):
        return ad.impressions_total_n

    @admin.display(description="累计点击", ordering="clicks_total_n")
    def clicks_total(self, ad):
        return ad.clicks_total_n
