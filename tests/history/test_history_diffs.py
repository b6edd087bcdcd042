"""Every change to every field of every page type can be read, in the public history and in the admin.

The cases are generated from the page models' content panels, not listed by hand: each field, each
inline relation (a row added, a row removed, each field of a row changed) and each block type of each
StreamField (a block added, a block changed). Every case publishes a version, changes that one thing,
publishes again, then reads the public diff (``<page url>history/<a>/<b>/``) and the admin's revision
comparison. A field, block or panel of a kind this module has no sample for fails the collection of
the cases, so that a new kind of content gets its comparison looked at before it ships.
"""

import datetime
import io
import itertools
from dataclasses import dataclass
from html import unescape

import factory
import pytest
from django import forms
from django.core.files.images import ImageFile
from django.db import models
from django.urls import reverse
from django.utils import formats, translation
from django.utils.text import capfirst
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, ObjectList, PanelGroup
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Locale, Page, TranslatableMixin, get_page_models
from wagtail.rich_text import RichText

from demo.loader import logo_png
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGE = "fr"  # pages are made in the default language's tree; labels are checked in it
BLOCK_ID = "6f0c3b8e-1d2a-4c5b-9e7f-000000000001"


class NoSample(Exception):
    """This module does not know how to give two values of a field or block: teach it, and check its diff."""


# --- what the cases are made of -----------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    model: type
    kind: str  # "field", "row added", "row removed", "row field", "block added", "block changed"
    name: str  # the page's field, inline relation or StreamField
    part: str = ""  # the row's field or the block type

    @property
    def id(self):
        suffix = f".{self.part}" if self.part else ""
        return f"{self.model.__name__}.{self.name}{suffix} ({self.kind})"


def leaf_panels(panels):
    """The FieldPanels and InlinePanels of a panel tree, in order."""
    for panel in panels:
        if isinstance(panel, (FieldPanel, InlinePanel)):
            yield panel
        elif isinstance(panel, PanelGroup):
            yield from leaf_panels(panel.children)
        elif not isinstance(panel, HelpPanel):
            raise NoSample(f"panel {panel!r}: which fields does it edit?")


def content_panels(model):
    """The content panels as the editor shows them (placeholders, such as the title's, resolved)."""
    return ObjectList(model.content_panels).bind_to_model(model).children


def cases_for(model):
    for panel in leaf_panels(content_panels(model)):
        if isinstance(panel, InlinePanel):
            relation = panel.relation_name
            yield Case(model, "row added", relation)
            yield Case(model, "row removed", relation)
            row_model = model._meta.get_field(relation).related_model
            for row_panel in leaf_panels(row_model.panels):
                yield Case(model, "row field", relation, row_panel.field_name)
            continue
        field = model._meta.get_field(panel.field_name)
        if isinstance(field, StreamField):
            for block_name in field.stream_block.child_blocks:
                yield Case(model, "block added", field.name, block_name)
                yield Case(model, "block changed", field.name, block_name)
        else:
            yield Case(model, "field", field.name)


PAGE_MODELS = [model for model in get_page_models() if model is not Page]
CASES = [case for model in PAGE_MODELS for case in cases_for(model)]


# --- sample values: two values of a field, and what a visitor reads of each -----------------------------


@dataclass
class Sample:
    a: object
    b: object
    shows_a: list  # texts a reader of the diff must find for the old value (when it is removed)
    shows_b: list  # … and for the new one


