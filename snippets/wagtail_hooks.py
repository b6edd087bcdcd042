from wagtail.snippets.models import register_snippet

from .views import TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)
