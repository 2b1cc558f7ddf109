"""List filters the moderators' lists share."""

from typing import Any

from django.contrib import admin


class OpeningStateFilter(admin.SimpleListFilter):
    """A state filter that opens on the work still to do (``default``), with
    全部 one click away. Subclasses set title, parameter_name, states (a
    TextChoices) and default; the field filtered is parameter_name."""

    states: Any = None
    default: Any = None

    def lookups(self, request, model_admin):
        return [*self.states.choices, ("all", "全部")]

    def value(self):
        value = super().value()
        return value if value in {*self.states.values, "all"} else self.default

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(**{self.parameter_name: self.value()})

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }
