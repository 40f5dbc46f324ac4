"""
The report model: immutable, validated values.

Each concept has its own module: `~hcc_report.model.counts` (dossier
counts), `~hcc_report.model.period` (reporting periods) and
`~hcc_report.model.report` (the document and its parts). Everything is
re-exported here and from `hcc_report`.
"""

from hcc_report.model.counts import (
    CLOSING_FIELDS,
    COUNT_FIELDS,
    FLOW_FIELDS,
    OPENING_FIELDS,
    SPLITS,
    Counts,
)
from hcc_report.model.period import Period, PeriodKind
from hcc_report.model.report import (
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
    "CLOSING_FIELDS",
    "COUNT_FIELDS",
    "FLOW_FIELDS",
    "OPENING_FIELDS",
    "SPLITS",
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
]
