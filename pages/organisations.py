"""Organisations: administrations, civil-society groups, companies, international bodies, academics."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.content import Texts

from .base import CatalogPage, IndexPage
from .blocks import BodyBlock
from .panels import FieldPanel
from .registry import Facet, PageType


class OrganisationKind(models.TextChoices):
    ADMINISTRATION = "administration", _("Public administration")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    COMPANY = "company", _("Company")
    INTERNATIONAL = "international", _("International organisation")
    ACADEMIC = "academic", _("Academic group")


class OrganisationIndexPage(IndexPage):
    # what bootstrap names the section in each language
    section_texts = {
        "title": Texts("Organisations", "Organisations", "Organizaciones"),
        "slug": Texts("organisations", "organisations", "organizaciones"),
        "summary": Texts(
            "Administrations, associations, entreprises et organisations internationales.",
            "Administrations, civil-society groups, companies and international bodies.",
            "Administraciones, organizaciones civiles, empresas y organismos internacionales.",
        ),
    }

    class Meta:
        verbose_name = _("organisation index")
        verbose_name_plural = _("organisation indexes")


class OrganisationPage(CatalogPage):
    community = ("tools-used",)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)

    content_panels = CatalogPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("country"), FieldPanel("website"), FieldPanel("logo")],
            heading=_("Identity"),
        ),
        FieldPanel("description"),
    ]

    search_fields = CatalogPage.search_fields + [
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("country"),
    ]

    parent_page_types = ["pages.OrganisationIndexPage"]
    subpage_types = []

    page_type = PageType(
        key="organisation",
        plural="organisations",
        position=3,
        body_fields=("description",),
        facets=(
            Facet("organisation-kind", "kind", _("Kind of organisation")),
            Facet("country", "country", _("Country")),
        ),
        checks_duplicates=True,
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")


class OrganisationLink(Orderable):
    """A row naming an organisation on another page (behind a tool, in a use case, a team…)."""

    organisation = models.ForeignKey(
        OrganisationPage, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        abstract = True
