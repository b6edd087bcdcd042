"""Compiling the interface's gettext catalogues without GNU gettext.

Django's ``compilemessages`` needs the ``msgfmt`` program, which a fresh machine with only Python
does not have; polib (already required by wagtail-localize) writes the same ``.mo`` files.
"""

import os
from pathlib import Path

import polib
from django.conf import settings


def catalogue_paths():
    for locale_dir in settings.LOCALE_PATHS:
        yield from sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(force=False):
    """Write each ``.mo`` next to its ``.po`` when missing or older; return the files written."""
    written = []
    for po_path in catalogue_paths():
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            # written aside, then renamed: the workers of a parallel test run compile at the same
            # time, and none may read a half-written file
            partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
            polib.pofile(str(po_path)).save_as_mofile(str(partial))
            os.replace(partial, mo_path)
            written.append(mo_path)
    return written
