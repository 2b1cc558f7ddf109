"""The article form of the admin, and which workflow button a POST pressed."""

from django import forms
from django.core.exceptions import ValidationError

from articles.admin_widgets import TagAutocompleteWidget
from articles.models import Article

# Button name on the change form -> transition method on Article.
WORKFLOW_BUTTONS = {
    "_submit_review": "submit",
    "_publish": "publish",
    "_reject": "reject",
    "_withdraw": "withdraw",
}


def requested_transition(request):
    if request.method != "POST":
        return None
    for button, name in WORKFLOW_BUTTONS.items():
        if button in request.POST:
            return name
    return None


class ArticleAdminForm(forms.ModelForm):
    reject_note = forms.CharField(
        label="退回意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="点“退回”时必填，记者会在“我的稿件”里看到；点“撤稿”时作为撤稿说明记录。",
    )

    # Set by ArticleAdmin.get_form for the request at hand.
    workflow_refusal = None
    transition = None

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        widgets = {"tags": TagAutocompleteWidget}

    def clean(self):
        cleaned = super().clean()
        if self.workflow_refusal:
            # Refusing through validation re-renders the form with everything
            # the user typed, and nothing is saved.
            raise ValidationError(self.workflow_refusal)
        if self.transition == "reject" and not (cleaned.get("reject_note") or "").strip():
            self.add_error("reject_note", "退回稿件时必须填写审核意见。")
        return cleaned
