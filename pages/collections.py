"""Collections: a curated, ordered recommendation of tools for one purpose."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from localisation.localization import localize_terms
from snippets.models import in_default_locale

from .base import CatalogPage, IndexPage, synchronized
from .blocks import RICH_TEXT_FEATURES
from .panels import FieldPanel
from .relations import linked_pages


class CollectionIndexPage(IndexPage):
    subpage_types = ["pages.CollectionPage"]

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

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def get_context(self, request, *args, **kwargs):
        from .organisations import OrganisationPage
        from .tools import ToolPage

        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        context["topics"] = localize_terms(self.topics.all(), self.locale)
        context["items"] = linked_pages(self.items.all(), "tool", ToolPage, language)
        curator = linked_pages([self], "curator", OrganisationPage, language)
        context["curator"] = curator[0][1] if curator else None
        return context


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
