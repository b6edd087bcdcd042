"""Choosers of catalogue pages: one entry per translation group, in the edited page's language first.

A link row (tool → organisation, use case → tool…) stores one page and any page of the same
``translation_key`` stands for the group (``relations.py``), so the chooser offers groups, not pages:
Wagtail's page chooser lists an organisation once per language, and in the admin's language rather
than the page's. Each entry is the group's page in the edited page's language, else in the default
language, else in any language (``localization.best_per_key``, as the public pages choose), labelled
with its language when it is another one; that page is the one stored, as an import would store it
(``opendata.importer``), so exports, reverse lists and history read the same group as before.

A search matches a group when one of its pages' titles contains every word typed, in any language,
accents and case aside ("etalab", "Organización"). Pages the user may not see — drafts and private
pages of a tree they cannot edit — are neither offered nor matched.
"""

from django import forms
from django.core.paginator import InvalidPage
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import BaseChooser
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale

from localisation.localization import best_per_key
from search.analysis import WORD, fold

from .relations import readable


def choosable(model, user):
    """Pages of ``model`` the user may choose: those they may read in the admin (``readable``)."""
    return readable(model.objects.all(), user)


def matching_keys(pages, query):
    """Translation keys of the groups one of whose ``pages`` has every word of ``query`` in its title."""
    words = WORD.findall(fold(query))
    keys = set()
    for key, title in pages.values_list("translation_key", "title"):
        folded = fold(title)
        if all(word in folded for word in words):
            keys.add(key)
    return keys


def group_entries(model, user, language_code, query=""):
    """One page per translation group the user may choose, the best for ``language_code``, by title.

    Each page says ``other_language`` (its language code) when it is not in ``language_code``.
    """
    pages = choosable(model, user)
    if query.strip():
        pages = pages.filter(translation_key__in=matching_keys(pages, query))
    chosen = best_per_key(pages.select_related("locale"), language_code)
    return sorted(chosen.values(), key=lambda page: (page.other_language is not None, fold(page.title)))


def language_name(language_code):
    """The language's name as the site's language menu writes it ("Français", "Español")."""
    return get_content_languages().get(language_code, language_code)


class GroupSearchForm(BaseFilterForm):
    """The chooser's search box; the search itself runs over translation groups (``group_entries``)."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search in every language")}),
        required=False,
    )


class LanguageColumn(Column):
    """The entry's language, shown only when it is not the edited page's."""

    def get_value(self, instance):
        return language_name(instance.other_language) if instance.other_language else ""


class GroupChooseMixin:
    i18n_enabled = False  # no locale filter: entries stand for groups of every language
    filter_form_class = GroupSearchForm
    per_page = 25

    @cached_property
    def language_code(self):
        wanted = self.request.GET.get("language", "")
        if Locale.objects.filter(language_code=wanted).exists():
            return wanted
        return Locale.get_default().language_code

    def can_create(self):
        return False  # pages are created in the page tree, under their section

    def get_results_page(self, request):
        query = ""
        if self.filter_form.is_valid():
            query = self.filter_form.cleaned_data.get("q") or ""
            if query.strip():
                self.filter_form.is_searching, self.filter_form.search_query = True, query
        entries = group_entries(self.model_class, request.user, self.language_code, query)
        self.paginator = self.paginator_class(entries, per_page=self.per_page)
        try:
            return self.paginator.page(request.GET.get("p", 1))
        except InvalidPage as error:
            raise Http404 from error

    @property
    def columns(self):
        return [self.title_column, LanguageColumn("language", label=_("Language"))]


class GroupChooseView(GroupChooseMixin, chooser_views.ChooseView):
    pass


class GroupChooseResultsView(GroupChooseMixin, chooser_views.ChooseResultsView):
    pass


class GroupChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        # only a page the user could have chosen: the chosen view names it
        return choosable(self.model_class, self.request.user).get(pk=pk)


class GroupChooser(BaseChooser):
    """The form widget: opens the chooser for the edited page's language (set by ``panels``)."""

    language_code = None

    def get_chooser_modal_url(self):
        url = super().get_chooser_modal_url()
        return f"{url}?language={self.language_code}" if self.language_code else url

    def get_display_title(self, instance):
        title = instance.title
        code = instance.locale.language_code
        if self.language_code and code != self.language_code:
            return f"{title} ({language_name(code)})"
        return title


class GroupChooserViewSet(ChooserViewSet):
    icon = "doc-empty-inverse"
    choose_view_class = GroupChooseView
    choose_results_view_class = GroupChooseResultsView
    chosen_view_class = GroupChosenView
    base_widget_class = GroupChooser
    preserve_url_parameters = ["multiple", "language"]


def viewset_for(model):
    """The chooser of ``model``'s pages; registering it makes it the widget of every link to them."""
    name = model._meta.model_name
    verbose_name = model._meta.verbose_name
    return GroupChooserViewSet(
        f"{name}_chooser",
        url_prefix=f"choose-{name}",
        model=model,
        choose_one_text=format_lazy(_("Choose: {type}"), type=verbose_name),
        choose_another_text=_("Choose another"),
    )
