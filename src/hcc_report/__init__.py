"""
hcc_report: periodic reports of Vietnamese public administration service
centres (Trung tâm Hành chính công), with exact figures.

The names most users need are here; each lives in a module named after its
concept (`hcc_report.model`, `hcc_report.calculation`,
`hcc_report.rounding`, `hcc_report.serialization`, `hcc_report.errors`).
"""

from __future__ import annotations

from hcc_report import examples, formatting, renderers
from hcc_report.auditing import Finding, Severity, audit
from hcc_report.calculation import (
    completion_rate,
    cumulative,
    late_rate,
    on_time_rate,
    online_share,
    period_from_cumulative,
    to_handle,
    total,
    totals_by_group,
)
from hcc_report.errors import (
    HccReportError,
    ParseError,
    Problem,
    ValidationError,
)
from hcc_report.model import (
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Basis,
    Bullet,
    Counts,
    DocumentNumber,
    FiguresParagraph,
    Issuer,
    Paragraph,
    Period,
    PeriodKind,
    Report,
    Section,
    Signer,
)
from hcc_report.presentation import present
from hcc_report.renderers import render
from hcc_report.rounding import Rounding, ZeroPolicy, apportion, rate
from hcc_report.serialization import (
    dumps_report,
    load_report,
    loads_report,
    report_from_dict,
    report_to_dict,
    save_report,
)
from hcc_report.styles import Style, get_style


__all__ = [
    "Agency",
    "Appendix",
    "AppendixRow",
    "Authority",
    "Basis",
    "Bullet",
    "Counts",
    "DocumentNumber",
    "FiguresParagraph",
    "Finding",
    "HccReportError",
    "Issuer",
    "Paragraph",
    "ParseError",
    "Period",
    "PeriodKind",
    "Problem",
    "Report",
    "Rounding",
    "Section",
    "Severity",
    "Signer",
    "Style",
    "ValidationError",
    "ZeroPolicy",
    "apportion",
    "audit",
    "completion_rate",
    "cumulative",
    "dumps_report",
    "examples",
    "formatting",
    "get_style",
    "late_rate",
    "load_report",
    "loads_report",
    "on_time_rate",
    "online_share",
    "period_from_cumulative",
    "present",
    "rate",
    "render",
    "renderers",
    "report_from_dict",
    "report_to_dict",
    "save_report",
    "to_handle",
    "total",
    "totals_by_group",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("hcc-report")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
