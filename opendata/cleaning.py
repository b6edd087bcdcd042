"""Imported values cleaned and validated as the admin cleans and validates what an editor types.

* Rich text (``RichTextField``, ``RichTextBlock``) goes through the field's own admin widget: the
  value is given to the editor as the admin would (``format_value``, for Draftail the conversion
  to its content state) and read back as if posted (``value_from_datadict``, the conversion to the
  database format). That conversion keeps only what the field's ``features`` allow, so scripts,
  event handlers, unknown elements and ``javascript:`` links are dropped exactly as in the admin;
  then the form field or block validates the result. The editor's converter expects the
  well-formed HTML Wagtail writes itself (it stops on ``<br>`` or ``<img>`` left open inside a
  paragraph), so other HTML is first re-serialised by BeautifulSoup (a Wagtail dependency),
  which closes such elements and changes nothing else.
* StreamField data is checked for what ``to_python`` would silently drop or crash on (unknown
  block types, wrong shapes), then ``to_python``, the rich text round trip, and ``clean`` of the
  whole stream: required values, lengths, choices and URLs, as the admin's StreamField form.

A value that cannot be cleaned raises ``ValidationError`` naming the field and block; a value that
only lost disallowed markup is kept cleaned, with a note saying what was removed.
"""

import json
import re
from contextlib import contextmanager
from html.parser import HTMLParser

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from wagtail import blocks
from wagtail.admin.rich_text.converters.html_to_contentstate import BLOCK_KEY_NAME
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

from .schema import CHILD_SKIPPED, child_relations, content_fields

GENERATED_KEY = re.compile(rf' {BLOCK_KEY_NAME}="[^"<>]*"')
# the bold and italic features accept <strong> and <em> and write them back as <b> and <i>
RENAMED = {"strong": "b", "em": "i"}
SCALARS = str | int | float | bool | None


def _refuse_null_characters(value, where):
    # what the admin's forms refuse in any text (ProhibitNullCharactersValidator); PostgreSQL cannot
    # even store it
    if isinstance(value, str):
        if "\x00" in value:
            raise ValidationError({where: ["Null characters are not allowed."]})
    elif isinstance(value, list):
        for item in value:
            _refuse_null_characters(item, where)
    elif isinstance(value, dict):
        for name, item in value.items():
            _refuse_null_characters(name, where)
            _refuse_null_characters(item, where)


def clean_values(model, data):
    """``data`` with its rich text and StreamField values (the page's and its inline rows')
    replaced by what the admin would store; returns ``(data, notes)``.

    Any text with a null character is refused, as the admin's forms refuse it.
    """
    for name, value in data.items():
        _refuse_null_characters(value, name)
    notes = []
    cleaned = dict(data)
    for field in content_fields(model):
        if field.name in data:
            cleaned[field.name] = clean_value(field, data[field.name], field.name, notes)
    for relation in child_relations(model):
        name = relation.get_accessor_name()
        rows = data.get(name)
        if not isinstance(rows, list):
            continue
        fields = [
            field
            for field in relation.related_model._meta.get_fields()
            if isinstance(field, RichTextField | StreamField) and field.name not in CHILD_SKIPPED
        ]
        if fields:
            cleaned[name] = [
                {
                    **row,
                    **{
                        field.name: clean_value(
                            field, row[field.name], f"{name} row {index} {field.name}", notes
                        )
                        for field in fields
                        if field.name in row
                    },
                }
                if isinstance(row, dict)
                else row
                for index, row in enumerate(rows, start=1)
            ]
    return cleaned, notes


def clean_value(field, value, where, notes):
    if isinstance(field, RichTextField):
        return clean_rich_text(field, value, where, notes)
    if isinstance(field, StreamField):
        return clean_stream(field, value, where, notes)
    return value


