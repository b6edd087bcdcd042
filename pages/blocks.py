"""StreamField blocks used by the catalogue pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from pages.comparisons import StructBlockComparison

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class StructBlock(blocks.StructBlock):
    """Wagtail's StructBlock; a change to it shows its choices and dates as words in a comparison."""

    def get_comparison_class(self):
        return StructBlockComparison


class ImageBlock(StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "includes/blocks/image.html"


class QuoteBlock(StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "includes/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, template="includes/blocks/heading.html", icon="title"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()


class ProgrammeItemBlock(StructBlock):
    day = blocks.DateBlock(label=_("day"))
    time = blocks.TimeBlock(label=_("time"), required=False)
    title = blocks.CharBlock(label=_("title"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "time"
        label = _("Programme item")


class ProgressEntryBlock(StructBlock):
    date = blocks.DateBlock(label=_("date"))
    text = blocks.TextBlock(label=_("what happened"))

    class Meta:
        icon = "date"
        label = _("Progress log entry")


LINK_KINDS = [
    ("code", _("Source code")),
    ("demo", _("Demo")),
    ("documentation", _("Documentation")),
    ("website", _("Website")),
    ("other", _("Other")),
]


class LinkValue(blocks.StructValue):
    def kind_label(self):
        return dict(LINK_KINDS).get(self.get("kind"), self.get("kind"))


class LinkBlock(StructBlock):
    kind = blocks.ChoiceBlock(label=_("kind"), choices=LINK_KINDS)
    url = blocks.URLBlock(label=_("address"))
    label = blocks.CharBlock(label=_("label"), required=False, max_length=120)

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkValue


class TeamMemberBlock(StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=120)
    role = blocks.CharBlock(label=_("role"), required=False, max_length=120)
    affiliation = blocks.CharBlock(label=_("affiliation"), required=False, max_length=200)

    class Meta:
        icon = "user"
        label = _("Team member")
