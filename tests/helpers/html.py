"""Reading rendered pages as a visitor's browser would: elements found by CSS selectors in parsed HTML,
and the visible text with its white space collapsed, never regular expressions over the markup."""

import re

from bs4 import BeautifulSoup, NavigableString, Tag

SPACES = re.compile(r"\s+")
INVISIBLE = {"script", "style", "template", "noscript"}


def parse(page):
    """The parsed document of a response, of bytes or of a string of HTML (an element stays itself)."""
    if isinstance(page, Tag):
        return page
    if hasattr(page, "content"):  # a response
        page = page.content
    if isinstance(page, bytes):
        page = page.decode()
    return BeautifulSoup(page, "html.parser")


def squeeze(text):
    return SPACES.sub(" ", text).strip()


def text_of(element):
    """An element's visible text (or a document's), white space collapsed; scripts and styles left out.

    The texts of neighbouring elements are joined by a space ("<th>A</th><td>B</td>" reads "A B")."""
    strings = parse(element).find_all(string=True)
    return squeeze(
        " ".join(
            string
            for string in strings
            # not comments, the doctype or CDATA (subclasses of NavigableString)
            if type(string) is NavigableString and not INVISIBLE.intersection(p.name for p in string.parents)
        )
    )


def select(page, selector):
    """Every element matching a CSS selector (``page``: a response, HTML or an element)."""
    return parse(page).select(selector)


def one(page, selector):
    """The single element matching ``selector``; fails when there is none or more than one."""
    found = select(page, selector)
    assert len(found) == 1, f"{len(found)} elements match {selector!r}"
    return found[0]


def texts(page, selector):
    """The visible text of every element matching ``selector``, in document order."""
    return [text_of(element) for element in select(page, selector)]


def attributes(page, selector, name):
    """The value of attribute ``name`` on every element matching ``selector``."""
    return [element.get(name) for element in select(page, selector) if element.get(name) is not None]


def links(page, selector="a"):
    """{href: visible text} of the links matching ``selector``."""
    return {element["href"]: text_of(element) for element in select(page, selector) if element.get("href")}


def meta(page, name):
    """The content of ``<meta name=…>`` or ``<meta property=…>``, or None."""
    for element in select(page, "meta"):
        if name in (element.get("name"), element.get("property")):
            return element.get("content")
    return None


def card_titles(page):
    """The titles of the cards of a listing (directory, search results, home page sections)."""
    return texts(page, ".card__title > a")


def result_titles(page):
    """The titles of the hits on a search results page, in their order."""
    return texts(page, ".result__title > a")
