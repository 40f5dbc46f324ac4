"""
The HTML page in a real browser: headless Chromium through Playwright.

These tests need Debian's chromium and the playwright and pypdf packages;
``nox -s browser`` installs the packages and requires them to run (CI
installs Chromium). Elsewhere they are skipped. The first page of each
rendering is saved as a PNG under ``build/test-output`` for a person to
look at.
"""

from __future__ import annotations

import os
import re
import shutil

from pathlib import Path

import pytest

from hcc_report import render


pytestmark = pytest.mark.browser

OUTPUT = Path(__file__).parent.parent / "build" / "test-output"
#: A4 in PostScript points, and how far a PDF's page may be from it.
A4 = (595.28, 841.89)
TOLERANCE = 1.0
#: Flags for a root user on a machine with a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _requirements():
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    missing = []
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:
        missing.append("playwright")
        sync_playwright = None
    try:
        import pypdf  # noqa: PLC0415
    except ImportError:
        missing.append("pypdf")
        pypdf = None
    if chromium is None:
        missing.append("chromium")
    if missing:
        message = f"needs {', '.join(missing)} (nox -s browser)"
        if os.environ.get("HCC_REPORT_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return chromium, sync_playwright, pypdf


@pytest.fixture(scope="module")
def browser():
    chromium, sync_playwright, _ = _requirements()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.mark.parametrize("style", ["decree-30", "binh-thuan"])
def test_html_page_in_chromium(browser, seed, tmp_path, style):
    """
    The example loads without console errors or requests, prints to PDF as
    A4 with page numbers from page 2 on, and its appendix starts on a page
    of its own.
    """
    _, _, pypdf = _requirements()
    page_file = tmp_path / "report.html"
    page_file.write_text(render(seed, "html", style=style), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console {m.type}: {m.text}")
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "request",
        lambda r: (
            r.url.startswith("file:") or problems.append(f"request: {r.url}")
        ),
    )

    page.goto(page_file.as_uri())
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"first-page.{style}.png"))
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    shutil.copy(pdf, OUTPUT / f"report.{style}.pdf")
    page.close()

    assert [] == problems
    pages = pypdf.PdfReader(pdf).pages
    for number, pdf_page in enumerate(pages, start=1):
        size = (
            float(pdf_page.mediabox.width),
            float(pdf_page.mediabox.height),
        )
        assert abs(size[0] - A4[0]) < TOLERANCE, (number, size)
        assert abs(size[1] - A4[1]) < TOLERANCE, (number, size)
    # Each page's text after its number, if it has one.
    texts = [
        re.sub(r"\A\s*\d+\n", "", pdf_page.extract_text())
        for pdf_page in pages
    ]
    label = "PHỤ LỤC" if style == "binh-thuan" else "Phụ lục"
    starts = [
        i for i, text in enumerate(texts) if text.lstrip().startswith(label)
    ]
    assert len(starts) == 1, texts
    first_appendix_page = starts[0]
    assert first_appendix_page > 0
    assert "Võ Lý Hoài Vũ" in texts[first_appendix_page - 1]
    assert "Tổng cộng" not in "".join(texts[:first_appendix_page])
    assert "Tổng cộng" in "".join(texts[first_appendix_page:])
    assert "Sở Tài nguyên và Môi trường" in "".join(texts)
    # Decree 30/2020: no number on page 1, the number on page 2 on.
    assert [] == _top_margin_text(pages[0])
    assert ["2"] == _top_margin_text(pages[1])


def _top_margin_text(pdf_page) -> list[str]:
    """
    The text printed in the 20 mm top margin of a PDF's portrait page.
    """
    limit = float(pdf_page.mediabox.top) - 20 / 25.4 * 72
    found: list[str] = []

    def visit(text, cm, tm, font, size):
        # Where the text's baseline starts, in page space.
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y > limit:
            found.append(text.strip())

    pdf_page.extract_text(visitor_text=visit)
    return found


#: Line boxes of each text, as the browser lays it out on the printed page.
_LINES = """
selector => Array.from(document.querySelectorAll(selector)).map(element => {
  const range = document.createRange();
  range.selectNodeContents(element);
  const tops = new Set();
  const widths = [];
  for (const rect of range.getClientRects()) {
    if (!tops.has(Math.round(rect.top))) {
      tops.add(Math.round(rect.top));
      widths.push(rect.width);
    }
  }
  return {text: element.textContent, widths: widths};
})
"""


@pytest.mark.parametrize("style", ["decree-30", "binh-thuan", "form-06"])
def test_appendix_layout_in_print(browser, seed, tmp_path, style):
    """
    On the printed page, no agency's name wraps (the columns of figures
    are as narrow as their figures) and the appendix's title leaves no
    word alone on its last line.
    """
    page_file = tmp_path / "report.html"
    page_file.write_text(render(seed, "html", style=style), encoding="utf-8")
    # The width between the page's margins at 96 pixels an inch: A4
    # portrait less 30 and 15 mm, or, for form-06's wide table, A4
    # landscape less 20 and 20 mm.
    width_mm = 297 - 40 if style == "form-06" else 210 - 45
    width = round(width_mm / 25.4 * 96)
    page = browser.new_page(viewport={"width": width, "height": 1123})
    page.emulate_media(media="print")
    page.goto(page_file.as_uri())
    names = page.evaluate(_LINES, "td.name")
    (title,) = page.evaluate(_LINES, ".appendix-title")
    page.close()

    wrapped = [name["text"] for name in names if len(name["widths"]) > 1]
    assert [] == wrapped
    if len(title["widths"]) > 1:
        assert title["widths"][-1] > title["widths"][0] / 3, title