class Samples:
    """Two different, valid values for any field or block, made on demand (pages, terms, images)."""

    def __init__(self, moderator):
        self.moderator = moderator
        self.counter = itertools.count(1)

    def image(self):
        number = next(self.counter)
        title = f"Image d’essai numéro {number}"
        image = get_image_model()(title=title, description=title)
        image.file = ImageFile(io.BytesIO(logo_png(title)), name=f"essai-{number}.png")
        image.save()
        return image, title

    def live_page(self, model):
        page = page_factory(model)()
        page.save_revision(user=self.moderator).publish(user=self.moderator)
        return page

    def terms(self, model):
        terms = list(model.objects.filter(locale=Locale.get_default()).order_by("pk")[:2])
        assert len(terms) == 2, f"the bootstrapped taxonomy lacks two {model.__name__}"
        return terms

    def field(self, field):
        if isinstance(field, models.ForeignKey):
            target = field.related_model
            if target is get_image_model():
                (image_a, title_a), (image_b, title_b) = self.image(), self.image()
                return Sample(image_a, image_b, [title_a], [title_b])
            if issubclass(target, Page):
                page_a, page_b = self.live_page(target), self.live_page(target)
                return Sample(page_a, page_b, [page_a.title], [page_b.title])
            if issubclass(target, TranslatableMixin):
                term_a, term_b = self.terms(target)
                return Sample(term_a, term_b, [str(term_a)], [str(term_b)])
            raise NoSample(f"{field!r}: a link to {target.__name__}")
        if isinstance(field, ParentalManyToManyField):
            term_a, term_b = self.terms(field.related_model)
            return Sample([term_a], [term_a, term_b], [str(term_a)], [str(term_b)])
        if isinstance(field, CountryField):
            if field.multiple:
                return Sample(["FR"], ["FR", "DE"], ["France"], ["Allemagne"])
            return Sample("FR", "DE", ["France"], ["Allemagne"])
        if isinstance(field.formfield(), forms.MultipleChoiceField):
            codes = [code for code, _label in field.flatchoices]
            if {"fr", "de"} <= set(codes):  # language codes: named in the visitor's language
                return Sample(["fr"], ["fr", "de"], ["français"], ["allemand"])
            labels = dict(field.flatchoices)
            return Sample(codes[:1], codes[:2], [str(labels[codes[0]])], [str(labels[codes[1]])])
        if field.choices:
            (code_a, label_a), (code_b, label_b) = [choice for choice in field.flatchoices if choice[0]][:2]
            return Sample(code_a, code_b, [str(label_a)], [str(label_b)])
        if isinstance(field, RichTextField):
            return Sample(
                "<p>Texte de départ.</p>", "<p>Texte de départ, enrichi.</p>", ["départ"], ["enrichi"]
            )
        if isinstance(field, models.URLField):
            return Sample("https://un.example.org/", "https://deux.example.org/neuf", ["un"], ["neuf"])
        if isinstance(field, (models.CharField, models.TextField)):
            return Sample("Version de départ", "Version corrigée", ["départ"], ["corrigée"])
        if isinstance(field, models.BooleanField):
            return Sample(False, True, ["Non"], ["Oui"])
        if isinstance(field, models.DateField):
            day_a, day_b = datetime.date(2017, 3, 1), datetime.date(2017, 3, 2)
            return Sample(day_a, day_b, [date_text(day_a)], [date_text(day_b)])
        if isinstance(field, models.IntegerField):
            return Sample(2, 4, ["2"], ["4"])
        raise NoSample(f"{field!r}: a {type(field).__name__}")

    def block(self, block):
        if isinstance(block, blocks.StructBlock):
            samples = {name: self.block(child) for name, child in block.child_blocks.items()}
            return Sample(
                {name: sample.a for name, sample in samples.items()},
                {name: sample.b for name, sample in samples.items()},
                [text for sample in samples.values() for text in sample.shows_a],
                [text for sample in samples.values() for text in sample.shows_b],
            )
        if isinstance(block, ImageChooserBlock):
            (image_a, title_a), (image_b, title_b) = self.image(), self.image()
            return Sample(image_a, image_b, [title_a], [title_b])
        if isinstance(block, blocks.RichTextBlock):
            return Sample(
                RichText("<p>Paragraphe de départ.</p>"),
                RichText("<p>Paragraphe de départ, enrichi.</p>"),
                ["départ"],
                ["enrichi"],
            )
        if isinstance(block, blocks.ChoiceBlock):
            (code_a, label_a), (code_b, label_b) = [c for c in block.field.choices if c[0]][:2]
            return Sample(code_a, code_b, [str(label_a)], [str(label_b)])
        if isinstance(block, blocks.URLBlock):
            return Sample("https://un.example.org/", "https://deux.example.org/neuf", ["un"], ["neuf"])
        if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
            return Sample("Bloc de départ", "Bloc corrigé", ["départ"], ["corrigé"])
        if isinstance(block, blocks.DateBlock):
            day_a, day_b = datetime.date(2017, 3, 1), datetime.date(2017, 3, 2)
            return Sample(day_a, day_b, [date_text(day_a)], [date_text(day_b)])
        if isinstance(block, blocks.TimeBlock):
            return Sample(datetime.time(9, 0), datetime.time(14, 30), ["09:00"], ["14:30"])
        raise NoSample(f"block {block!r}: a {type(block).__name__}")


