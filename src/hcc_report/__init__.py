"""
hcc_report: periodic reports of Vietnamese public administration service
centres (Trung tâm Hành chính công), with exact figures.

The names most users need are here: whole workflows (load a report, total
and rate its figures, render it, load published figures and audit them)
and the model's classes. Each lives in a module named after its concept
(`hcc_report.figures`, `hcc_report.model`, `hcc_report.calculation`,
`hcc_report.loaders` ...) and is imported on first use, so that
``import hcc_report`` costs almost nothing.
"""

from __future__ import annotations


# Not typing.TYPE_CHECKING: importing typing would double the time of
# `import hcc_report` (type checkers know this form too).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hcc_report import (
        examples,
        figures,
        formatting,
        languages,
        records,
        renderers,
    )
    from hcc_report.auditing import (
        Finding,
        Severity,
        audit,
        audit_consolidation,
        describe,
    )
    from hcc_report.calculation import (
        completion_rate,
        consolidate,
        cumulative,
        late_rate,
        on_time_rate,
        online_share,
        period_from_cumulative,
        rate_of,
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
    from hcc_report.loaders import (
        dumps_report,
        load_published,
        load_report,
        load_style,
        loads_published,
        loads_report,
        save_report,
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
    from hcc_report.serialization import report_from_dict, report_to_dict
    from hcc_report.styles import Style, get_style


#: Where each name is defined; it is imported from there on first use.
_HOMES = {
    "hcc_report.auditing": (
        "Finding",
        "Severity",
        "audit",
        "audit_consolidation",
        "describe",
    ),
    "hcc_report.calculation": (
        "completion_rate",
        "consolidate",
        "cumulative",
        "late_rate",
        "on_time_rate",
        "online_share",
        "period_from_cumulative",
        "rate_of",
        "to_handle",
        "total",
        "totals_by_group",
    ),
    "hcc_report.errors": (
        "HccReportError",
        "ParseError",
        "Problem",
        "ValidationError",
    ),
    "hcc_report.loaders": (
        "dumps_report",
        "load_published",
        "load_report",
        "load_style",
        "loads_published",
        "loads_report",
        "save_report",
    ),
    "hcc_report.model": (
        "Agency",
        "Appendix",
        "AppendixRow",
        "Authority",
        "Basis",
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
    ),
    "hcc_report.presentation": ("present",),
    "hcc_report.renderers": ("render",),
    "hcc_report.rounding": ("Rounding", "ZeroPolicy", "apportion", "rate"),
    "hcc_report.serialization": ("report_from_dict", "report_to_dict"),
    "hcc_report.styles": ("Style", "get_style"),
}
_MODULES = (
    "examples",
    "figures",
    "formatting",
    "languages",
    "records",
    "renderers",
)
_HOME_OF = {name: home for home, names in _HOMES.items() for name in names}

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
    "audit_consolidation",
    "completion_rate",
    "consolidate",
    "cumulative",
    "describe",
    "dumps_report",
    "examples",
    "figures",
    "formatting",
    "get_style",
    "languages",
    "late_rate",
    "load_published",
    "load_report",
    "load_style",
    "loads_published",
    "loads_report",
    "on_time_rate",
    "online_share",
    "period_from_cumulative",
    "present",
    "rate",
    "rate_of",
    "records",
    "render",
    "renderers",
    "report_from_dict",
    "report_to_dict",
    "save_report",
    "to_handle",
    "total",
    "totals_by_group",
]


def __getattr__(name: str) -> Any:
    # Imported here, like everything else: only the name asked for is loaded.
    from importlib import import_module  # noqa: PLC0415

    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("hcc-report")
    if name in _MODULES:
        return import_module(f"{__name__}.{name}")
    home = _HOME_OF.get(name)
    if home is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(import_module(home), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
