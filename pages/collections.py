"""Collections: a curated, ordered recommendation of tools for one purpose."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.content import Texts
from snippets.models import in_default_locale

from .base import CatalogPage, IndexPage, synchronized
from .blocks import RICH_TEXT_FEATURES
from .panels import FieldPanel, InlinePanel
from .registry import Link, PageType


class CollectionIndexPage(IndexPage):
    # what bootstrap names the section in each language
    section_texts = {
        "title": Texts("Collections", "Collections", "Colecciones"),
        "slug": Texts("collections", "collections", "colecciones"),
        "summary": Texts(
            "Des sélections d'outils commentées pour un objectif donné.",
            "Annotated selections of tools for one purpose.",
            "Selecciones comentadas de herramientas para un propósito concreto.",
        ),
    }

    class Meta:
        verbose_name = _("collection index")
        verbose_name_plural = _("collection indexes")


class CollectionPage(CatalogPage):
    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    curator = models.ForeignKey(
        "pages.OrganisationPage",
        verbose_name=_("curated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ParentalManyToManyField(
        "snippets.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="collections",
        limit_choices_to=in_default_locale,
    )
    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("Featured collections are shown on the home page of every language."),
    )

    content_panels = CatalogPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("curator"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("featured"),
        InlinePanel("items", label=_("Recommended tools"), min_num=1),
    ]

    search_fields = CatalogPage.search_fields + [index.SearchField("introduction")]

    override_translatable_fields = synchronized("topics", "featured")

    parent_page_types = ["pages.CollectionIndexPage"]
    subpage_types = []

    page_type = PageType(
        key="collection",
        plural="collections",
        position=4,
        body_fields=("introduction",),
        links=(Link("items", "tool", "items"), Link("curator", "curator")),
    )

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")


class CollectionItem(TranslatableMixin, Orderable):
    page = ParentalKey(CollectionPage, related_name="items", on_delete=models.CASCADE)
    tool = models.ForeignKey(
        "pages.ToolPage", verbose_name=_("tool"), on_delete=models.CASCADE, related_name="collection_items"
    )
    note = models.TextField(_("curator's note"), blank=True)

    panels = [FieldPanel("tool"), FieldPanel("note")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("recommended tool")
        verbose_name_plural = _("recommended tools")
