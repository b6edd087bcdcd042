"""A CSV export opens cleanly in LibreOffice: each type's and the whole catalogue's, read back by
``libreoffice --headless --convert-to`` with the same rows and the accented, multi-line text intact.

LibreOffice is not a Python package: the test is skipped where it is not installed (Debian package
``libreoffice-calc-nogui``), unless ``LIBREOFFICE_REQUIRED=1`` says it must run.
"""

import csv
import io
import os
import shutil
import subprocess

import pytest

from pages import registry
from pages.tools import ToolPage
from tests.factories import linked_catalogue, paragraph, published

pytestmark = pytest.mark.django_db

TITLE = 'Outil « Ça marche »; "citation" à l\'été'
SUMMARY = "Première ligne; avec un point-virgule,\nune virgule et des « guillemets » — ñ, ü, ç."


@pytest.fixture
def libreoffice():
    program = shutil.which("libreoffice") or shutil.which("soffice")
    if program is None:
        message = "LibreOffice is not installed (Debian package libreoffice-calc-nogui)"
        if os.environ.get("LIBREOFFICE_REQUIRED") == "1":
            pytest.fail(f"{message}, and LIBREOFFICE_REQUIRED=1")
        pytest.skip(message)
    return program


def read_back(program, paths, folder):
    """The files as LibreOffice Calc reads them (UTF-8, comma, double quotes), written again as CSV."""
    options = "44,34,76,1"  # separator ",", text delimiter '"', UTF-8, from the first line
    out = folder / "read-back"
    subprocess.run(
        [
            program,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            f"--infilter=CSV:{options}",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(out),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {path.name: (out / path.name).read_text(encoding="utf-8") for path in paths}


def test_each_csv_export_opens_in_libreoffice_with_its_rows_and_text(client, libreoffice, tmp_path):
    linked_catalogue()
    published(
        ToolPage,
        {
            "title": TITLE,
            "slug": "outil-ca-marche",
            "summary": SUMMARY,
            "description": [paragraph("Été « chaud ».", "Hot summer.", "Verano «caliente».")],
        },
    )
    names = [page_type.plural for page_type in registry.page_types()] + ["catalogue"]
    exported = {}
    for name in names:
        response = client.get(f"/fr/export/{name}.csv")
        path = tmp_path / f"{name}.csv"
        path.write_bytes(b"".join(response.streaming_content))
        exported[path] = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))

    read = read_back(libreoffice, list(exported), tmp_path)

    for path, rows in exported.items():
        again = list(csv.reader(io.StringIO(read[path.name])))
        assert len(again) == len(rows) > 1, path.name
        assert again[0] == rows[0], path.name  # the header, accents and all
    for name in ("tools", "catalogue"):
        rows = list(csv.DictReader(io.StringIO(read[f"{name}.csv"])))
        row = next(row for row in rows if row["Titre"] == TITLE)
        assert row["Résumé"] == SUMMARY
        assert row["Description"] == "Été « chaud »."
