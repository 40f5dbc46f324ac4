"""
The ``json`` renderer: the report, every computed figure, and every string
of the document, as one JSON object.

The layout is described in :doc:`/reference/json-output`. Keys come in a
fixed order and the same report gives the same bytes. Each rate is given
as a number and as the text the style writes (``{"value": 99.79, "text":
"99,79%"}``); the number is exactly the rounded rate.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from hcc_report.calculation import total
from hcc_report.formatting import format_period
from hcc_report.model import Counts, Report
from hcc_report.presentation import (
    ReportView,
    groups_in_order,
    present,
    present_figures,
)
from hcc_report.renderers._registry import NoOptions
from hcc_report.serialization import json_text, report_to_dict
from hcc_report.styles import DECREE_30, Style


#: The version of the JSON layout; it changes when a key changes meaning.
JSON_VERSION = 1


def _number(value: Decimal) -> float | int:
    """
    A Decimal as a JSON number, refusing any that a float would change.
    """
    if value == value.to_integral_value():
        return int(value)
    number = float(value)
    if Decimal(repr(number)) != value:  # pragma: no cover (15+ digits)
        msg = f"{value} cannot be written as a JSON number exactly"
        raise ValueError(msg)
    return number


def _figures(counts: Counts, style: Style) -> dict[str, Any]:
    """
    The counts and the style's rates; a rate's key drops "_rate"
    (``on_time``, ``online_share``).
    """
    view = present_figures(counts, style)
    return {
        "counts": dict(view.counts),
        "rates": {
            key.removesuffix("_rate"): None
            if not isinstance(cell.value, Decimal)
            else {"value": _number(cell.value), "text": cell.text}
            for key, cell in view.rates.items()
        },
    }


def _plain(value: Any) -> Any:
    """
    The document's strings as plain JSON data.
    """
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if attrs.has(type(value)):
        return {
            field.name: _plain(getattr(value, field.name))
            for field in attrs.fields(type(value))
            if not (
                field.metadata.get("omit_default")
                and getattr(value, field.name) == field.default
            )
        }
    return value


def _document(view: ReportView) -> dict[str, Any]:
    data: dict[str, Any] = _plain(view)
    data["style"] = view.style.name
    return data


def report_json(report: Report, style: Style) -> dict[str, Any]:
    """
    Return the data the ``json`` renderer writes, before it is written.
    """
    view = present(report, style)
    style = view.style
    computed: dict[str, Any] = {
        "period": {
            "label": format_period(report.period),
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
            **_figures(report.figures, style),
        },
        "cumulative": None
        if report.cumulative is None
        else _figures(report.cumulative, style),
        "appendix": None,
    }
    if report.appendix is not None and view.appendix is not None:
        rows = report.appendix.rows
        groups = groups_in_order(rows)
        # The rows in print order, beside the lines that show them.
        in_order = [row for members in groups.values() for row in members]
        shown_rows = [r for r in view.appendix.rows if r.kind == "row"]
        computed["appendix"] = {
            "basis": report.appendix.basis.value,
            "rows": [
                {
                    "number": shown.number,
                    "name": row.agency.name,
                    "shown_name": shown.name,
                    **(
                        {"group": row.agency.group} if row.agency.group else {}
                    ),
                    **_figures(row.counts, style),
                }
                for row, shown in zip(in_order, shown_rows, strict=True)
            ],
            "total": _figures(total(rows), style),
        }
        if list(groups) != [None]:
            computed["appendix"]["subtotals"] = [
                {"group": group, **_figures(total(members), style)}
                for group, members in groups.items()
                if group is not None
            ]
    return {
        "format": "hcc-report",
        "version": JSON_VERSION,
        "style": style.name,
        # The report file's own data, so the output reads back as a report.
        "report": report_to_dict(report),
        "computed": computed,
        "document": _document(view),
    }


_NO_OPTIONS = NoOptions()


@attrs.frozen
class JsonRenderer:
    """
    Writes `report_json` as indented UTF-8 JSON; it takes no options.
    """

    name: str = "json"
    media_type: str = "application/json"
    suffix: str = ".json"

    @property
    def options(self) -> type[NoOptions]:
        """
        `NoOptions`.
        """
        return NoOptions

    def render(
        self,
        report: Report,
        *,
        style: Style = DECREE_30,
        options: NoOptions = _NO_OPTIONS,
    ) -> str:
        """
        Render *report* in *style* as JSON text.
        """
        del options
        return json_text(report_json(report, style))


JSON = JsonRenderer()
