"""The tag admin: taggit's, with addresses filled in for names of any kind."""

from django import forms
from django.contrib import admin
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from articles.slugs import TAG_SLUG_LENGTH, slug_for, unique_slug


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


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    form = TagForm
    # The browser's own transliteration drops Chinese; the form fills in pinyin instead.
    prepopulated_fields = {}