def date_text(day):
    with translation.override(LANGUAGE):
        return formats.date_format(day, "DATE_FORMAT")


def page_factory(model):
    """The factory in tests/factories.py for ``model``; else the existing page (home and index pages)."""
    for candidate in vars(factories).values():
        if (
            isinstance(candidate, type)
            and issubclass(candidate, factory.django.DjangoModelFactory)
            and candidate._meta.model is model
        ):
            return candidate
    return lambda: model.objects.get(locale__language_code=LANGUAGE)


# --- driving one case ----------------------------------------------------------------------------------


def reload(page):
    return type(page).objects.get(pk=page.pk)


def publish(page, user):
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    return revision


def row_values(row_model, samples, which):
    """Values ("a" or "b") for every field of an inline row's panels, and the samples they come from."""
    chosen = {
        panel.field_name: samples.field(row_model._meta.get_field(panel.field_name))
        for panel in leaf_panels(row_model.panels)
    }
    return {name: getattr(sample, which) for name, sample in chosen.items()}, chosen


def make_change(case, page, samples, user):
    """Publish the version before and the version after the change; what the diff must show."""
    model = case.model
    if case.kind == "field":
        sample = samples.field(model._meta.get_field(case.name))
        setattr(page, case.name, sample.a)
        older = publish(page, user)
        page = reload(page)
        setattr(page, case.name, sample.b)
        return older, publish(page, user), sample.shows_b
    if case.kind in ("block added", "block changed"):
        stream_block = model._meta.get_field(case.name).stream_block
        sample = samples.block(stream_block.child_blocks[case.part])
        # the same block id in both versions: the same block, changed
        before = [(case.part, sample.a, BLOCK_ID)] if case.kind == "block changed" else []
        setattr(page, case.name, StreamValue(stream_block, before))
        older = publish(page, user)
        page = reload(page)
        setattr(page, case.name, StreamValue(stream_block, [(case.part, sample.b, BLOCK_ID)]))
        return older, publish(page, user), sample.shows_b
    row_model = model._meta.get_field(case.name).related_model
    if case.kind == "row added":
        setattr(page, case.name, [])
        older = publish(page, user)
        page = reload(page)
        values, chosen = row_values(row_model, samples, "b")
        setattr(page, case.name, [row_model(**values)])
        return older, publish(page, user), [text for sample in chosen.values() for text in sample.shows_b]
    values, chosen = row_values(row_model, samples, "a")
    setattr(page, case.name, [row_model(**values)])
    older = publish(page, user)
    page = reload(page)
    if case.kind == "row removed":
        setattr(page, case.name, [])
        return older, publish(page, user), [text for sample in chosen.values() for text in sample.shows_a]
    (row,) = getattr(page, case.name).all()
    sample = chosen[case.part]
    setattr(row, case.part, sample.b)
    setattr(page, case.name, [row])
    return older, publish(page, user), sample.shows_b


def label_of(case):
    """The name a reader sees for what changed: the field's, or the inline panel's heading."""
    model = case.model
    with translation.override(LANGUAGE):
        for panel in leaf_panels(content_panels(model)):
            if isinstance(panel, InlinePanel) and panel.relation_name == case.name:
                return str(panel.heading or panel.label)
        return str(capfirst(model._meta.get_field(case.name).verbose_name))


def test_the_cases_cover_every_page_type():
    """If a page type had no field the loop below would silently skip it."""
    covered = {case.model for case in CASES}
    assert covered == set(PAGE_MODELS)
    assert {case.kind for case in CASES} >= {"field", "row field", "block changed"}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_every_change_can_be_read_publicly_and_in_the_admin(case, client, moderator):
    samples = Samples(moderator)
    page = page_factory(case.model)()
    page = reload(page)
    older, newer, texts = make_change(case, page, samples, moderator)
    page = reload(page)
    label = label_of(case)

    public = client.get(f"{page.url}history/{older.pk}/{newer.pk}/")

    assert public.status_code == 200
    html = public.content.decode()
    diff = unescape(html[html.index('<dl class="diff">') :]) if '<dl class="diff">' in html else ""
    assert label in diff, f"the public diff does not name {label!r}"
    for text in texts:
        assert text.casefold() in diff.casefold(), f"the public diff does not show {text!r}"

    client.force_login(moderator)
    admin = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, older.pk, newer.pk]))

    assert admin.status_code == 200
    html = unescape(admin.content.decode())
    assert label in html
    for text in texts:
        assert text.casefold() in html.casefold(), f"the admin's comparison does not show {text!r}"


