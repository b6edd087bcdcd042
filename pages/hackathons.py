"""Hackathon events and the reports of the projects worked on there."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from core.content import Texts
from core.localization import localize_terms
from snippets.models import in_default_locale

from .base import CatalogPage, IndexPage, synchronized
from .blocks import (
    RICH_TEXT_FEATURES,
    BodyBlock,
    LinkBlock,
    ProgrammeItemBlock,
    ProgressEntryBlock,
    TeamMemberBlock,
)
from .organisations import OrganisationLink
from .panels import FieldPanel, InlinePanel
from .registry import Facet, Link, PageType
from .relations import visible

SCORE_MIN = 0
SCORE_MAX = 5
SCORE_VALIDATORS = [MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]


class HackathonIndexPage(IndexPage):
    # what bootstrap names the section in each language
    section_texts = {
        "title": Texts("Hackathons", "Hackathons", "Hackatones"),
        "slug": Texts("hackathons", "hackathons", "hackatones"),
        "summary": Texts(
            "Les événements de contribution et les projets qui y sont nés.",
            "Contribution events and the projects born there.",
            "Los eventos de contribución y los proyectos que nacieron en ellos.",
        ),
    }

    class Meta:
        verbose_name = _("hackathon index")
        verbose_name_plural = _("hackathon indexes")


class HackathonPage(CatalogPage):
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description = StreamField(BodyBlock(), verbose_name=_("about the event"), blank=True)
    programme = StreamField([("item", ProgrammeItemBlock())], verbose_name=_("programme"), blank=True)

    content_panels = CatalogPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("website"),
            ],
            heading=_("When and where"),
        ),
        InlinePanel("organisers", label=_("Organisers")),
        FieldPanel("description"),
        FieldPanel("programme"),
        InlinePanel("criteria", label=_("Judging criteria")),
    ]

    search_fields = CatalogPage.search_fields + [
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("starts_on"),
    ]

    override_translatable_fields = synchronized("country")

    parent_page_types = ["pages.HackathonIndexPage"]
    subpage_types = ["pages.HackathonProjectPage"]

    page_type = PageType(
        key="hackathon",
        plural="hackathons",
        position=5,
        body_fields=("description", "venue", "city", "programme"),
        facets=(Facet("year", "starts_on", _("Year")), Facet("country", "country", _("Country"))),
        links=(Link("organisers", "organisation", "organisers"),),
    )

    class Meta:
        verbose_name = _("hackathon")
        verbose_name_plural = _("hackathons")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot come before the first day.")})

    def criteria_terms(self):
        """The event's judging criteria, in order, as default-language terms."""
        return [link.criterion for link in self.criteria.all().select_related("criterion")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["criteria"] = localize_terms(self.criteria_terms(), self.locale)
        projects = list(visible(HackathonProjectPage.objects.child_of(self)).prefetch_related("scores"))
        context["projects"] = rank_projects(projects)
        return context


def total_jury_score(project):
    scores = [score.jury_score for score in project.scores.all() if score.jury_score is not None]
    return sum(scores) if scores else None


DISTINCTION_RANK = {"winner": 0, "finalist": 1, "mention": 2, "": 3}


def rank_projects(projects):
    """Order an event's projects: distinction first, then total jury score, then title."""
    ranked = []
    for project in projects:
        project.jury_total = total_jury_score(project)
        ranked.append(project)
    ranked.sort(
        key=lambda p: (
            DISTINCTION_RANK.get(p.distinction, 3),
            -(p.jury_total if p.jury_total is not None else -1),
            p.title.casefold(),
        )
    )
    return ranked


class HackathonOrganiser(OrganisationLink):
    page = ParentalKey(HackathonPage, related_name="organisers", on_delete=models.CASCADE)

    class Meta(OrganisationLink.Meta):
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")


class HackathonCriterionLink(Orderable):
    page = ParentalKey(HackathonPage, related_name="criteria", on_delete=models.CASCADE)
    criterion = models.ForeignKey(
        "snippets.HackathonCriterion",
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_default_locale,
    )

    panels = [FieldPanel("criterion")]

    class Meta(Orderable.Meta):
        verbose_name = _("judging criterion")
        verbose_name_plural = _("judging criteria")


class Distinction(models.TextChoices):
    NONE = "", _("None")
    WINNER = "winner", _("Winner")
    FINALIST = "finalist", _("Finalist")
    MENTION = "mention", _("Special mention")


class HackathonProjectPage(CatalogPage):
    challenge = RichTextField(_("challenge"), blank=True, features=RICH_TEXT_FEATURES)
    team = StreamField([("member", TeamMemberBlock())], verbose_name=_("team"), blank=True)
    countries = CountryField(_("countries involved"), multiple=True, blank=True)
    progress_log = StreamField([("entry", ProgressEntryBlock())], verbose_name=_("progress log"), blank=True)
    links = StreamField([("link", LinkBlock())], verbose_name=_("links"), blank=True)
    distinction = models.CharField(
        _("distinction"), max_length=20, choices=Distinction.choices, blank=True, default=""
    )
    next_steps = RichTextField(_("next steps"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = CatalogPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("challenge"),
        FieldPanel("team"),
        InlinePanel("organisations", label=_("Organisations in the team")),
        FieldPanel("countries"),
        InlinePanel("reused_tools", label=_("Tools reused")),
        InlinePanel("produced_tools", label=_("Tools produced")),
        FieldPanel("progress_log"),
        FieldPanel("links"),
        InlinePanel("scores", label=_("Scorecard")),
        FieldPanel("distinction"),
        FieldPanel("next_steps"),
    ]

    search_fields = CatalogPage.search_fields + [
        index.SearchField("challenge"),
        index.SearchField("next_steps"),
        index.FilterField("distinction"),
    ]

    override_translatable_fields = synchronized("countries")

    parent_page_types = ["pages.HackathonPage"]
    subpage_types = []

    page_type = PageType(
        key="project",
        plural="projects",
        position=6,
        body_fields=("challenge", "team", "progress_log", "next_steps"),
        facets=(
            Facet("distinction", "distinction", _("Distinction")),
            Facet("score", "scores", _("Jury score"), score="jury_score"),
            Facet("country", "countries", _("Country")),
        ),
        links=(
            Link("organisations", "organisation", "organisations"),
            Link("reused_tools", "tool", "reused_tools"),
            Link("produced_tools", "tool", "produced_tools"),
        ),
    )

    class Meta:
        verbose_name = _("hackathon project")
        verbose_name_plural = _("hackathon projects")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        event = self.get_parent().specific
        context["event"] = event if event.live else None
        context["scorecard"] = self.scorecard(event)
        context["jury_total"] = total_jury_score(self)
        return context

    def scorecard(self, event):
        """One row per criterion of the event (then any other scored criterion), in the page's language."""
        scores = list(self.scores.all().select_related("criterion"))
        by_key = {score.criterion.translation_key: score for score in scores}
        criteria = event.criteria_terms() if isinstance(event, HackathonPage) else []
        keys = [criterion.translation_key for criterion in criteria]
        criteria += [score.criterion for score in scores if score.criterion.translation_key not in keys]
        localized = localize_terms(criteria, self.locale)
        return [(term, by_key.get(term.translation_key)) for term in localized]


class ProjectTool(TranslatableMixin, Orderable):
    tool = models.ForeignKey(
        "pages.ToolPage", verbose_name=_("tool"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    panels = [FieldPanel("tool"), FieldPanel("note")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True


class ProjectReusedTool(ProjectTool):
    page = ParentalKey(HackathonProjectPage, related_name="reused_tools", on_delete=models.CASCADE)

    class Meta(ProjectTool.Meta):
        verbose_name = _("tool reused")
        verbose_name_plural = _("tools reused")


class ProjectProducedTool(ProjectTool):
    page = ParentalKey(HackathonProjectPage, related_name="produced_tools", on_delete=models.CASCADE)

    class Meta(ProjectTool.Meta):
        verbose_name = _("tool produced")
        verbose_name_plural = _("tools produced")


class ProjectOrganisation(OrganisationLink):
    page = ParentalKey(HackathonProjectPage, related_name="organisations", on_delete=models.CASCADE)

    class Meta(OrganisationLink.Meta):
        verbose_name = _("organisation in the team")
        verbose_name_plural = _("organisations in the team")


class ProjectScore(TranslatableMixin, Orderable):
    page = ParentalKey(HackathonProjectPage, related_name="scores", on_delete=models.CASCADE)
    criterion = models.ForeignKey(
        "snippets.HackathonCriterion",
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=in_default_locale,
    )
    self_assessment = models.PositiveSmallIntegerField(
        _("self-assessment"),
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
        help_text=_("From 0 (not at all) to 5 (fully)."),
    )
    jury_score = models.PositiveSmallIntegerField(
        _("jury score"),
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
        help_text=_("From 0 (not at all) to 5 (fully)."),
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    panels = [
        FieldPanel("criterion"),
        FieldRowPanel([FieldPanel("self_assessment"), FieldPanel("jury_score")]),
        FieldPanel("comment"),
    ]
    override_translatable_fields = synchronized("criterion")

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["page", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(self_assessment__lte=SCORE_MAX) | models.Q(self_assessment__isnull=True),
                name="self_assessment_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(jury_score__lte=SCORE_MAX) | models.Q(jury_score__isnull=True),
                name="jury_score_in_range",
            ),
        ]
