"""What every catalogue page shares: a one-line summary, and index pages that list their children."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.parameters import reads
from cms.site_address import PublicAddressMixin
from history.page_views import HistoryMixin
from moderation.deletion import ModeratedDeletion

from . import registry
from .blocks import RICH_TEXT_FEATURES
from .panels import FieldPanel
from .per_publish import once_per_publish
from .relations import AliasPrivacyMixin, relations_of


def synchronized(*field_names):
    """wagtail-localize: copy these fields to translations unchanged, with no per-language override.

    Used for references to shared values (taxonomy terms, countries, languages) that are displayed
    in the visitor's language at render time rather than translated field by field.
    """
    return [SynchronizedField(name, overridable=False) for name in field_names]


def _listing_parameters():
    from .listing import parameter_names

    return parameter_names()


@reads()
class CatalogPage(ModeratedDeletion, AliasPrivacyMixin, PublicAddressMixin, HistoryMixin, Page):
    summary = models.CharField(
        _("summary"),
        max_length=250,
        blank=True,
        help_text=_("One sentence shown in lists, search results and link previews."),
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]

    page_type = None  # a catalogue entry's declaration (pages/registry.py); sections have none
    # what contributors may add to it (community/): "arguments", "endorsements", "tools-used"
    community = ()

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["language_code"] = self.locale.language_code
        if self.page_type is not None:
            context.update(once_per_publish("relations", request, self, lambda: relations_of(self)))
        if self.community:
            from community.summary import organisation_context, page_context

            if "arguments" in self.community:
                context.update(
                    page_context(request, self, with_endorsements="endorsements" in self.community)
                )
            if "tools-used" in self.community:
                context.update(organisation_context(request, self))
        return context


@reads(_listing_parameters, expensive=True)
class IndexPage(CatalogPage):
    """A section of one locale tree (Tools, Use cases…) listing its live pages, paginated."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1
    per_page = 24

    class Meta:
        abstract = True

    @classmethod
    def clean_subpage_models(cls):
        # the page types whose declared parent is this section (pages/registry.py)
        return [page_type.model for page_type in registry.page_types() if page_type.parent_model is cls]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context

    def listing_context(self, request):
        """What the template lists: the search with no words, for this section's type (pages/listing.py)."""
        from .listing import listing_context

        return listing_context(self, request)

    def cards(self, queryset):
        """A page of entries with what their cards show loaded; sections whose cards show more add it."""
        return queryset
