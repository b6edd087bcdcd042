"""Wagtail's page events, wired to the search indices."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from snippets.models import Term

from . import documents, indexing


def on_published(sender, instance, **kwargs):
    indexing.update_pages([instance])
    indexing.update_linking([instance.translation_key])


def on_unpublished(sender, instance, **kwargs):
    indexing.update_pages([instance])
    indexing.update_linking([instance.translation_key])


def on_term_published(sender, instance, **kwargs):
    # a draft term published (or a term's new name): the pages that name it show it from now on
    if isinstance(instance, Term):
        indexing.update_pages(documents.pages_naming(instance))


def before_deleted(sender, instance, **kwargs):
    # the link rows that name this page go with it: find the pages that hold them first
    if isinstance(instance, Page) and not hasattr(instance, "_pages_linking_to_it"):
        instance._pages_linking_to_it = list(documents.pages_linking_to([instance.translation_key]))


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        indexing.remove_page(instance.pk, instance.locale.language_code if instance.locale_id else "")
        linking = [page for page in getattr(instance, "_pages_linking_to_it", []) if page.pk != instance.pk]
        indexing.update_pages(Page.objects.filter(pk__in=[page.pk for page in linking]).specific())


def on_moved(sender, instance, **kwargs):
    indexing.update_subtree(instance)


def on_restriction_changed(sender, instance, **kwargs):
    # a restriction can be deleted with its page: then there is nothing left to re-decide
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.update_subtree(page)


def connect():
    page_published.connect(on_published, dispatch_uid="search-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-unpublished")
    pre_delete.connect(before_deleted, dispatch_uid="search-before-deleted")
    post_delete.connect(on_deleted, dispatch_uid="search-deleted")
    post_page_move.connect(on_moved, dispatch_uid="search-moved")
    published.connect(on_term_published, dispatch_uid="search-term-published")
    unpublished.connect(on_term_published, dispatch_uid="search-term-unpublished")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-restricted")
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-unrestricted"
    )
