"""What translations may start from (``localisation/sources.py``); the translators' "To translate"
queue is the wiki's (``wiki/wagtail_hooks.py``)."""

from wagtail import hooks

from . import sources


# before wagtail-localize's (order 0): the same addresses, guarded
@hooks.register("register_admin_urls", order=-10)
def register_guarded_translation_urls():
    return sources.urlpatterns


# before wagtail-localize's (order 0), which shows its translation editor in place of Wagtail's
@hooks.register("before_edit_page", order=-10)
def refuse_unreadable_page_sources(request, page):
    sources.check_editor(request, page)


@hooks.register("before_edit_snippet", order=-10)
def refuse_unreadable_snippet_sources(request, instance):
    if getattr(instance, "translation_key", None) is not None:
        sources.check_editor(request, instance)


@hooks.register("construct_snippet_listing_buttons")
def hide_translation_of_unreadable_snippets(buttons, snippet, user):
    """wagtail-localize's "Translate" and "Sync" on a draft term the user may not change lead to a
    refusal: not offered."""
    if getattr(snippet, "translation_key", None) is None or sources.may_translate_from(user, snippet):
        return
    buttons[:] = [button for button in buttons if "/localize/" not in (getattr(button, "url", "") or "")]
