"""The docs cite only what exists: files and folders, `make` targets, management commands, links.

Every Markdown file a reader is sent to (README.md, docs/**/*.md, bench/README.md) is read for
  * paths in code spans and code blocks (`pages/registry.py`, `site/dev-services.sh`, `tests/e2e/`):
    a repository path with a slash must exist from the repository's root; a bare file name with a known
    extension (`compare.js`) must exist somewhere in the repository;
  * commands: `make X` needs a target X in the Makefile, `manage.py X` a management command X;
  * relative links, which must lead to a file of the repository, and to a heading of it for `#anchor`.
Site addresses (`/fr/outils/`, `/api/v1/entries`) start with a slash and are not files. What remains
that looks like a path and is not one is listed in NOT_PATHS, with the reason.
"""

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
README_LIMIT = 200

# Cited, path-like, and rightly not in a clone: keep this short, each with its reason.
NOT_PATHS = {
    "core/": "the core package, added by the layers work of issue 28 (t28-layers)",
    "site.json": "an example output file of export_catalogue",
    "../shared/fixtures/publiccode/": "where the publiccode fixtures came from, outside the repository",
}
# Made by running something, never committed.
GENERATED = (".venv/", ".bench-static/", "test-artifacts/", "site/search-engine/target/", "staticfiles/")

EXTENSIONS = "py|md|txt|in|toml|yaml|yml|json|sh|conf|cfg|html|css|js|po|mo|example|xml|png|lock"
REPO_PATH = re.compile(rf"^\.?[\w-]+(?:/[\w.@-]+)*(?:/|\.(?:{EXTENSIONS}))$|^\.?[\w-]+(?:/[\w.@-]+)+$")
BARE_FILE = re.compile(rf"^[\w.-]+\.(?:{EXTENSIONS})$")
MAKE = re.compile(r"(?:^|[\s;(])make ([a-z][\w-]*)")
MANAGE = re.compile(r"manage\.py ([a-z][a-z_]*)")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def documents():
    return [ROOT / "README.md", ROOT / "bench" / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


@cache
def make_targets():
    return set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


@cache
def repository_files():
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {Path(name).name for name in listed}


def slug(heading):
    """GitHub's anchor for a heading."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path):
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {slug(line.lstrip("#")) for line in text.splitlines() if re.match(r"^#{1,6} ", line)}


def candidates(token):
    """The path a code token cites, if it looks like one: trailing punctuation and arguments dropped."""
    token = token.strip().rstrip(".,;:)")
    if not token or token.startswith(("/", "~", "http", "-", "$")) or "://" in token:
        return None
    if any(mark in token for mark in "<>…*{}?=|[]'\"") or token in NOT_PATHS:
        return None
    if token.startswith(GENERATED):
        return None
    if REPO_PATH.match(token) and ("/" in token or BARE_FILE.match(token)):
        return token
    return None


def problems(text, where):
    """Everything ``text`` (a Markdown file at ``where``) cites that does not exist."""
    found = []
    prose = FENCE.sub("", text)
    # a code span is one token, or a command whose words are checked one by one
    # (`site/search-engine.sh start`); a code block is words, less shell comments and the files a
    # command writes (`> table.md`)
    pieces = [(span, span.split()) for span in CODE_SPAN.findall(prose)]
    pieces += [
        (block, re.sub(r"(^|\s)#.*|>\s*\S+", " ", block, flags=re.M).split()) for block in FENCE.findall(text)
    ]
    for piece, words in pieces:
        for target in MAKE.findall(piece):
            if target not in make_targets():
                found.append(f"make {target}: no such target in the Makefile")
        for command in MANAGE.findall(piece):
            if command not in get_commands():
                found.append(f"manage.py {command}: no such management command")
        for word in words:
            path = candidates(word)
            if path is None:
                continue
            if "/" in path:
                if not (ROOT / path).exists():
                    found.append(f"{path}: no such file or folder")
            elif path not in repository_files():
                found.append(f"{path}: no file of that name in the repository")
    for link in LINK.findall(prose):
        if re.match(r"^[a-z]+:", link):
            continue
        target, _, anchor = link.partition("#")
        path = (where.parent / target).resolve() if target else where
        if not path.exists():
            found.append(f"link {link}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            found.append(f"link {link}: no heading #{anchor} in {path.relative_to(ROOT)}")
    return found


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Nothing here reads the database (replaces the shared autouse fixture, which would set one up)."""
    yield


@pytest.mark.parametrize("document", documents(), ids=lambda path: str(path.relative_to(ROOT)))
def test_everything_a_doc_cites_exists(document):
    assert problems(document.read_text(encoding="utf-8"), document) == []


def test_the_readme_stays_short():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) < README_LIMIT


def test_every_doc_is_reachable_from_the_index():
    index = ROOT / "docs" / "README.md"
    linked = {(index.parent / link.partition("#")[0]).resolve() for link in LINK.findall(index.read_text())}
    pages = {path.resolve() for path in (ROOT / "docs").rglob("*.md")} - {index.resolve()}
    assert sorted(str(path.relative_to(ROOT)) for path in pages - linked) == []


def test_the_check_reports_what_does_not_exist():
    """The check itself: a missing path, target, command, link and anchor are each reported."""
    text = (
        "See `pages/nowhere.py`, `nowhere.js`, `tests/nothing/`, `make nothing` and "
        "`manage.py no_such_command`, [a page](nowhere.md) and [a part](../README.md#no-such-part).\n"
        "```sh\nsite/no-script.sh start\nmake run\n```\n"
        "But not `/fr/outils/`, `pages/registry.py`, `make run`, `manage.py bootstrap`"
        " or [ok](../README.md#licence)."
    )
    assert sorted(problems(text, ROOT / "docs" / "example.md")) == sorted(
        [
            "make nothing: no such target in the Makefile",
            "manage.py no_such_command: no such management command",
            "pages/nowhere.py: no such file or folder",
            "nowhere.js: no file of that name in the repository",
            "tests/nothing/: no such file or folder",
            "site/no-script.sh: no such file or folder",
            "link nowhere.md: no such file",
            "link ../README.md#no-such-part: no heading #no-such-part in README.md",
        ]
    )
