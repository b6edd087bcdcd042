"""Use cases: one documented use of tools, seen through three facets — objectives, users, services."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.content import Texts
from snippets.models import in_default_locale

from .base import CatalogPage, IndexPage, synchronized
from .blocks import RICH_TEXT_FEATURES, BodyBlock
from .organisations import OrganisationLink
from .panels import FieldPanel, InlinePanel
from .registry import Facet, Link, PageType


class GovernmentLevel(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class UseCaseIndexPage(IndexPage):
    # what bootstrap names the section in each language
    section_texts = {
        "title": Texts("Cas d'usage", "Use cases", "Casos de uso"),
        "slug": Texts("cas-d-usage", "use-cases", "casos-de-uso"),
        "summary": Texts(
            "Comment ces outils ont été mis en œuvre : objectifs, usagers, services rendus.",
            "How these tools were put to work: objectives, users, services provided.",
            "Cómo se pusieron en práctica estas herramientas: objetivos, usuarios, servicios.",
        ),
    }

    class Meta:
        verbose_name = _("use case index")
        verbose_name_plural = _("use case indexes")


class UseCasePage(CatalogPage):
    community = ("arguments",)
    objectives = RichTextField(
        _("objectives"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("What it set out to achieve.")
    )
    audiences = ParentalManyToManyField(
        "snippets.Audience",
        verbose_name=_("audiences"),
        blank=True,
        related_name="use_cases",
        limit_choices_to=in_default_locale,
    )
    users = RichTextField(
        _("users"), blank=True, features=RICH_TEXT_FEATURES, help_text=_("Who uses it, and how.")
    )
    services = RichTextField(
        _("services provided"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("What the platform or service offers its users."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("narrative"), blank=True)
    topics = ParentalManyToManyField(
        "snippets.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="use_cases",
        limit_choices_to=in_default_locale,
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    government_level = models.CharField(
        _("level of government"), max_length=20, choices=GovernmentLevel.choices, blank=True
    )
    started_on = models.DateField(_("start"), null=True, blank=True)
    ended_on = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Leave empty if it is still running.")
    )
    outcomes = RichTextField(_("outcomes"), blank=True, features=RICH_TEXT_FEATURES)
    lessons = RichTextField(_("lessons learned"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = CatalogPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("objectives"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("users"),
                FieldPanel("services"),
            ],
            heading=_("The three facets"),
        ),
        FieldPanel("body"),
        InlinePanel("tool_links", label=_("Tools used")),
        InlinePanel("organisation_links", label=_("Organisations involved")),
        MultiFieldPanel(
            [
                FieldPanel("countries"),
                FieldPanel("government_level"),
                FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on")]),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Context"),
        ),
        FieldPanel("outcomes"),
        FieldPanel("lessons"),
    ]

    search_fields = CatalogPage.search_fields + [
        index.SearchField("objectives"),
        index.SearchField("users"),
        index.SearchField("services"),
        index.SearchField("body"),
        index.SearchField("outcomes"),
        index.FilterField("government_level"),
    ]

    override_translatable_fields = synchronized("audiences", "topics", "countries")

    parent_page_types = ["pages.UseCaseIndexPage"]
    subpage_types = []

    page_type = PageType(
        key="use-case",
        plural="use-cases",
        position=2,
        body_fields=("objectives", "users", "services", "body", "outcomes", "lessons"),
        # objectives and services are free text: the topics stand for the objectives (one taxonomy,
        # shared with the tools), the audiences for whom they serve
        facets=(
            Facet("topic", "topics", _("Objective")),
            Facet("audience", "audiences", _("Audience")),
            # the services a use case provides are what its tools do: their categories
            Facet("service", "tools", _("Service"), through="categories"),
            Facet("tool", "tools", _("Tool used")),
            Facet("country", "countries", _("Country")),
            Facet("government-level", "government_level", _("Level of government")),
            Facet("period", "started_on", _("Period"), until="ended_on"),
        ),
        links=(
            Link("tools", "tool", "tool_links"),
            Link("organisations", "organisation", "organisation_links"),
        ),
    )

    class Meta:
        verbose_name = _("use case")
        verbose_name_plural = _("use cases")

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end cannot come before the start.")})


class UseCaseTool(TranslatableMixin, Orderable):
    page = ParentalKey(UseCasePage, related_name="tool_links", on_delete=models.CASCADE)
    tool = models.ForeignKey(
        "pages.ToolPage", verbose_name=_("tool"), on_delete=models.CASCADE, related_name="use_case_links"
    )
    role = models.CharField(
        _("its role"), max_length=250, blank=True, help_text=_("What the tool did in this use case.")
    )

    panels = [FieldPanel("tool"), FieldPanel("role")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("tool used")
        verbose_name_plural = _("tools used")


class OrganisationRoleInUseCase(models.TextChoices):
    LEAD = "lead", _("Led it")
    PARTNER = "partner", _("Partner")
    FUNDER = "funder", _("Funded it")
    USER = "user", _("Used it")


class UseCaseOrganisation(OrganisationLink):
    page = ParentalKey(UseCasePage, related_name="organisation_links", on_delete=models.CASCADE)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=OrganisationRoleInUseCase.choices,
        default=OrganisationRoleInUseCase.PARTNER,
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(OrganisationLink.Meta):
        verbose_name = _("organisation involved")
        verbose_name_plural = _("organisations involved")