# --- what a diff may say about linked pages, and in which language ---------------------------------------


def two_versions(page, user, change):
    """Publish ``page``, apply ``change`` to its live version, publish again: the two revisions."""
    older = publish(reload(page), user)
    page = reload(page)
    change(page)
    return page, older, publish(page, user)


def test_a_public_diff_names_no_draft_or_private_page(client, moderator):
    from wagtail.models import PageViewRestriction

    from pages.collections import CollectionItem
    from pages.tools import ToolOrganisation

    live = factories.OrganisationPageFactory(title="Association visible")
    publish(live, moderator)
    draft = factories.OrganisationPageFactory(title="Association en brouillon")
    draft.unpublish()
    private = factories.OrganisationPageFactory(title="Association réservée")
    publish(private, moderator)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
    draft_tool = factories.ToolPageFactory(title="Outil pas encore publié")
    draft_tool.unpublish()
    tool = factories.ToolPageFactory()
    publish(tool, moderator)

    def link_organisations(page):
        page.organisation_links = [ToolOrganisation(organisation=org) for org in (live, draft, private)]

    def curate(page):
        page.curator = draft

    def recommend(page):
        page.items = [CollectionItem(tool=draft_tool), CollectionItem(tool=tool)]

    pages = [
        two_versions(factories.CollectionPageFactory(), moderator, curate),
        two_versions(factories.ToolPageFactory(), moderator, link_organisations),
        two_versions(factories.CollectionPageFactory(), moderator, recommend),
    ]

    diffs = []
    for page, older, newer in pages:
        html = unescape(client.get(f"{page.url}history/{older.pk}/{newer.pk}/").content.decode())
        diffs.append(html)
        assert "brouillon" not in html and "réservée" not in html and "pas encore publié" not in html
        assert "une page non publique" in html
    assert "Association visible" in diffs[1]
    assert tool.title in diffs[2]
    client.force_login(moderator)  # editors know every page's title: the admin names them
    page, older, newer = pages[0]
    admin = client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, older.pk, newer.pk]))
    assert "Association en brouillon" in unescape(admin.content.decode())


@pytest.mark.parametrize(
    ("language", "country", "spoken"), [("en", "Germany", "German"), ("es", "Alemania", "alemán")]
)
def test_a_diff_names_countries_languages_terms_and_pages_in_the_visitors_language(
    client, moderator, language, country, spoken
):
    from pages.tools import ToolOrganisation
    from snippets.models import Category
    from tests.factories import tool

    category = factories.category()
    translated_category = Category.objects.get(
        translation_key=category.translation_key, locale__language_code=language
    )
    organisation = factories.OrganisationPageFactory(title="Association d’origine")
    publish(organisation, moderator)
    translation = organisation.copy_for_translation(Locale.objects.get(language_code=language))
    translation.title = f"Association ({language})"
    publish(translation, moderator)

    def change(page):
        page.countries = ["DE"]
        page.interface_languages = ["de"]
        page.categories = [category]
        page.organisation_links = [ToolOrganisation(organisation=organisation)]

    page, older, newer = two_versions(tool("Outil traduit", language=language), moderator, change)

    html = unescape(client.get(f"{page.url}history/{older.pk}/{newer.pk}/").content.decode())
    assert country in html
    assert spoken.casefold() in html.casefold()
    assert translated_category.name in html
    assert f"Association ({language})" in html and "Association d’origine" not in html


def test_rows_put_in_another_order_read_as_moved(client, moderator):
    from pages.collections import CollectionItem

    tools = [factories.ToolPageFactory(title=title) for title in ("Premier outil", "Second outil")]
    for tool in tools:
        publish(tool, moderator)
    collection = factories.CollectionPageFactory()
    # in the order the admin's form gives them
    collection.items = [CollectionItem(tool=tool, sort_order=order) for order, tool in enumerate(tools)]
    publish(collection, moderator)

    def swap(page):
        items = list(reversed(page.items.all()))
        for order, item in enumerate(items):
            item.sort_order = order
        page.items = items

    page, older, newer = two_versions(collection, moderator, swap)

    html = unescape(client.get(f"{page.url}history/{older.pk}/{newer.pk}/").content.decode())
    assert html.count("Entrée déplacée") == 2
    assert html.index("Second outil") < html.index("Premier outil")
