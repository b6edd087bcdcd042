"""Organisations: administrations, civil-society groups, companies, international bodies, academics."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from .base import CatalogPage, IndexPage, with_logo
from .blocks import BodyBlock
from .panels import FieldPanel
from .relations import referencing_pages


class OrganisationKind(models.TextChoices):
    ADMINISTRATION = "administration", _("Public administration")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    COMPANY = "company", _("Company")
    INTERNATIONAL = "international", _("International organisation")
    ACADEMIC = "academic", _("Academic group")


class OrganisationIndexPage(IndexPage):
    subpage_types = ["pages.OrganisationPage"]

    class Meta:
        verbose_name = _("organisation index")
        verbose_name_plural = _("organisation indexes")


class OrganisationPage(CatalogPage):
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

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @classmethod
    def for_cards(cls, queryset):
        return with_logo(queryset)

    def get_context(self, request, *args, **kwargs):
        from .hackathons import HackathonOrganiser, HackathonPage, HackathonProjectPage, ProjectOrganisation
        from .tools import ToolOrganisation, ToolPage
        from .use_cases import UseCaseOrganisation, UseCasePage

        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        context["tools"] = referencing_pages(ToolOrganisation, "organisation", self, ToolPage, language)
        context["use_cases"] = referencing_pages(
            UseCaseOrganisation, "organisation", self, UseCasePage, language
        )
        context["hackathons"] = referencing_pages(
            HackathonOrganiser, "organisation", self, HackathonPage, language
        )
        context["projects"] = referencing_pages(
            ProjectOrganisation, "organisation", self, HackathonProjectPage, language
        )
        return context
