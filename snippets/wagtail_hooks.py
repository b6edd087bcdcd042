from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import Term
from .views import TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)


@hooks.register("construct_snippet_action_menu")
def no_unpublish_for_terms(menu_items, request, context):
    # see views.TermUnpublishView: a published term is deleted, not unpublished
    model = context.get("model")
    if model is not None and issubclass(model, Term):
        menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]
