from django.contrib import admin
from unfold.admin import ModelAdmin, StackedInline, TabularInline

from topics.models import SectionArticle, Topic, TopicSection


class TopicSectionInline(StackedInline):
    model = TopicSection
    extra = 1
    fields = [("heading", "sort_order"), ("tag", "region", "newest_count")]
    autocomplete_fields = ["tag", "region"]
    # Each section's chosen articles are ordered on its own page (Django's
    # inlines do not nest).
    show_change_link = True


@admin.register(Topic)
class TopicAdmin(ModelAdmin):
    list_display = ["title", "region", "is_published", "published_at", "updated_at"]
    list_filter = ["is_published", "published_at", ("region", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["region"]
    search_fields = ["title", "introduction"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["region"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "banner", "introduction", "region"]}),
        ("发布", {"fields": ["is_published", "published_at"]}),
    ]
    inlines = [TopicSectionInline]

    def view_on_site(self, topic):
        return topic.get_absolute_url() if topic.is_published else None


class SectionArticleInline(TabularInline):
    model = SectionArticle
    extra = 3
    fields = ["article", "sort_order"]
    autocomplete_fields = ["article"]


@admin.register(TopicSection)
class TopicSectionAdmin(ModelAdmin):
    list_display = ["heading", "topic", "sort_order", "tag", "region", "newest_count"]
    list_select_related = ["topic", "tag", "region"]
    list_filter = [("topic", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["heading", "topic__title"]
    autocomplete_fields = ["topic", "tag", "region"]
    fields = ["topic", ("heading", "sort_order"), ("tag", "region", "newest_count")]
    inlines = [SectionArticleInline]
