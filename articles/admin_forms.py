"""The article form of the admin, and which workflow button a POST pressed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from unfold.widgets import INPUT_CLASSES, UnfoldAdminTextareaWidget

from articles import edit_conflicts, revisions
from articles.admin_widgets import TagAutocompleteWidget, TagHiddenInput
from articles.models import Article
from articles.sanitize import sanitize_body

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
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 3}),
        help_text="点“退回”时必填，记者会在“我的稿件”里看到；点“撤稿”时作为撤稿说明记录。",
    )

    version = forms.CharField(
        label="版本",
        required=False,
        widget=forms.HiddenInput,
        help_text="打开表单时稿件的修改时间，用来发现别人在此期间保存的修改。",
    )

    # Set by ArticleAdmin.get_form for the request at hand.
    workflow_refusal = None
    transition = None
    # Filled when the save is stopped by someone else's save (articles.edit_conflicts).
    conflicts = ()

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown
        widgets = {"tags": TagAutocompleteWidget(attrs={"class": " ".join(INPUT_CLASSES)})}

    class Media:
        js = ["articles/unsaved_changes.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial[edit_conflicts.VERSION_FIELD] = revisions.version_of(self.instance)
            edit_conflicts.watch_opened_values(self)
        if "tags" in self.fields:
            self.fields["tags"].hidden_widget = TagHiddenInput

    def clean_body(self):
        body = self.cleaned_data.get("body")
        # CKEditor writes the stored body back with its own line breaks; that
        # is not an edit, and must not show up in the history as one.
        if self.instance.pk and edit_conflicts.same_markup(sanitize_body(body or ""), self.instance.body):
            return self.instance.body
        return body

    def clean(self):
        cleaned = super().clean()
        if self.workflow_refusal:
            # Refusing through validation re-renders the form with everything
            # the user typed, and nothing is saved.
            raise ValidationError(self.workflow_refusal)
        if self.transition == "reject" and not (cleaned.get("reject_note") or "").strip():
            self.add_error("reject_note", "退回稿件时必须填写审核意见。")
        if self.instance.pk:
            self._keep_times_shown_unchanged(cleaned)
            self._check_version(cleaned)
        return cleaned

    def _keep_times_shown_unchanged(self, cleaned):
        """A time the form showed in minutes and got back untouched keeps its seconds.

        Otherwise every save of a published article would cut its publish
        time to the minute, a change nobody made.
        """
        for name, field in self.fields.items():
            if not isinstance(field, forms.DateTimeField | forms.SplitDateTimeField):
                continue
            stored = getattr(self.instance, name, None)
            if stored is not None and cleaned.get(name) == edit_conflicts.as_shown(field, stored):
                cleaned[name] = stored

    def _check_version(self, cleaned):
        # The lock makes a save that starts now wait for this one to commit,
        # and then see its new version.
        stored = Article.objects.select_for_update(of=("self",)).get(pk=self.instance.pk)
        posted = edit_conflicts.parse_version(self.data.get(self.add_prefix(edit_conflicts.VERSION_FIELD)))
        if posted == stored.updated_at:
            edit_conflicts.apply_choices(self, stored, cleaned)
            return
        self.conflicts = edit_conflicts.review(self, stored, cleaned)
        if not self.conflicts:
            return  # a save since, but nothing of it would be lost: this one goes through
        # The next save is made against the version now shown beside the form.
        self.data = self.data.copy()
        self.data[self.add_prefix(edit_conflicts.VERSION_FIELD)] = revisions.version_of(stored)
        raise ValidationError(self._conflict_message(stored, posted))

    @staticmethod
    def _conflict_message(stored, posted):
        if posted is None:
            opened = "这份表单没有带版本信息，无法确认您填写时看到的是最新内容"
        else:
            last = revisions.previous_version(stored)
            who = last.revision.user.get_username() if last and last.revision.user else "其他人"
            opened = f"在您打开这篇稿件之后，{who} 于 {timezone.localtime(stored.updated_at):%H:%M:%S} 保存了它"
        return (
            f"{opened}。为免覆盖，这次没有保存。请在下面的“保存冲突”表中逐项选择保留哪一方的内容，"
            "再点一次保存；您填写的内容都还在表单里。"
        )
