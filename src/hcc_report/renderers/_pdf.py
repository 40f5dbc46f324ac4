"""
The ``pdf`` renderer: the ``html`` renderer's page, printed by WeasyPrint.

The PDF has the page's print rules (Decree 30/2020: A4, the Decree's
margins, the page number centred at the top from page 2 on, the appendix on
a page of its own, landscape for a wide table) and the fonts the page asks
for, Times New Roman or its metric twin Liberation Serif, embedded.

The same report gives the same bytes: the PDF's dates are the report's
issue date and its identifier is made from the report's number, issuer and
issue date. WeasyPrint loads nothing while it prints: the page, built in or
a user's own, may use ``data:`` URLs and nothing else (no file, no
network). See :doc:`/reference/pdf-output`.
"""

from __future__ import annotations

import hashlib

from typing import Any

import attrs
import weasyprint  # type: ignore[import-untyped,import-not-found,unused-ignore]

from weasyprint.urls import (  # type: ignore[import-untyped,import-not-found,unused-ignore]
    URLFetcher,
)

from hcc_report.model import Report
from hcc_report.renderers._html import HTML
from hcc_report.renderers._templates import TemplateOptions
from hcc_report.styles import DECREE_30, Style


#: The HTML renderer's page, told that it is printed to PDF (the template
#: then leaves out what WeasyPrint does not know).
PAGE = attrs.evolve(HTML, helpers={**HTML.helpers, "pdf": True})


class _DataURLsOnly(URLFetcher):  # type: ignore[misc,unused-ignore]
    """
    A URL fetcher that fetches ``data:`` URLs and refuses every other.

    WeasyPrint logs a refused resource as an error and goes on without it.
    """

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url[:5].lower() != "data:":
            msg = f"the pdf renderer loads only data: URLs, not {url[:200]!r}"
            raise ValueError(msg)
        return super().fetch(url, headers)


def pdf_identifier(report: Report) -> bytes:
    """
    The first part of the PDF's file identifier: the same for every
    rendering of the report (its issuer, number and issue date).

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> pdf_identifier(binh_thuan_2023_02())
    b'5165df0a46e1c94069562bd269987d44'
    """
    name = report.issuer.full_name or report.issuer.name
    key = f"{name}\n{report.number}\n{report.issued.isoformat()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32].encode()


_NO_OPTIONS = TemplateOptions()


@attrs.frozen
class PdfRenderer:
    """
    Prints the ``html`` renderer's page to PDF with WeasyPrint; its options
    are `~hcc_report.renderers.TemplateOptions`, so a folder with a
    ``report.html.j2`` of one's own changes the PDF too.
    """

    name: str = "pdf"
    media_type: str = "application/pdf"
    suffix: str = ".pdf"

    @property
    def options(self) -> type[TemplateOptions]:
        """
        `~hcc_report.renderers.TemplateOptions`.
        """
        return TemplateOptions

    def render(
        self,
        report: Report,
        *,
        style: Style = DECREE_30,
        options: TemplateOptions = _NO_OPTIONS,
        lang: str = "vi",
    ) -> bytes:
        """
        Render *report* in *style* and *lang* as a PDF document.

        Raises:
            ~hcc_report.errors.TemplateError: The page's template failed.
        """
        page = PAGE.render(report, style=style, options=options, lang=lang)
        document = weasyprint.HTML(
            string=page, base_url=None, url_fetcher=_DataURLsOnly()
        ).render()
        # The document's dates are the report's, never the clock's.
        issued = report.issued.isoformat()
        document.metadata.created = document.metadata.modified = issued
        pdf: bytes = document.write_pdf(pdf_identifier=pdf_identifier(report))
        return pdf


PDF = PdfRenderer()
