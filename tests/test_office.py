"""
The office documents opened by an office suite: LibreOffice converts the
DOCX and the XLSX to PDF, poppler's pdftoppm makes a picture of every
page, kept under ``build/test-output/office`` for a person to look at.

These tests need Debian's ``libreoffice-writer-nogui``,
``libreoffice-calc-nogui``, ``poppler-utils`` and ``fonts-liberation2``;
``nox -s office`` requires them (``HCC_REPORT_REQUIRE_OFFICE=1``), and they
are skipped elsewhere. They are slow (a few seconds a conversion), so they
run once, not on every Python.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from pathlib import Path

import pytest

from hcc_report import render


pytestmark = pytest.mark.office

OUTPUT = Path(__file__).parent.parent / "build" / "test-output" / "office"


def _tools() -> tuple[str, str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    missing = [
        name
        for name, found in (("LibreOffice", soffice), ("pdftoppm", pdftoppm))
        if found is None
    ]
    if missing:
        message = f"needs {', '.join(missing)} (nox -s office)"
        if os.environ.get("HCC_REPORT_REQUIRE_OFFICE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    assert soffice is not None
    assert pdftoppm is not None
    return soffice, pdftoppm


def convert(document: Path, tmp_path: Path) -> Path:
    """
    *document* converted to PDF by LibreOffice (with a profile of its own,
    so that runs do not collide), and a PNG of each page kept.
    """
    soffice, pdftoppm = _tools()
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(document),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / f"{document.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice did not convert {document.name}"
    # Named by the whole file name: example.decree-30.docx-1.png.
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shutil.copy(pdf, OUTPUT / f"{document.name}.pdf")
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", str(pdf), str(OUTPUT / document.name)],
        check=True,
        timeout=120,
    )
    return pdf


def pages_of(pdf: Path) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    return [page.extract_text() for page in pypdf.PdfReader(pdf).pages]


@pytest.mark.parametrize("style", ["decree-30", "binh-thuan", "form-06"])
def test_docx_in_libreoffice(seed, tmp_path, style):
    """
    The Word document opens in LibreOffice: three pages, the body on the
    first two (page 2 numbered at its top), the appendix on a page of its
    own (landscape for form-06), the figures as printed.
    """
    pytest.importorskip("docx")
    document = tmp_path / f"example.{style}.docx"
    document.write_bytes(render(seed, "docx", style=style))

    pdf = convert(document, tmp_path)
    pages = pages_of(pdf)

    assert len(pages) == 3, [page[:80] for page in pages]
    assert "Số: 04/BC-TTHCC" in pages[0]
    assert pages[1].lstrip().startswith("2")
    assert not pages[0].lstrip().startswith("1")
    label = "PHỤ LỤC" if style == "binh-thuan" else "Phụ lục"
    assert pages[2].lstrip().startswith(label)
    assert "Tổng cộng" in pages[2]
    assert "10.078" in pages[2] or style == "form-06"
    assert "Võ Lý Hoài Vũ" in pages[1]
    pypdf = pytest.importorskip("pypdf")
    box = pypdf.PdfReader(pdf).pages[2].mediabox
    landscape = float(box.width) > float(box.height)
    assert landscape == (style == "form-06")


@pytest.mark.parametrize("style", ["decree-30", "form-06"])
def test_xlsx_in_libreoffice(seed, tmp_path, style):
    """
    The workbook opens in LibreOffice and prints its two sheets: the
    appendix table (its formulas computed by LibreOffice) and the
    report's identification.
    """
    pytest.importorskip("xlsxwriter")
    document = tmp_path / f"example.{style}.xlsx"
    document.write_bytes(render(seed, "xlsx", style=style))

    pdf = convert(document, tmp_path)
    text = "\n".join(pages_of(pdf))

    assert len(pages_of(pdf)) >= 2
    assert "Tổng cộng" in text
    # LibreOffice writes the numbers in its own locale's notation.
    assert "9725" in text.replace(".", "").replace(",", "")
    assert "04/BC-TTHCC" in text
