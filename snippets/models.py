"""Translatable taxonomy shared by the catalogue pages.

Each term exists once per locale (``TranslatableMixin``): the French term and its English and Spanish
translations share a ``translation_key``. Pages point at the term in the default locale and display
the translation in the visitor's language (see ``core.localization``).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import DraftStateMixin, Locale, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.content import Texts


def in_default_locale():
    """Choices for page → term relations: the terms of the default language, which pages share."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class Term(DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """A taxonomy term. A term created by an import is a draft until a moderator publishes it; a
    draft term is not shown to visitors (``live_terms``), even on a live page that points at it."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("identifier"),
        max_length=120,
        help_text=_("Stable identifier used in URLs and filters; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    # Each kind of term has a public page per language at /<lang>/<path>/<slug>/ (pages/terms.py):
    # its key (in watch and feed addresses) and the first segment of its address in each language.
    term_kind = None
    public_path = None

    # The identifier is shared by every translation of a term; only the words are translated.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("slug"),
        index.FilterField("locale_id"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="%(app_label)s_%(class)s_unique_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Moderators decide on a term once, on its default-language version: a translation, however
        # it is made (wagtail-localize's sync, an import, a translator), stays a draft until then.
        # Publishing the source publishes its translations (snippets/signals.py).
        if self.live and self.source_is_draft():
            self.live = False
        super().save(*args, **kwargs)

    def source_is_draft(self):
        default = Locale.get_default()
        if self.locale_id in (None, default.pk):
            return False
        model = type(self)._meta.concrete_model
        return model.objects.filter(translation_key=self.translation_key, locale=default, live=False).exists()


def live_terms(terms):
    """The terms visitors may see, among ``terms`` (a list or a queryset)."""
    if isinstance(terms, models.QuerySet):
        return terms.filter(live=True)
    return [term for term in terms if term is not None and term.live]


class Category(Term):
    """A kind of tool: open data portal, public consultation, law-making…"""

    term_kind = "category"
    public_path = Texts("categories", "categories", "categorias")

    class Meta(Term.Meta):
        verbose_name = _("tool category")
        verbose_name_plural = _("tool categories")


class Topic(Term):
    """A public-policy theme: public procurement, fiscal policy, elections…"""

    term_kind = "topic"
    public_path = Texts("themes", "topics", "temas")

    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Audience(Term):
    """Who a tool or use case serves: the "users" facet of a use case."""

    term_kind = "audience"
    public_path = Texts("publics", "audiences", "publicos")

    class Meta(Term.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class Licence(Term):
    term_kind = "licence"
    public_path = Texts("licences", "licences", "licencias")

    spdx_id = models.CharField(
        _("SPDX identifier"),
        max_length=64,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$",
                _("Enter an SPDX licence identifier or expression, for example AGPL-3.0-or-later."),
            )
        ],
    )
    is_open_source = models.BooleanField(_("open source"), default=False)
    url = models.URLField(_("licence text"), blank=True)

    panels = Term.panels + [FieldPanel("spdx_id"), FieldPanel("is_open_source"), FieldPanel("url")]

    override_translatable_fields = Term.override_translatable_fields + [
        SynchronizedField("spdx_id", overridable=False)
    ]

    # editors find a licence by its SPDX identifier as well as by its name
    search_fields = Term.search_fields + [index.SearchField("spdx_id"), index.AutocompleteField("spdx_id")]

    class Meta(Term.Meta):
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    @property
    def facet_value(self):
        """Searches filter licences by openness, not one by one."""
        return "open" if self.is_open_source else "closed"


class Criterion(Term):
    """A term shown in the order moderators give it."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)

    panels = Term.panels + [FieldPanel("position")]

    class Meta(Term.Meta):
        abstract = True
        ordering = ["position", "name"]


class TechnicalCriterion(Criterion):
    """A property tools are compared on: hosting model, API available, accessibility…"""

    term_kind = "technical-criterion"
    public_path = Texts("criteres-techniques", "technical-criteria", "criterios-tecnicos")

    class Meta(Criterion.Meta):
        verbose_name = _("technical criterion")
        verbose_name_plural = _("technical criteria")


class HackathonCriterion(Criterion):
    """A criterion hackathon projects are judged on: contribution, internationalisation…"""

    term_kind = "hackathon-criterion"
    public_path = Texts("criteres-de-hackathon", "hackathon-criteria", "criterios-de-hackaton")

    class Meta(Criterion.Meta):
        verbose_name = _("hackathon criterion")
        verbose_name_plural = _("hackathon criteria")
