"""How a change to each kind of field reads when two revisions are compared.

Wagtail's comparison classes (``wagtail.admin.compare``) serve both the admin's "Compare" view and the
public history (``history.page_history``). These fill their gaps for the catalogue's fields:

* a field holding several choices (interface languages, countries): Wagtail's single-choice comparison
  fails on a list; here each choice is named in the reader's language;
* links to pages: named only when the public may see the page (live, not restricted), in the reader's
  language; a draft or private page is a neutral label, never its title;
* taxonomy terms in the reader's language rather than the default one;
* yes/no, dates, and the choices and dates inside StreamField blocks, as words rather than raw values.

``register()`` adds them to Wagtail's registry (from ``PagesConfig.ready``); ``pages.panels.FieldPanel``
picks the several-choices comparison, which Wagtail's registry cannot express.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django import forms
from django.db import models
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.html import escape, format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from wagtail import blocks
from wagtail.admin import compare
from wagtail.models import Locale, Page, TranslatableMixin

from core.localization import active_language, localize_terms
from pages.relations import linked_pages

NOT_PUBLIC = gettext_lazy("a page that is not public")


def value_diff(text_a, text_b, changed):
    """The old text struck through and the new one underlined, or the text once when unchanged."""
    if not changed:
        return escape(text_a)
    parts = [("deletion", text_a)] if text_a else []
    parts += [("addition", text_b)] if text_b else []
    return compare.TextDiff(parts, separator=" ").to_html()


# --- fields holding several choices -------------------------------------------------------------------


def holds_several_choices(field):
    """True for a model field edited as a multiple choice (MultiSelectField, CountryField(multiple=True))."""
    return isinstance(field.formfield(), forms.MultipleChoiceField)


def choice_labels(field):
    """Code → label of a field's choices, from its form field: CountryField(multiple=True) has no
    model-level ``flatchoices``, and the form field's are those the editor chose from."""
    labels = {}
    for code, label in field.formfield().choices:
        if isinstance(label, (list, tuple)):  # a group of choices
            labels.update((str(sub_code), sub_label) for sub_code, sub_label in label)
        else:
            labels[str(code)] = label
    return labels


class SeveralChoicesComparison(compare.M2MFieldComparison):
    """A list of choices, each by its label; added and removed ones marked, as for tags."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.labels = choice_labels(field)

    def get_items(self):
        # Country objects and MultiSelectField's strings alike: compare codes
        return [str(code) for code in self.val_a or []], [str(code) for code in self.val_b or []]

    def get_item_display(self, code):
        # Django's LANGUAGES are marked with gettext_noop: their names are translated when shown, as
        # get_language_info() does; labels that are already translated come back unchanged.
        return gettext(force_str(self.labels.get(code, code)))


# --- links to pages and terms -------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """What a reader sees of a linked object; equal when it is the same object shown the same way."""

    pk: object
    text: str

    def __str__(self):
        return self.text


def shown_objects(model, pks, for_editors=False):
    """pk → ``Shown`` for objects of ``model``, terms in the reader's language; pages by their public
    version in the reader's language, else (draft, private, deleted) a neutral label, unless the
    reader works in the admin (``for_editors``), where every page's title is known anyway."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return {}
    if issubclass(model, Page):
        links = [SimpleNamespace(target_id=pk) for pk in dict.fromkeys(pks)]
        pairs = linked_pages(links, "target", model, active_language())
        titles = {link.target_id: page.title for link, page in pairs}
        if for_editors:
            titles = dict(Page.objects.filter(pk__in=pks).values_list("pk", "title")) | titles
        return {pk: Shown(pk, titles.get(pk, str(NOT_PUBLIC))) for pk in pks}
    objects = list(model._default_manager.filter(pk__in=set(pks)))
    shown_as = objects
    if issubclass(model, TranslatableMixin):
        locale = Locale.objects.filter(language_code=active_language()).first()
        if locale is not None:
            shown_as = localize_terms(objects, locale)  # same order as given
    return {obj.pk: Shown(obj.pk, str(shown)) for obj, shown in zip(objects, shown_as, strict=True)}


