"""The translators' part of the admin dashboard: their next translations."""

from wagtail.admin.ui.components import Component

from moderation.dashboard import LIMIT

from .translation_queue import queue_for


class TranslationQueuePanel(Component):
    """A translator's next translations (the full list is the "To translate" report)."""

    name = "toolbox_translation_queue"
    template_name = "moderation/admin/panels/translation_queue.html"
    order = 85

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        items = queue_for(self.user)
        return {"items": items[:LIMIT], "count": len(items), "csrf_token": parent_context.get("csrf_token")}
