"""Searchable select boxes for long lists of choices (interface languages, countries).

The widget is Django's own ``<select>`` (``multiple`` or not), with its options named in the admin's
language and sorted by that name; ``static/pages/searchable-select.js`` turns it into a box one types
into (Tom Select, vendored under ``static/pages/vendor/tom-select/``, Apache-2.0). Without JavaScript
it stays the plain select, and it submits the same values either way: codes, never names.
"""

from django import forms
from django.utils.translation import gettext

from core.text import fold
from pages.comparisons import holds_several_choices

# fewer choices than this are quicker to pick from a plain list
SEARCHABLE_FROM = 30

MEDIA = forms.Media(
    js=["pages/vendor/tom-select/tom-select.complete.min.js", "pages/searchable-select.js"],
    css={"all": ["pages/vendor/tom-select/tom-select.default.min.css", "pages/searchable-select.css"]},
)


def is_long_choice(db_field):
    """True for a model field whose form offers a long list of fixed choices (countries, languages)."""
    form_field = db_field.formfield()
    if not isinstance(form_field, forms.ChoiceField) or isinstance(form_field, forms.ModelChoiceField):
        return False
    return len(list(form_field.choices)) >= SEARCHABLE_FROM


class SearchableMixin:
    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-searchable-select": "", **(attrs or {})}, choices)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # what the script says, in the admin's language: it has no catalogue of its own
        context["widget"]["attrs"].update(
            {"data-no-results": gettext("No match"), "data-remove-label": gettext("Remove")}
        )
        return context

    def optgroups(self, name, value, attrs=None):
        # Django's LANGUAGES are marked with gettext_noop: their names are translated when shown;
        # names already translated (django-countries') come back unchanged. The empty choice stays first.
        choices = [(code, gettext(str(label))) for code, label in self.choices]
        blank = [choice for choice in choices if choice[0] in ("", None)]
        named = sorted((c for c in choices if c[0] not in ("", None)), key=lambda choice: fold(choice[1]))
        original, self.choices = self.choices, blank + named
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = original

    @property
    def media(self):
        return MEDIA


class SearchableSelect(SearchableMixin, forms.Select):
    pass


class SearchableSelectMultiple(SearchableMixin, forms.SelectMultiple):
    pass


def searchable_widget(db_field):
    return SearchableSelectMultiple if holds_several_choices(db_field) else SearchableSelect