def clean_rich_text(field, html, where, notes):
    if html is None:
        return html
    if not isinstance(html, str):
        raise ValidationError({where: ["expected HTML text"]})
    if not html.strip():
        return ""
    form_field = field.formfield()
    widget = form_field.widget
    with _unreadable_html(where):
        shown = widget.format_value(form_field.prepare_value(well_formed(html)))
        posted = widget.value_from_datadict({"value": shown}, {}, "value")
    posted = _without_generated_keys(html, posted)
    _check_page_links(posted, where)
    try:
        cleaned = form_field.clean(posted)
    except ValidationError as error:
        raise ValidationError({where: error.messages}) from error
    _note(notes, where, html, cleaned)
    return cleaned


def clean_stream(field, raw, where, notes):
    """The block data the admin would store for ``raw``, or a ``ValidationError`` naming the block."""
    block = field.stream_block
    if isinstance(raw, str) and raw.strip():
        try:
            raw = json.loads(raw)
        except ValueError as error:
            raise ValidationError({where: [f"not valid JSON ({error})"]}) from error
    if raw in (None, ""):
        raw = []
    problems = _shape_problems(block, raw, [])
    if problems:
        raise ValidationError({where: problems})
    try:
        value = block.to_python(raw)
        value = _through_editor(block, value, [where], notes)
        try:
            cleaned = block.clean(value)
        except ValidationError as error:
            raise ValidationError({where: _error_lines(block, value, error, [])}) from error
        # as the StreamField stores it (dates and times as ISO text), so that it compares with exports
        return json.loads(json.dumps(block.get_prep_value(cleaned), cls=DjangoJSONEncoder))
    except (TypeError, ValueError, AttributeError, KeyError) as error:
        raise ValidationError({where: [f"its blocks cannot be read ({error})"]}) from error


def _shape_problems(block, raw, parts):
    """What ``to_python`` would silently drop (unknown block types) or fail on (wrong shapes)."""
    here = ": ".join(parts)
    if isinstance(block, blocks.StreamBlock):
        if not isinstance(raw, list):
            return [f"{here}: expected a list of blocks" if parts else "expected a list of blocks"]
        problems = []
        for index, item in enumerate(raw, start=1):
            place = [*parts, f"block {index}"]
            if not isinstance(item, dict) or not isinstance(item.get("type"), str) or "value" not in item:
                problems.append(f"{': '.join(place)}: a block needs a type and a value")
            elif item["type"] not in block.child_blocks:
                problems.append(
                    f"{': '.join(place)}: unknown block type {item['type']!r} "
                    f"(expected {', '.join(block.child_blocks)})"
                )
            else:
                place[-1] += f" ({item['type']})"
                problems += _shape_problems(block.child_blocks[item["type"]], item["value"], place)
        return problems
    if isinstance(block, blocks.StructBlock):
        if raw is None:
            return []
        if not isinstance(raw, dict):
            return [f"{here}: expected an object with {', '.join(block.child_blocks)}"]
        return [
            problem
            for name, child in block.child_blocks.items()
            if name in raw
            for problem in _shape_problems(child, raw[name], [*parts, name])
        ]
    if isinstance(block, blocks.ListBlock):
        if raw is None:
            return []
        if not isinstance(raw, list):
            return [f"{here}: expected a list"]
        return [
            problem
            for index, item in enumerate(raw, start=1)
            for problem in _shape_problems(
                block.child_block,
                item["value"]
                if isinstance(item, dict) and item.get("type") == "item" and "value" in item
                else item,
                [*parts, f"item {index}"],
            )
        ]
    if isinstance(block, blocks.RichTextBlock) and not isinstance(raw, str | None):
        return [f"{here}: expected HTML text"]
    if not isinstance(block, blocks.MultipleChoiceBlock) and not isinstance(raw, SCALARS):
        return [f"{here}: expected a single value, not {type(raw).__name__}"]
    try:
        block.to_python(raw)
    except (TypeError, ValueError, LookupError) as error:
        return [f"{here}: {error}"]
    return []


