from django.contrib import admin

from articles.models import Article, ArticlePhoto, Author, Byline, Column, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "affiliation", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "affiliation"]
    autocomplete_fields = ["user"]


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sort_order"]
    list_editable = ["sort_order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    extra = 1
    fields = ["image", "caption", "credit", "sort_order"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "region", "column", "source", "published_at", "is_featured", "view_count"]
    list_filter = ["status", "is_featured", "column", "region__level", ("published_at", admin.DateFieldListFilter), "region"]
    list_select_related = ["region", "column", "source"]
    search_fields = ["title", "subtitle", "summary"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["region", "source", "column"]
    inlines = [BylineInline, ArticlePhotoInline]
    readonly_fields = ["created_by", "created_at", "updated_at", "view_count", "comment_count"]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "summary", "body", "cover_image"]}),
        ("归属", {"fields": ["region", "column", "source", "tags"]}),
        ("发布", {"fields": ["status", "published_at", "is_featured", "allow_comments"]}),
        ("记录", {"classes": ["collapse"], "fields": ["created_by", "created_at", "updated_at", "view_count", "comment_count"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
