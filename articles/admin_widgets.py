from urllib.parse import urlencode

from django.forms import HiddenInput
from django.urls import reverse
from django.utils.html import format_html
from taggit.forms import TagWidget

from articles.tagging import edit_string_for_tags


class TagAutocompleteWidget(TagWidget):
    """taggit's comma-separated text box, with suggestions of existing tags.

    Suggestions come from the admin's autocomplete view (which checks the
    user's permission to view tags) into a ``<datalist>``, so typing a new tag
    still works and no extra JavaScript library is needed.
    """

    class Media:
        js = ["articles/tag_autocomplete.js"]

    def format_value(self, value):
        # taggit's own text quotes names holding "," or a space only; a name
        # holding "、" would come back split on the next save.
        if value is not None and not isinstance(value, str):
            value = edit_string_for_tags(value)
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        query = urlencode({"app_label": "articles", "model_name": "article", "field_name": "tags"})
        context["widget"]["attrs"].update(
            {
                "list": f"{context['widget']['attrs'].get('id', name)}_suggestions",
                "data-tag-autocomplete": f"{reverse('admin:autocomplete')}?{query}",
                "autocomplete": "off",
            }
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', name)}_suggestions"
        return format_html('{}<datalist id="{}"></datalist>', field, list_id)


class TagHiddenInput(HiddenInput):
    """The tags as the form was opened with them, written as the text box writes them."""

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            value = edit_string_for_tags(value)
        return super().format_value(value)