class ForReader:
    """A comparison that shows more to editors: ``pages.panels.FieldPanel`` says when the reader is one."""

    def __init__(self, field, obj_a, obj_b, for_editors=False):
        super().__init__(field, obj_a, obj_b)
        self.for_editors = for_editors


class LinkComparison(ForReader, compare.ForeignObjectComparison):
    """A link to a page or a term, named as the reader may see it (see ``shown_objects``)."""

    def get_objects(self):
        shown = shown_objects(self.field.related_model, [self.val_a, self.val_b], self.for_editors)
        return shown.get(self.val_a), shown.get(self.val_b)


class LinksComparison(ForReader, compare.M2MFieldComparison):
    """Several links (taxonomy terms), each named as the reader may see it."""

    def get_items(self):
        items_a, items_b = list(self.val_a), list(self.val_b)
        pks = [item.pk for item in items_a + items_b]
        shown = shown_objects(self.field.related_model, pks, self.for_editors)
        return [shown[item.pk] for item in items_a], [shown[item.pk] for item in items_b]


# --- yes/no and dates ---------------------------------------------------------------------------------


def yes_no(value):
    if value is None:
        return ""
    return gettext("Yes") if value else gettext("No")


def date_text(value):
    """A date or time as the reader's language writes it ("2 mars 2017"); empty for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, datetime.time):
        return formats.time_format(value, "TIME_FORMAT")
    return force_str(value)


class BooleanComparison(compare.FieldComparison):
    def htmldiff(self):
        return value_diff(yes_no(self.val_a), yes_no(self.val_b), self.has_changed())


class DateComparison(compare.FieldComparison):
    def htmldiff(self):
        return value_diff(date_text(self.val_a), date_text(self.val_b), self.has_changed())


# --- inside StreamField blocks ------------------------------------------------------------------------


class ChoiceBlockComparison(compare.BlockComparison):
    def label(self, value):
        return force_str(dict(self.block.field.choices).get(value, value)) if value else ""

    def htmlvalue(self, val):
        return escape(self.label(val))

    def htmldiff(self):
        return value_diff(self.label(self.val_a), self.label(self.val_b), self.has_changed())


class DateBlockComparison(compare.BlockComparison):
    def htmlvalue(self, val):
        return escape(date_text(val))

    def htmldiff(self):
        return value_diff(date_text(self.val_a), date_text(self.val_b), self.has_changed())


def comparison_class_for_block(block):
    if isinstance(block, blocks.ChoiceBlock):
        return ChoiceBlockComparison
    if isinstance(block, (blocks.DateBlock, blocks.TimeBlock, blocks.DateTimeBlock)):
        return DateBlockComparison
    return compare.get_comparison_class_for_block(block)


class StructBlockComparison(compare.StructBlockComparison):
    """Wagtail's, with choices and dates of the struct's fields shown as words (see ``pages.blocks``)."""

    def children(self, val_a, val_b, exists_a, exists_b):
        for name, block in self.block.child_blocks.items():
            comparison_class = comparison_class_for_block(block)
            comparison = comparison_class(block, exists_a, exists_b, val_a[name], val_b[name])
            yield capfirst(block.label), comparison

    def htmlvalue(self, val):
        rows = [(label, child.htmlvalue(child.val_a)) for label, child in self.children(val, val, True, True)]
        return format_html("<dl>\n{}\n</dl>", format_html_join("\n", "<dt>{}</dt><dd>{}</dd>", rows))

    def htmldiff(self):
        children = self.children(self.val_a, self.val_b, self.exists_a, self.exists_b)
        rows = [(label, child.htmldiff()) for label, child in children]
        return format_html("<dl>\n{}\n</dl>", format_html_join("\n", "<dt>{}</dt><dd>{}</dd>", rows))


def register():
    compare.register_comparison_class(models.BooleanField, comparison_class=BooleanComparison)
    compare.register_comparison_class(models.DateField, comparison_class=DateComparison)
    compare.register_comparison_class(models.TimeField, comparison_class=DateComparison)
    for target in (Page, TranslatableMixin):  # pages, and taxonomy terms
        compare.register_comparison_class(models.ForeignKey, to=target, comparison_class=LinkComparison)
    # ParentalManyToManyField included
    compare.register_comparison_class(models.ManyToManyField, comparison_class=LinksComparison)
