"""The tag admin: taggit's, with addresses filled in and merging guarded.

taggit's merge view checked only for a staff login, so a moderator with no
tag permission could POST a new tag into existence (issue 23), and it moved
taggit's generic tagged items, which our articles do not use (they have
TaggedArticle), so a merge changed no article. Here merging takes the tag
change permission and moves the articles' tags (``tagging.merge_tags``).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag
from unfold.admin import ModelAdmin

from articles.slugs import TAG_SLUG_LENGTH, slug_for, unique_slug
from articles.tagging import merge_tags
from core.text import without_control_characters

SELECTED_KEY = "selected_tag_ids"  # taggit's own session key, between the action and the view


class TagForm(forms.ModelForm):
    slug = forms.SlugField(
        label="网址别名",
        max_length=100,
        required=False,
        allow_unicode=True,
        help_text="标签网址中的拼音或英文；留空则按标签名自动生成拼音。",
    )

    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        name = self.cleaned_data.get("name")
        if slug or not name:
            return slug
        others = Tag.objects.exclude(pk=self.instance.pk)
        return unique_slug(others, slug_for(name, "tag", TAG_SLUG_LENGTH), TAG_SLUG_LENGTH)


class MergeTagsForm(forms.Form):
    new_tag_name = forms.CharField(
        label="合并为",
        max_length=100,
        help_text="填写一个已有的标签名，或一个新标签名。",
        error_messages={"required": "请填写合并后的标签名。"},
    )

    def clean_new_tag_name(self):
        name = without_control_characters(self.cleaned_data["new_tag_name"]).strip()
        if not name:
            raise forms.ValidationError("请填写合并后的标签名。")
        return name

    def target(self):
        """The tag named, found as taggit finds names (TAGGIT_CASE_INSENSITIVE), or made."""
        name = self.cleaned_data["new_tag_name"]
        return Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin, ModelAdmin):
    form = TagForm
    # The browser's own transliteration drops Chinese; the form fills in pinyin instead.
    prepopulated_fields = {}

    @admin.action(description="合并所选标签", permissions=["change"])
    def render_tag_form(self, request, queryset):
        request.session[SELECTED_KEY] = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect("admin:taggit_tag_merge_tags")

    def merge_tags_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = [pk for pk in request.session.get(SELECTED_KEY, "").split(",") if pk.isdigit()]
        tags = list(Tag.objects.filter(pk__in=ids).order_by("name"))
        if not tags:
            messages.warning(request, "请先在标签列表中勾选要合并的标签，再选择“合并所选标签”。")
            return redirect("admin:taggit_tag_changelist")
        form = MergeTagsForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            into = form.target()
            count = merge_tags(tags, into)
            request.session.pop(SELECTED_KEY, None)
            messages.success(request, f"已把 {count} 篇文章的标签合并为“{into.name}”。原标签已无文章，可在列表中删除。")
            return redirect("admin:taggit_tag_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "合并标签",
            "tags": tags,
            "form": form,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge_tags.html", context)
