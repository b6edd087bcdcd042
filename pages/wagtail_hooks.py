from wagtail import hooks

from . import registry
from .choosers import viewset_for
from .rich_text import VisiblePageLinkHandler


# after Wagtail's own registration of the "page" link type (order 0), which this one replaces
@hooks.register("register_rich_text_features", order=100)
def register_visible_page_links(features):
    features.register_link_type(VisiblePageLinkHandler)


@hooks.register("register_admin_viewset")
def register_group_choosers():
    """A chooser per page type that catalogue pages link to (``Link`` declarations): the widget of
    every link to its pages, in place of Wagtail's page chooser (``pages/choosers.py``)."""
    targets = {
        link.target_model(page_type.model) for page_type in registry.page_types() for link in page_type.links
    }
    return [viewset_for(model) for model in sorted(targets, key=lambda model: model._meta.model_name)]
