from django import template

from opendata import links

register = template.Library()


@register.simple_tag
def catalogue_export():
    return links.catalogue()


@register.simple_tag
def all_exports():
    return links.everything()


@register.simple_tag
def section_export(index_page):
    """The export of the entries a section lists, or None."""
    return links.of_section(index_page)


@register.simple_tag
def collection_export(collection):
    return links.of_collection(collection)
