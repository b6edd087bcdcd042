"""Tools: software and online services used for open government."""

from django import forms
from django.conf import global_settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from multiselectfield import MultiSelectField
from wagtail.admin.panels import MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.content import Texts
from core.localization import localize_terms
from snippets.models import in_default_locale

from . import directory
from .base import CatalogPage, IndexPage, synchronized
from .blocks import BodyBlock
from .organisations import OrganisationLink
from .panels import FieldPanel, InlinePanel
from .per_publish import once_per_publish
from .registry import Facet, Link, PageType


class ToolKind(models.TextChoices):
    SOFTWARE = "software", _("Software")
    ONLINE_SERVICE = "online_service", _("Online service")


class ToolStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    UNMAINTAINED = "unmaintained", _("Unmaintained")
    ARCHIVED = "archived", _("Archived")


# a licence's openness (``Licence.facet_value``): the "open source only" filter
OPENNESS = (("open", _("Open source")), ("closed", _("Not open source")))


class ToolIndexPage(IndexPage):
    # what bootstrap names the section in each language
    section_texts = {
        "title": Texts("Outils", "Tools", "Herramientas"),
        "slug": Texts("outils", "tools", "herramientas"),
        "summary": Texts(
            "Logiciels et services en ligne au service du gouvernement ouvert.",
            "Software and online services for open government.",
            "Software y servicios en línea para el gobierno abierto.",
        ),
    }

    class Meta:
        verbose_name = _("tool index")
        verbose_name_plural = _("tool indexes")

    def listing_context(self, request):
        context = super().listing_context(request)
        context.update(compare_min=directory.MIN_TOOLS, compare_max=directory.MAX_TOOLS)
        return context

    def cards(self, queryset):
        return directory.with_localized_terms(directory.for_directory_cards(queryset), self.locale)


class ToolPage(CatalogPage):
    community = ("arguments", "endorsements")
    kind = models.CharField(_("kind"), max_length=20, choices=ToolKind.choices, default=ToolKind.SOFTWARE)
    status = models.CharField(
        _("status"), max_length=20, choices=ToolStatus.choices, default=ToolStatus.ACTIVE
    )
    description = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    categories = ParentalManyToManyField(
        "snippets.Category",
        verbose_name=_("categories"),
        blank=True,
        related_name="tools",
        limit_choices_to=in_default_locale,
    )
    topics = ParentalManyToManyField(
        "snippets.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="tools",
        limit_choices_to=in_default_locale,
    )
    website = models.URLField(_("website"), blank=True)
    source_code_url = models.URLField(_("source code repository"), blank=True)
    licence = models.ForeignKey(
        "snippets.Licence",
        verbose_name=_("licence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tools",
        limit_choices_to=in_default_locale,
    )
    interface_languages = MultiSelectField(
        _("interface languages"), choices=global_settings.LANGUAGES, blank=True, max_length=400
    )
    countries = CountryField(_("countries where it is used"), multiple=True, blank=True)

    content_panels = CatalogPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("status"), FieldPanel("logo")], heading=_("Identity")
        ),
        FieldPanel("description"),
        InlinePanel("screenshots", label=_("Screenshots")),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("source_code_url"), FieldPanel("licence")],
            heading=_("Links and licence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("interface_languages"),
                FieldPanel("countries"),
            ],
            heading=_("Languages and countries"),
        ),
        InlinePanel("organisation_links", label=_("Organisations")),
        InlinePanel("criteria_values", label=_("Technical criteria")),
    ]

    search_fields = CatalogPage.search_fields + [
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]

    # Taxonomy and countries point at shared, untranslated values: copy them to translations as they are.
    override_translatable_fields = synchronized(
        "categories", "topics", "licence", "interface_languages", "countries"
    )

    parent_page_types = ["pages.ToolIndexPage"]
    subpage_types = []

    page_type = PageType(
        key="tool",
        plural="tools",
        position=1,
        body_fields=("description",),
        facets=(
            Facet("category", "categories", _("Category")),
            Facet("topic", "topics", _("Topic")),
            Facet("country", "countries", _("Country")),
            Facet("licence", "licence", _("Licence")),
            Facet("open-source", "licence", _("Open source"), attribute="facet_value", choices=OPENNESS),
            Facet("interface-language", "interface_languages", _("Interface language")),
            Facet("tool-kind", "kind", _("Kind of tool")),
            Facet("status", "status", _("Status")),
        ),
        links=(Link("organisations", "organisation", "organisation_links"),),
        checks_duplicates=True,
    )

    class Meta:
        verbose_name = _("tool")
        verbose_name_plural = _("tools")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(once_per_publish("tool", request, self, self._shown_with_the_tool))
        return context

    def _shown_with_the_tool(self):
        criteria_values = list(self.criteria_values.all().select_related("criterion"))
        criteria = localize_terms([value.criterion for value in criteria_values], self.locale)
        return {
            "screenshots": list(self.screenshots.all().select_related("image")),
            "criteria": list(zip(criteria, criteria_values, strict=True)),
        }


class ToolScreenshot(TranslatableMixin, Orderable):
    page = ParentalKey(ToolPage, related_name="screenshots", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("screenshot")
        verbose_name_plural = _("screenshots")


class OrganisationRoleInTool(models.TextChoices):
    DEVELOPER = "developer", _("Develops it")
    OPERATOR = "operator", _("Runs it")
    FUNDER = "funder", _("Funds it")
    CONTRIBUTOR = "contributor", _("Contributes to it")


class ToolOrganisation(OrganisationLink):
    page = ParentalKey(ToolPage, related_name="organisation_links", on_delete=models.CASCADE)
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=OrganisationRoleInTool.choices,
        default=OrganisationRoleInTool.DEVELOPER,
    )

    panels = [FieldPanel("organisation"), FieldPanel("role")]

    class Meta(OrganisationLink.Meta):
        verbose_name = _("organisation behind the tool")
        verbose_name_plural = _("organisations behind the tool")


class Assessment(models.TextChoices):
    YES = "yes", _("Yes")
    PARTIAL = "partial", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class ToolCriterionValue(TranslatableMixin, Orderable):
    page = ParentalKey(ToolPage, related_name="criteria_values", on_delete=models.CASCADE)
    criterion = models.ForeignKey(
        "snippets.TechnicalCriterion",
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="values",
        limit_choices_to=in_default_locale,
    )
    assessment = models.CharField(
        _("assessment"), max_length=10, choices=Assessment.choices, default=Assessment.UNKNOWN
    )
    detail = models.CharField(
        _("detail"),
        max_length=250,
        blank=True,
        help_text=_("For example: self-hosted or SaaS; WCAG 2.1 AA; CSV and JSON."),
    )

    panels = [FieldPanel("criterion"), FieldPanel("assessment"), FieldPanel("detail")]
    override_translatable_fields = synchronized("criterion")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("technical criterion value")
        verbose_name_plural = _("technical criterion values")
        constraints = [
            models.UniqueConstraint(fields=["page", "criterion"], name="unique_criterion_per_tool")
        ]
