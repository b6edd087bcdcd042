"""The field panel of every page and inline row: Wagtail's, with a comparison that handles every field."""

import functools

from wagtail.admin import compare, panels

from history.comparisons import ForReader, SeveralChoicesComparison, holds_several_choices


class FieldPanel(panels.FieldPanel):
    """Wagtail's ``FieldPanel``, comparing a field that holds several choices as a list of choices.

    Wagtail gives every field with ``choices`` its single-choice comparison before it looks at the
    comparison registry, and that comparison fails on a list (interface languages, countries).
    """

    def get_comparison_class(self):
        comparison_class = super().get_comparison_class()
        if comparison_class is compare.ChoiceFieldComparison and holds_several_choices(self.db_field):
            return SeveralChoicesComparison
        return comparison_class

    class BoundPanel(panels.FieldPanel.BoundPanel):
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
