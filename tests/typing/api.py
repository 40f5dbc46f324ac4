"""
The public API as users call it: type-checked by mypy --strict, never run.
"""

from __future__ import annotations

import datetime as dt

from collections.abc import Iterator
from decimal import Decimal

import attrs

import hcc_report

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Bullet,
    Counts,
    DocumentNumber,
    FiguresParagraph,
    Issuer,
    Paragraph,
    Period,
    Report,
    Rounding,
    Section,
    Signer,
    ZeroPolicy,
)
from hcc_report.loaders import dumps_counts, open_records
from hcc_report.renderers import (
    NoOptions,
    TemplateOptions,
    TemplateRenderer,
)
from hcc_report.renderers._html import HTML
from hcc_report.renderers._json import JSON
from hcc_report.renderers._markdown import MARKDOWN
from hcc_report.renderers._text import TEXT
from hcc_report.styles import DECREE_30
from hcc_report.typing import Renderer, StreamingRenderer


counts: Counts = Counts(received=10, processed=9, on_time=8, late=1)
both: Counts = counts + Counts.zero()
known: dict[str, int] = both.known()
received: int | None = counts.received

share: Decimal | None = hcc_report.rate(1, 3, places=1)
up: Decimal | None = hcc_report.on_time_rate(
    counts, places=2, rounding=Rounding.HALF_EVEN, zero=ZeroPolicy.AS_100
)
shares: tuple[Decimal, ...] = hcc_report.apportion([1, 2, 3])

period: Period = Period.month(2023, 2)
ytd: Period = period.year_to_date()
number: int | None = Period.quarter(2023, 1).number
inside: bool = dt.date(2023, 2, 3) in period

row = AppendixRow(agency=Agency(name="Sở Y tế"), counts=counts)
appendix = Appendix(title="Kết quả", rows=[row])
table_total: Counts = hcc_report.total(appendix.rows)
groups: dict[str | None, Counts] = hcc_report.totals_by_group(appendix.rows)

report = Report(
    issuer=Issuer(name="Trung tâm Hành chính công"),
    number=DocumentNumber.parse("04/BC-TTHCC"),
    place="Bình Thuận",
    issued=dt.date(2023, 3, 2),
    title="Tình hình hoạt động",
    period=period,
    figures=counts,
    cumulative=hcc_report.cumulative(counts, counts),
    appendix=appendix,
    sections=[
        Section(
            heading="Kết quả",
            blocks=[FiguresParagraph(), Paragraph(text="x"), Bullet(text="y")],
        )
    ],
    recipients=["Như trên"],
    signer=Signer(
        authority=Authority.KT,
        on_behalf_of="Giám đốc",
        title="Phó Giám đốc",
        name="A",
    ),
)

text: str = hcc_report.dumps_report(report, "toml")
again: Report = hcc_report.loads_report(text, "toml")
data: dict[str, object] = hcc_report.report_to_dict(report)
example: Report = hcc_report.examples.binh_thuan_2023_02()

try:
    hcc_report.load_report("report.toml")
except hcc_report.ValidationError as error:
    paths: list[str] = [problem.path for problem in error.problems]

findings: tuple[hcc_report.Finding, ...] = hcc_report.audit(
    hcc_report.examples.binh_thuan_2023_02_published()
)
severities: list[hcc_report.Severity] = [f.severity for f in findings]
text_out: str | bytes = hcc_report.render(report, "html", style="binh-thuan")
names: list[str] = hcc_report.renderers.available()

# The figure catalogue.
on_time_entry: hcc_report.figures.Rate = hcc_report.figures.rate(
    "on_time_rate"
)
terms: tuple[int | None, int | None] = on_time_entry.terms(counts)
entry: hcc_report.figures.Count | hcc_report.figures.Rate = (
    hcc_report.figures.get("received")
)
found: str | None = hcc_report.figures.find("Đúng hạn", ["early"])
any_rate: Decimal | None = hcc_report.rate_of(counts, "on_time_rate_766")
summed: Counts = Counts.sum([counts, counts])
evolved: Report = attrs.evolve(report, number="05/BC-TTHCC")

# Every built-in renderer satisfies the protocol, with its own options.
text_renderer: Renderer[TemplateOptions] = TEXT
markdown_renderer: Renderer[TemplateOptions] = MARKDOWN
html_renderer: Renderer[TemplateOptions] = HTML
json_renderer: Renderer[NoOptions] = JSON
mine: Renderer[TemplateOptions] = TemplateRenderer(
    name="mine", media_type="text/plain", suffix=".txt", template="x.j2"
)
document: str = TEXT.render(
    report, style=DECREE_30, options=TemplateOptions(template_dir=None)
)
# The text renderers give their documents in pieces too.
streaming_html: StreamingRenderer[TemplateOptions] = HTML
streaming_json: StreamingRenderer[NoOptions] = JSON
pieces: Iterator[str | bytes] = hcc_report.renderers.stream(report, "json")

# The English edition, and the catalogues.
english: str | bytes = hcc_report.render(report, "text", lang="en")
english_pieces: Iterator[str] = HTML.stream(report, lang="en")
view_notes: tuple[str, ...] = hcc_report.present(report, lang="en").notes
untranslated: tuple[str, ...] = hcc_report.present(report).untranslated
recipients_word: str = hcc_report.languages.translations("vi").gettext(
    "Recipients:"
)
catalogue_lang: str = hcc_report.languages.catalogue_language("fr")
english_number: str = hcc_report.formatting.format_number(10078, lang="en")

# Dossier records, and consolidation.
record = hcc_report.records.Dossier(
    agency="Sở Tư pháp",
    received=dt.date(2023, 2, 1),
    due=dt.date(2023, 2, 6),
    finished=None,
    online=True,
    channel="online",
)
by_agency: dict[object, Counts] = hcc_report.records.aggregate(
    [record], period=Period.month(2023, 2)
)
by_level: dict[object, Counts] = hcc_report.records.aggregate(
    iter([record]), period=Period.month(2023, 2), by=("agency", "level")
)
filled: Report = hcc_report.records.fill_report(report, [record])
rules: tuple[hcc_report.records.Rule, ...] = hcc_report.records.RULES
province: Appendix = hcc_report.consolidate([report], by="agency")
checked: tuple[hcc_report.Finding, ...] = hcc_report.audit_consolidation(
    hcc_report.examples.binh_thuan_2023_02_published(), [report]
)
records_file = open_records("dossiers.csv", columns={"agency": "MaDonVi"})
where: str = records_file.where(0)
counts_text: str = dumps_counts(by_agency, "csv", period=Period.month(2023, 2))
