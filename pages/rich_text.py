"""Links to pages inside rich text (``<a linktype="page" id="…">``), as a visitor may follow them.

Wagtail's handler writes the URL of any linked page. An editor may link a published text to a
draft, or to a page that later goes private or is unpublished: its address (a draft's slug, a
private page's path) would then be in a public page. Such links render without ``href``: the text
stays, nothing leads to a page the visitor could not see anyway.
"""

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from .relations import visible


class VisiblePageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        targets = [page.localized if page else None for page in cls.get_many(attrs_list)]
        ids = {target.pk for target in targets if target}
        shown = set(visible(Page.objects.filter(pk__in=ids)).values_list("pk", flat=True)) if ids else set()
        return [
            f'<a href="{escape(target.url)}">' if target and target.pk in shown else "<a>"
            for target in targets
        ]
