"""The panels of every page and inline row: Wagtail's, with what the catalogue's editors need.

* a comparison that handles every field (several choices as a list of choices);
* long lists of fixed choices (countries, interface languages) in a searchable box, named in the
  admin's language (``widgets.py``);
* choosers of linked pages that offer the edited page's language first (``choosers.py``): the page
  tells its fields and its inline rows' fields which language that is.
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from wagtail.admin import compare, panels
from wagtail.models import Page

from pages.comparisons import ForReader, SeveralChoicesComparison, holds_several_choices

from .choosers import GroupChooser
from .widgets import is_long_choice, searchable_widget


def prefer_language(form, page):
    """Open the form's choosers of linked pages in ``page``'s language."""
    locale_id = getattr(page, "locale_id", None)
    if form is None or locale_id is None:
        return
    language_code = page.locale.language_code
    for field in form.fields.values():
        if isinstance(field.widget, GroupChooser):
            field.widget.language_code = language_code


class FieldPanel(panels.FieldPanel):
    """Wagtail's ``FieldPanel``, comparing a field that holds several choices as a list of choices.

    Wagtail gives every field with ``choices`` its single-choice comparison before it looks at the
    comparison registry, and that comparison fails on a list (interface languages, countries).
    """

    def get_form_options(self):
        options = super().get_form_options()
        if self.widget is None and not self.read_only:
            try:
                db_field = self.db_field
            except FieldDoesNotExist:
                return options
            if is_long_choice(db_field):
                options["widgets"] = {self.field_name: searchable_widget(db_field)}
        return options

    def get_comparison_class(self):
        comparison_class = super().get_comparison_class()
        if comparison_class is compare.ChoiceFieldComparison and holds_several_choices(self.db_field):
            return SeveralChoicesComparison
        return comparison_class

    class BoundPanel(panels.FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if isinstance(self.instance, Page):  # a field of the page itself; rows: see InlinePanel
                prefer_language(self.form, self.instance)

        def get_comparison(self):
            comparisons = super().get_comparison()
            # the admin binds panels to its request; the public history binds them to none
            user = getattr(self.request, "user", None)
            if user is None or not user.has_perm("wagtailadmin.access_admin"):
                return comparisons
            return [
                functools.partial(comparison, for_editors=True)
                if issubclass(comparison.func, ForReader)
                else comparison
                for comparison in comparisons
            ]


class InlinePanel(panels.InlinePanel):
    """Wagtail's ``InlinePanel``, whose rows' choosers open in the page's language (the rows' own
    instance does not know its page until saved)."""

    class BoundPanel(panels.InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is None:
                return
            for child in [*self.children, self.empty_child]:
                prefer_language(child.form, self.instance)
