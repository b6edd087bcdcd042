"""The home page of one locale tree (/fr/, /en/, /es/)."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.parameters import reads
from cms.site_address import PublicAddressMixin
from history.changes import recent_changes
from history.page_views import HistoryMixin
from moderation.deletion import ModeratedDeletion

from . import registry
from .blocks import RICH_TEXT_FEATURES
from .collections import CollectionPage
from .hackathons import HackathonProjectPage
from .organisations import OrganisationPage
from .panels import FieldPanel
from .relations import AliasPrivacyMixin, visible
from .tools import ToolPage
from .use_cases import UseCasePage


@reads()
class HomePage(ModeratedDeletion, AliasPrivacyMixin, PublicAddressMixin, HistoryMixin, Page):
    tagline = models.CharField(_("tagline"), max_length=250, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("tagline"), FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    @classmethod
    def clean_subpage_models(cls):
        # one section per page type that lives in a section (pages/registry.py), in their order
        return [page_type.parent_model for page_type in registry.page_types() if page_type.in_section]

    def sections(self):
        """The section pages under this home (Tools, Use cases…).

        Selected by page type first: ``get_children()`` alone filters on the tree path, which on a
        large catalogue makes PostgreSQL read every page of the language to find five.
        """
        return Page.objects.type(*self.specific_class.allowed_subpage_models()).child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        in_tree = {"locale_id": self.locale_id}
        context["sections"] = visible(self.sections()).specific()
        context["counts"] = {
            "tools": visible(ToolPage.objects.filter(**in_tree)).count(),
            "use_cases": visible(UseCasePage.objects.filter(**in_tree)).count(),
            "organisations": visible(OrganisationPage.objects.filter(**in_tree)).count(),
            "projects": visible(HackathonProjectPage.objects.filter(**in_tree)).count(),
        }
        context["latest_use_cases"] = visible(UseCasePage.objects.filter(**in_tree)).order_by(
            "-first_published_at"
        )[:3]
        # A collection is featured when any version of it is (a translation need not wait for its next
        # synchronisation); featured ones first, then the newest, so the home page never lacks some.
        featured = CollectionPage.objects.filter(featured=True, translation_key=OuterRef("translation_key"))
        collections = visible(CollectionPage.objects.filter(**in_tree)).annotate(is_featured=Exists(featured))
        context["collections"] = list(
            collections.order_by("-is_featured", "-first_published_at", "title")[:3]
        )
        context["collections_featured"] = any(c.is_featured for c in context["collections"])
        context["latest_projects"] = visible(HackathonProjectPage.objects.filter(**in_tree)).order_by(
            "-first_published_at"
        )[:3]
        context["recent_changes"] = recent_changes(self.locale.language_code, limit=5)
        return context
