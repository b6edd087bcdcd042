"""Reading a fetched document (JSON or YAML bytes from another site) into Python data, defensively.

Whatever a source answers is untrusted: it may not be UTF-8, it may be a web page (a login or error
page answered with status 200), malformed, of the wrong shape, nested thousands deep, or a YAML
"billion laughs" whose few hundred bytes expand into gigabytes once its aliases are followed. Each
of these is a ``DocumentError`` whose message says what is wrong, so that the run reports it for the
source and leaves the catalogue untouched.

YAML is read with PyYAML's safe loader only (no Python objects), and its node graph is checked
before anything is built from it: a bounded number of aliases, a bounded expanded size, a bounded
depth.
"""

import json

import yaml

from opendata.readers import NESTED_TOO_DEEP

# A catalogue's list may use an alias or two (a shared block of settings); a few hundred is no list
MAX_ALIASES = 200
# Nodes of the document once every alias is expanded: the largest snapshot (the DPG index) has about
# 20,000 values; a million leaves room for catalogues fifty times larger and refuses any bomb, whose
# point is to expand by orders of magnitude more than that
MAX_EXPANDED_NODES = 1_000_000
# The loaders recurse once per level; no catalogue nests its values more than a dozen levels deep,
# and a document nested 100,000 deep would exhaust Python's stack
MAX_DEPTH = 50

SHAPES = {dict: "an object (a mapping of keys to values)", list: "a list"}


class DocumentError(Exception):
    """A fetched document cannot be read as a whole: nothing of it is used."""

    def __init__(self, where, reason):
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


def text_of(data, where, expected="JSON"):
    """The text of ``data``: UTF-8 (a byte order mark is ignored), not a web page."""
    if isinstance(data, str):
        text = data
    else:
        try:
            text = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DocumentError(
                where, f"not UTF-8 text (byte {error.start} cannot be read), so not {expected}"
            ) from error
    if _looks_like_html(text):
        raise DocumentError(where, f"the address answered with a web page, not {expected}")
    return text


def _looks_like_html(text):
    start = text.lstrip()[:1024].lower()
    # JSON and YAML data never start with "<"; a page often does, after a doctype or a comment
    tags = ("<!doctype html", "<html", "<head", "<body")
    return start.startswith("<") and any(tag in start for tag in tags)


def _check_shape(data, where, shape, expected):
    if shape is None or isinstance(data, shape):
        return data
    shapes = shape if isinstance(shape, tuple) else (shape,)
    wanted = " or ".join(SHAPES.get(kind, kind.__name__) for kind in shapes)
    found = SHAPES.get(type(data), "nothing" if data is None else f"a single value ({type(data).__name__})")
    raise DocumentError(where, f"expected {wanted} at the top of the {expected} document, found {found}")


def json_document(data, where, shape=(dict, list)):
    """The JSON value ``data`` (bytes) holds, of type ``shape`` at its top (None: any), else
    ``DocumentError``."""
    text = text_of(data, where, "JSON")
    if text.lstrip().startswith("<"):
        raise DocumentError(where, "not JSON: it starts with '<' (XML or a page?)")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(
            where, f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    except RecursionError as error:
        raise DocumentError(where, NESTED_TOO_DEEP) from error
    return _check_shape(value, where, shape, "JSON")


class _Refused(yaml.YAMLError):
    """A YAML document this reader will not build (too many aliases, too deep, too large)."""

    def __init__(self, reason, mark=None):
        self.reason = reason
        self.mark = mark
        super().__init__(reason)


class _CountingLoader(yaml.SafeLoader):
    """The safe loader, composing the node graph under limits before anything is constructed."""

    def __init__(self, stream):
        super().__init__(stream)
        self.aliases = 0
        self.depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Refused(f"more than {MAX_ALIASES} YAML aliases (*name)", event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise _Refused(f"values nested more than {MAX_DEPTH} levels deep", event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _expanded_size(root):
    """How many nodes the document holds once every alias is expanded, counted without expanding:
    an alias is the same node object as its anchor, so each node's size is computed once. A node
    that contains itself (an alias inside its own anchor) expands forever."""
    sizes = {}
    visiting = set()
    # depth-first without recursion: (node, children counted yet?)
    stack = [(root, False)]
    while stack:
        node, counted = stack.pop()
        key = id(node)
        if key in sizes and not counted:
            continue
        children = _children(node)
        if not counted:
            if key in visiting:
                raise _Refused("a YAML alias that contains itself (it expands forever)", node.start_mark)
            visiting.add(key)
            stack.append((node, True))
            for child in children:
                if id(child) in visiting:
                    raise _Refused("a YAML alias that contains itself (it expands forever)", child.start_mark)
                if id(child) not in sizes:
                    stack.append((child, False))
            continue
        visiting.discard(key)
        sizes[key] = min(1 + sum(sizes[id(child)] for child in children), MAX_EXPANDED_NODES + 1)
        if sizes[key] > MAX_EXPANDED_NODES:
            raise _Refused(
                f'its YAML aliases expand to more than {MAX_EXPANDED_NODES:,} values (a "billion laughs")',
                node.start_mark,
            )
    return sizes[id(root)]


def _children(node):
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _place(mark):
    return f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""


def yaml_document(data, where, shape=(dict, list)):
    """The YAML value ``data`` (bytes) holds, of type ``shape`` at its top (None: any), else
    ``DocumentError``. One document only; safe types only; aliases bounded (see the module)."""
    text = text_of(data, where, "YAML")
    loader = _CountingLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            value = None
        else:
            _expanded_size(node)
            value = loader.construct_document(node)
    except _Refused as error:
        raise DocumentError(where, f"YAML refused: {error.reason}{_place(error.mark)}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "cannot be read"
        raise DocumentError(where, f"not valid YAML{_place(mark)}: {problem}") from None
    except yaml.YAMLError as error:
        raise DocumentError(where, f"not valid YAML: {error}") from None
    except RecursionError:
        raise DocumentError(where, NESTED_TOO_DEEP) from None
    finally:
        loader.dispose()
    return _check_shape(value, where, shape, "YAML")


# --- values inside a document ------------------------------------------------------------------
# A record's values are as untrusted as the document: the readers take text only where text is, and
# say which keys have the wrong type rather than fail on them.

TYPE_NAMES = {str: "text", list: "a list", dict: "an object", int: "a number", bool: "true or false"}


def string(value):
    """``value`` without surrounding white space when it is text, else ""."""
    return value.strip() if isinstance(value, str) else ""


def one_line(value):
    """Text on one line (a name, a summary): runs of white space and line breaks become one space."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def strings(value):
    """The non-empty texts of a list (a single text counts as a list of one), in order, once each."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return list(dict.fromkeys(text for item in items if (text := one_line(item))))


def shape_problems(item, shape):
    """What in the mapping ``item`` has not the type ``shape`` gives its key (None values are absent)."""
    problems = []
    for key, kinds in shape.items():
        value = item.get(key)
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        if value is not None and not isinstance(value, kinds):
            wanted = " or ".join(TYPE_NAMES.get(kind, kind.__name__) for kind in kinds)
            problems.append(f"{key} should be {wanted}")
    return problems
