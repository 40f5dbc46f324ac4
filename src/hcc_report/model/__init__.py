"""
The report model: immutable, validated values.

The dossier counts (`hcc_report.Counts`), reporting periods
(`hcc_report.Period`) and the document and its parts
(`hcc_report.Report`). The classes are also importable from
``hcc_report``; what each count and rate means is in the figure catalogue,
`hcc_report.figures`.

Constructors take what report files take where it is unambiguous: an enum
by its value (``basis="period"``, ``kind="month"``), an authority by its
abbreviation (``authority="KT"``), a document number as text
(``number="04/BC-TTHCC"``).
"""

from hcc_report.model._counts import (
    MAX_COUNT,
    Counts,
    SplitMismatch,
    split_mismatches,
    sum_figures,
)
from hcc_report.model._period import Period, PeriodKind
from hcc_report.model._report import (
    MAX_NAME,
    MAX_TEXT,
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Basis,
    Block,
    Bullet,
    DocumentNumber,
    FiguresParagraph,
    Issuer,
    Paragraph,
    Report,
    Section,
    Signer,
)


__all__ = [
    "MAX_COUNT",
    "MAX_NAME",
    "MAX_TEXT",
    "Agency",
    "Appendix",
    "AppendixRow",
    "Authority",
    "Basis",
    "Block",
    "Bullet",
    "Counts",
    "DocumentNumber",
    "FiguresParagraph",
    "Issuer",
    "Paragraph",
    "Period",
    "PeriodKind",
    "Report",
    "Section",
    "Signer",
    "SplitMismatch",
    "split_mismatches",
    "sum_figures",
]
