from wagtail import hooks

from .rich_text import VisiblePageLinkHandler


# after Wagtail's own registration of the "page" link type (order 0), which this one replaces
@hooks.register("register_rich_text_features", order=100)
def register_visible_page_links(features):
    features.register_link_type(VisiblePageLinkHandler)