def _through_editor(block, value, parts, notes):
    """Rich text blocks as the admin's form gives them to the editor and reads them back."""
    if isinstance(block, blocks.RichTextBlock):
        before = (value.source if value is not None else "") or ""
        if not before.strip():
            return value
        where = ": ".join(parts)
        with _unreadable_html(where):
            shown = block.get_form_state(RichText(well_formed(before)))
            posted = block.value_from_datadict({"value": shown}, {}, "value")
        after = _without_generated_keys(before, posted.source)
        _check_page_links(after, where)
        _note(notes, where, before, after)
        return RichText(after)
    if isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(value, start=1):
            child.value = _through_editor(
                child.block, child.value, [*parts, f"block {index} ({child.block_type})"], notes
            )
    elif isinstance(block, blocks.ListBlock):
        for index, child in enumerate(value.bound_blocks, start=1):
            child.value = _through_editor(block.child_block, child.value, [*parts, f"item {index}"], notes)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            value[name] = _through_editor(child_block, value.get(name), [*parts, name], notes)
    return value


def well_formed(html):
    """``html`` with every element closed, as the editor's converter needs it."""
    return BeautifulSoup(html, "html.parser").decode()


@contextmanager
def _unreadable_html(where):
    try:
        yield
    except KeyError as error:  # <a linktype="page"> without its id…
        raise ValidationError({where: [f"an element lacks its {error.args[0]!r} attribute"]}) from error
    except (AssertionError, ValueError, TypeError) as error:
        # the converter asserts on tags it cannot match (``well_formed`` should leave none) and
        # looks linked pages up by id (``id="3 onclick=…"`` is not a number)
        raise ValidationError({where: [f"its HTML cannot be read ({error})"]}) from error


def _without_generated_keys(before, after):
    # The editor gives each paragraph a random key (for comments) when it has none; content that
    # never had keys keeps none, so that importing the same file twice stores the same text.
    return after if BLOCK_KEY_NAME in before else GENERATED_KEY.sub("", after)


def _error_lines(block, value, error, parts):
    """A StreamField's nested validation errors as "block 2 (link): url: Enter a valid URL."."""
    children = getattr(error, "block_errors", None)
    if children is None:
        return [": ".join([*parts, " ".join(error.messages)])]
    lines = [
        ": ".join([*parts, message])
        for non_block in error.non_block_errors.as_data()
        for message in non_block.messages
    ]
    for key, child_error in children.items():
        if isinstance(block, blocks.StreamBlock):
            child = value[key]
            lines += _error_lines(
                child.block, child.value, child_error, [*parts, f"block {key + 1} ({child.block_type})"]
            )
        elif isinstance(block, blocks.ListBlock):
            lines += _error_lines(block.child_block, value[key], child_error, [*parts, f"item {key + 1}"])
        else:
            lines += _error_lines(block.child_blocks[key], value.get(key), child_error, [*parts, key])
    return lines


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.javascript, self.page_ids = set(), set(), False, []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "a" and dict(attrs).get("linktype") == "page":
            self.page_ids.append(dict(attrs).get("id"))
        for name, value in attrs:
            self.attributes.add(name)
            if re.sub(r"[\x00-\x20]", "", value or "").lower().startswith("javascript:"):
                self.javascript = True


def _markup(html):
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def removed_markup(before, after):
    """The elements and attributes of ``before`` that the cleaning dropped, for the summary."""
    old, new = _markup(before), _markup(after)
    removed = [f"<{tag}>" for tag in sorted(old.tags) if RENAMED.get(tag, tag) not in new.tags]
    removed += sorted(old.attributes - new.attributes - {BLOCK_KEY_NAME})
    if old.javascript and not new.javascript:
        removed.append("javascript: links")
    return removed


def _check_page_links(html, where):
    # The editor keeps a link to a missing page as a broken link; an id no page can have (beyond
    # the database's integers) would make the page's rendering fail, so it is refused here.
    for page_id in _markup(html).page_ids:
        try:
            Page._meta.pk.clean(page_id, None)
        except ValidationError as error:
            raise ValidationError(
                {where: [f"a link to page {page_id}: {' '.join(error.messages)}"]}
            ) from error


def _note(notes, where, before, after):
    removed = removed_markup(before, after) if before != after else []
    if removed:
        notes.append(f"{where}: removed {', '.join(removed)}")
