"""
The ``pdf`` renderer: WeasyPrint's print of the HTML page, read back with
pypdf.

The module is skipped without the pdf extra (WeasyPrint) or pypdf. Tests
that take the ``times`` fixture also need Times New Roman or Liberation
Serif (Debian: ``fonts-liberation2``), found by fontconfig's ``fc-match``:
they check the embedded fonts and the example's page breaks, which follow
from those fonts' metrics. ``test_pdftotext`` needs poppler's
``pdftotext``.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import io
import logging
import os
import shutil
import subprocess
import sys
import threading
import urllib.request

import attrs
import pytest

from hcc_report import render
from hcc_report.errors import MissingDependencyError, RendererOptionError
from hcc_report.renderers import RendererRegistry, TemplateOptions
from hcc_report.typing import Renderer


pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")

from hcc_report.renderers._pdf import PDF, pdf_identifier  # noqa: E402


STYLES = ["decree-30", "binh-thuan", "form-06"]
#: A4 in PostScript points, and how far a PDF's page may be from it.
A4 = (595.28, 841.89)
TOLERANCE = 1.0
#: The top margins of Decree 30/2020's portrait page and of the landscape
#: page of a wide table, in millimetres.
TOP_MARGIN = {"portrait": 20, "landscape": 30}
#: A PNG image of one pixel.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001"
    "0d0a2db40000000049454e44ae426082"
)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def rendered(seed):
    """
    The example in each style, as PDF bytes, with what WeasyPrint logged
    while rendering it.
    """
    logger = logging.getLogger("weasyprint")
    results = {}
    for style in STYLES:
        handler = _Records()
        logger.addHandler(handler)
        try:
            pdf = render(seed, "pdf", style=style)
        finally:
            logger.removeHandler(handler)
        results[style] = (pdf, handler.records)
    return results


def _reader(pdf: bytes):
    return pypdf.PdfReader(io.BytesIO(pdf))


def _text(page) -> str:
    # A no-break space keeps words together; the tests read plain spaces.
    return page.extract_text().replace("\xa0", " ")


def _orientation(page) -> str:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    return "landscape" if width > height else "portrait"


def _top_margin(page) -> list[tuple[str, float]]:
    """
    The text printed in the page's top margin, each piece with where its
    baseline starts, in points from the page's left edge.
    """
    limit = float(page.mediabox.top) - (
        TOP_MARGIN[_orientation(page)] / 25.4 * 72
    )
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        # The text matrix in page space: where the text's baseline starts.
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y > limit:
            found.append((text.strip(), x))

    page.extract_text(visitor_text=visit)
    return found


def _appendix_pages(pages, style) -> list[int]:
    """
    The indexes of the appendix's pages: from the page that starts with
    its label to the end.
    """
    label = "PHỤ LỤC" if style == "binh-thuan" else "Phụ lục"
    starts = [
        i
        for i, page in enumerate(pages)
        if _text(page).lstrip().startswith(label)
    ]
    assert len(starts) == 1, [_text(page)[:40] for page in pages]
    return list(range(starts[0], len(pages)))


class TestRenderer:
    def test_is_a_renderer(self):
        """
        The pdf renderer is a Renderer whose options are the template
        renderers'.
        """
        assert isinstance(PDF, Renderer)
        assert ("pdf", "application/pdf", ".pdf") == (
            PDF.name,
            PDF.media_type,
            PDF.suffix,
        )
        assert TemplateOptions is PDF.options

    def test_renders_bytes_of_a_pdf(self, rendered):
        """
        `render` gives the bytes of a PDF file.
        """
        pdf, _ = rendered["decree-30"]

        assert isinstance(pdf, bytes)
        assert pdf.startswith(b"%PDF-")
        assert pdf.rstrip().endswith(b"%%EOF")

    def test_refuses_an_unknown_option(self, seed):
        """
        An option it does not take is refused, naming those it does.
        """
        with pytest.raises(RendererOptionError, match="template_dir"):
            render(seed, "pdf", landscape=True)

    def test_missing_weasyprint_names_the_extra(self, monkeypatch):
        """
        Without WeasyPrint, asking for the renderer says which extra to
        install.
        """
        monkeypatch.delitem(sys.modules, "hcc_report.renderers._pdf")
        monkeypatch.setitem(sys.modules, "weasyprint", None)
        registry = RendererRegistry(entry_points=False)
        registry.register("pdf", "hcc_report.renderers._pdf:PDF", extra="pdf")

        with pytest.raises(MissingDependencyError) as info:
            registry.get("pdf")

        assert 'pip install "hcc-report[pdf]"' in str(info.value)


class TestPages:
    @pytest.mark.parametrize("style", STYLES)
    def test_every_page_is_a4(self, rendered, style):
        """
        Every page is A4: portrait, except the pages of form-06's wide
        appendix, which are landscape.
        """
        pages = _reader(rendered[style][0]).pages
        appendix = _appendix_pages(pages, style)

        for number, page in enumerate(pages):
            size = (float(page.mediabox.width), float(page.mediabox.height))
            landscape = style == "form-06" and number in appendix
            expected = A4[::-1] if landscape else A4
            assert abs(size[0] - expected[0]) < TOLERANCE, (number, size)
            assert abs(size[1] - expected[1]) < TOLERANCE, (number, size)

    @pytest.mark.parametrize(
        ("style", "rate"),
        [("decree-30", "99,79%"), ("binh-thuan", "99.79%")],
    )
    def test_figures_in_the_text(self, rendered, style, rate):
        """
        The text holds the number, the figures and the Vietnamese words as
        the style prints them.
        """
        text = "\n".join(map(_text, _reader(rendered[style][0]).pages))

        for expected in (
            "Số: 04/BC-TTHCC",
            "10.078",
            rate,
            "Sở Tài nguyên và Môi trường",
            "Độc lập - Tự do - Hạnh phúc",
            "Bình Thuận, ngày 02 tháng 3 năm 2023",
        ):
            assert expected in text

    @pytest.mark.parametrize("style", STYLES)
    def test_appendix_starts_a_page(self, rendered, style):
        """
        The appendix starts on a page of its own, after the signature.
        """
        pages = _reader(rendered[style][0]).pages
        appendix = _appendix_pages(pages, style)
        before = "".join(_text(pages[i]) for i in range(appendix[0]))
        after = "".join(_text(pages[i]) for i in appendix)

        assert appendix[0] > 0
        assert "Võ Lý Hoài Vũ" in _text(pages[appendix[0] - 1])
        assert "Tổng cộng" not in before
        assert "Tổng cộng" in after

    @pytest.mark.parametrize("style", STYLES)
    def test_page_numbers_from_page_two(self, rendered, style):
        """
        Page 1 has nothing in its top margin; page 2 has its number there,
        centred over the text.
        """
        pages = _reader(rendered[style][0]).pages
        ((number, x),) = _top_margin(pages[1])

        assert [] == _top_margin(pages[0])
        assert "2" == number
        # Between the margins of 30 and 15 mm, less half a 13pt digit.
        middle = (30 + (210 - 15)) / 2 / 25.4 * 72
        assert abs(x + 3.25 - middle) < 2

    @pytest.mark.parametrize("style", STYLES)
    def test_appendix_numbers_its_pages_anew(self, rendered, style):
        """
        The appendix's first page has no number, and its next pages count
        from 2 (Decree 30/2020, Appendix I, §III.1đ).
        """
        pages = _reader(rendered[style][0]).pages
        appendix = _appendix_pages(pages, style)

        assert [] == _top_margin(pages[appendix[0]])
        for count, index in enumerate(appendix[1:], start=2):
            assert [str(count)] == [
                text for text, _ in _top_margin(pages[index])
            ]

    @pytest.mark.parametrize(
        ("style", "body", "appendix"),
        [("decree-30", 2, 1), ("binh-thuan", 2, 1), ("form-06", 2, 2)],
    )
    def test_page_breaks_with_times(
        self, rendered, times, style, body, appendix
    ):
        """
        In Times New Roman's metrics the example's body takes two pages and
        its appendix one, or two for form-06's wide table (whose second
        page is numbered 2).
        """
        pages = _reader(rendered[style][0]).pages

        assert appendix == len(_appendix_pages(pages, style))
        assert body + appendix == len(pages)

    @pytest.mark.parametrize("style", STYLES)
    def test_fonts_are_times_new_roman(self, rendered, times, style):
        """
        Every embedded font is Times New Roman or Liberation Serif (never a
        fallback such as DejaVu), as a subset.
        """
        fonts = set()
        for page in _reader(rendered[style][0]).pages:
            for font in page["/Resources"]["/Font"].values():
                fonts.add(str(font.get_object()["/BaseFont"]))

        # A subset's name is a tag, "+", and the font's name and style
        # ("/SWSLVQ+Liberation-Serif-Bold").
        assert all("+" in name for name in fonts), fonts
        names = {name.partition("+")[2].replace("-", "") for name in fonts}
        assert "LiberationSerif" in names or "TimesNewRoman" in names
        assert [] == [
            name
            for name in names
            if not name.startswith(("LiberationSerif", "TimesNewRoman"))
        ]

    def test_pdftotext(self, rendered, tmp_path):
        """
        Poppler reads the Vietnamese text back as it was written.
        """
        pdftotext = shutil.which("pdftotext")
        if pdftotext is None:
            pytest.skip("needs poppler's pdftotext")
        path = tmp_path / "report.pdf"
        path.write_bytes(rendered["decree-30"][0])
        text = subprocess.run(
            [pdftotext, "-layout", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

        assert "Sở Tài nguyên và Môi trường" in text
        assert "Độc lập - Tự do - Hạnh phúc" in text
        assert "Trung tâm Hành chính công" in text


class TestDocument:
    def test_metadata(self, rendered, seed):
        """
        The title is the page's; the dates are the report's issue date; the
        language is Vietnamese; the identifier comes from the report.
        """
        reader = _reader(rendered["decree-30"][0])
        info = reader.metadata

        assert info.title.startswith("BÁO CÁO Số: 04/BC-TTHCC")
        assert "D:20230302" == info["/CreationDate"]
        assert "D:20230302" == info["/ModDate"]
        assert "vi" == reader.trailer["/Root"]["/Lang"]
        assert pdf_identifier(seed) == bytes(
            reader.trailer["/ID"][0].original_bytes
        )

    def test_identifier_names_the_document(self, seed):
        """
        The identifier is the same for every rendering of a report and
        differs between reports.
        """
        other = attrs.evolve(seed, number="05/BC-TTHCC")

        assert pdf_identifier(seed) == pdf_identifier(seed)
        assert pdf_identifier(seed) != pdf_identifier(other)

    @pytest.mark.parametrize("style", STYLES)
    def test_logs_no_warning(self, rendered, style):
        """
        WeasyPrint finds nothing to warn about in the built-in page.
        """
        records = rendered[style][1]

        assert [] == [
            record.getMessage()
            for record in records
            if record.levelno >= logging.WARNING
        ]


class TestDeterminism:
    @pytest.mark.parametrize("style", STYLES)
    def test_same_bytes_twice(self, rendered, seed, style):
        """
        Rendering the report again gives the same bytes.
        """
        assert rendered[style][0] == render(seed, "pdf", style=style)

    def test_same_bytes_in_other_processes(self, rendered):
        """
        Other processes, with other hash seeds, give the same bytes.
        """
        code = (
            "import hashlib, sys\n"
            "from hcc_report import render\n"
            "from hcc_report.examples import binh_thuan_2023_02\n"
            "pdf = render(binh_thuan_2023_02(), 'pdf', style='form-06')\n"
            "sys.stdout.write(hashlib.sha256(pdf).hexdigest())\n"
        )
        digests = {
            subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": hash_seed},
            ).stdout
            for hash_seed in ("1", "2")
        }

        assert {hashlib.sha256(rendered["form-06"][0]).hexdigest()} == digests


class _Server(http.server.ThreadingHTTPServer):
    requests: list[str]


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PIXEL)

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture
def server():
    """
    An HTTP server on this machine that counts the requests it gets.
    """
    instance = _Server(("127.0.0.1", 0), _Handler)
    instance.requests = []
    thread = threading.Thread(target=instance.serve_forever, daemon=True)
    thread.start()
    yield instance
    instance.shutdown()
    instance.server_close()
    thread.join()


class TestFetchSandbox:
    @pytest.fixture
    def template_dir(self, tmp_path, server):
        """
        A user's own report.html.j2 that asks for local files, for files
        from a web server and for a data: URL, in the ways HTML and CSS
        can.
        """
        secret = tmp_path / "secret.png"
        secret.write_bytes(PIXEL)
        (tmp_path / "secret.css").write_text(
            "body { color: red }", encoding="utf-8"
        )
        web = f"http://127.0.0.1:{server.server_address[1]}"
        pixel = "data:image/png;base64," + base64.b64encode(PIXEL).decode()
        folder = tmp_path / "templates"
        folder.mkdir()
        (folder / "report.html.j2").write_text(
            f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{{{{ view.header.number }}}}</title>
<link rel="stylesheet" href="{(tmp_path / "secret.css").as_uri()}">
<link rel="stylesheet" href="{web}/style.css">
<link rel="attachment" href="{secret.as_uri()}">
<style>
@import url("{web}/import.css");
p {{ background: url("{web}/background.png"); }}
</style></head>
<body><p>Văn bản {{{{ view.header.number }}}}</p>
<img src="{secret.as_uri()}" alt="">
<img src="file:///etc/passwd" alt="">
<img src="{web}/image.png" alt="">
<img src="secret.png" alt="">
<img src="{pixel}" alt="">
</body></html>
""",
            encoding="utf-8",
        )
        return folder

    def test_loads_nothing_but_data_urls(
        self, seed, template_dir, server, monkeypatch, caplog
    ):
        """
        A user's template prints, but no file is read and no request is
        made: only the data: URL's image is in the PDF, and WeasyPrint
        logs each refusal as an error.
        """
        opened: list[str] = []
        for handler, method in (
            (urllib.request.FileHandler, "file_open"),
            (urllib.request.HTTPHandler, "http_open"),
            (urllib.request.HTTPSHandler, "https_open"),
        ):
            monkeypatch.setattr(
                handler,
                method,
                lambda self, request: opened.append(request.full_url),
            )

        with caplog.at_level(logging.ERROR, logger="weasyprint"):
            pdf = render(seed, "pdf", template_dir=template_dir)

        reader = _reader(pdf)
        (page,) = reader.pages
        assert "Văn bản Số: 04/BC-TTHCC" in _text(page)
        assert 1 == len(page.images)
        assert {} == reader.attachments
        assert [] == opened
        assert [] == server.requests
        refused = "\n".join(r.getMessage() for r in caplog.records)
        assert "the pdf renderer loads only data: URLs" in refused
        for url in (
            "secret.png",
            "secret.css",
            "/etc/passwd",
            "/image.png",
            "/style.css",
            "/import.css",
            "/background.png",
        ):
            assert url in refused

    def test_a_users_template_sets_no_other_dates(self, seed, tmp_path):
        """
        The dates are the report's even when the template gives others.
        """
        folder = tmp_path / "templates"
        folder.mkdir()
        (folder / "report.html.j2").write_text(
            '<html><head><meta name="dcterms.created" content="1999-01-01">'
            "</head><body>{{ view.title }}</body></html>",
            encoding="utf-8",
        )

        info = _reader(render(seed, "pdf", template_dir=folder)).metadata

        assert "D:20230302" == info["/CreationDate"]
