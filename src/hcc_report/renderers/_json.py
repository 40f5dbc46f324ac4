"""
The ``json`` renderer: the report, every computed figure, and every string
of the document, as one JSON object.

The layout is described in :doc:`/reference/json-output`. Keys come in a
fixed order and the same report gives the same bytes. Each rate is given
as a number and as the text the style writes (``{"value": 99.79, "text":
"99,79%"}``); the number is exactly the rounded rate.
"""

from __future__ import annotations

import json
import re

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from hcc_report.calculation import total
from hcc_report.formatting import format_period
from hcc_report.model import Counts, Report
from hcc_report.presentation import (
    ReportView,
    figures_presenter,
    groups_in_order,
    present,
)
from hcc_report.renderers._registry import NoOptions
from hcc_report.serialization import json_default, report_to_dict
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


def _figures_of(style: Style, lang: str) -> Callable[[Counts], dict[str, Any]]:
    """
    The counts and the style's rates as JSON data, a rate's text in
    *lang*; a rate's key drops "_rate" (``on_time``, ``online_share``).
    """
    present = figures_presenter(style, lang=lang)

    def figures_data(counts: Counts) -> dict[str, Any]:
        view = present(counts)
        return {
            "counts": dict(view.counts),
            "rates": {
                key.removesuffix("_rate"): None
                if not isinstance(cell.value, Decimal)
                else {"value": _number(cell.value), "text": cell.text}
                for key, cell in view.rates.items()
            },
        }

    return figures_data


_Fields = tuple[tuple[str, bool, object], ...] | None
_FIELDS: dict[type, _Fields] = {}


def _fields(cls: type) -> _Fields:
    """
    The fields of an attrs class: name, whether a default is left out,
    the default; ``None`` for another class.
    """
    try:
        return _FIELDS[cls]
    except KeyError:
        fields = None
        if attrs.has(cls):
            fields = tuple(
                (f.name, bool(f.metadata.get("omit_default")), f.default)
                for f in attrs.fields(cls)
            )
        _FIELDS[cls] = fields
        return fields


def _plain(value: Any) -> Any:
    """
    The document's strings as plain JSON data.
    """
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind is Decimal:
        return _number(value)
    if kind is list or kind is tuple:
        return [_plain(item) for item in value]
    fields = _fields(kind)
    if fields is None:
        return value
    data = {}
    for name, omit_default, default in fields:
        item = getattr(value, name)
        if not (omit_default and item == default):
            data[name] = _plain(item)
    return data


class _Rows:
    """
    A list of table rows, written one row to a line, made as it is
    written.
    """

    def __init__(self, rows: Iterable[object]) -> None:
        self.rows = rows


def _document(view: ReportView, rows: type[list[Any] | _Rows]) -> Any:
    data: dict[str, Any] = _plain(attrs.evolve(view, appendix=None))
    if view.appendix is not None:
        appendix = view.appendix
        shown = _plain(attrs.evolve(appendix, rows=()))
        shown["rows"] = rows(map(_plain, appendix.rows))
        data["appendix"] = shown
    data["style"] = view.style.name
    return data


def _report_json(
    report: Report,
    style: Style,
    rows: type[list[Any] | _Rows],
    lang: str = "vi",
) -> dict[str, Any]:
    """
    `report_json`, with each list of table rows made by *rows*.
    """
    view = present(report, style, lang=lang)
    style = view.style
    figures_data = _figures_of(style, lang)
    computed: dict[str, Any] = {
        "period": {
            "label": format_period(report.period, lang=lang),
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
            **figures_data(report.figures),
        },
        "cumulative": None
        if report.cumulative is None
        else figures_data(report.cumulative),
        "appendix": None,
    }
    data = report_to_dict(report)
    if report.appendix is not None and view.appendix is not None:
        table = report.appendix.rows
        groups = groups_in_order(table)
        # The rows in print order, beside the lines that show them.
        in_order = (row for members in groups.values() for row in members)
        shown_rows = (r for r in view.appendix.rows if r.kind == "row")
        computed["appendix"] = {
            "basis": report.appendix.basis.value,
            "rows": rows(
                {
                    "number": shown.number,
                    "name": row.agency.name,
                    "shown_name": shown.name,
                    **(
                        {"group": row.agency.group} if row.agency.group else {}
                    ),
                    **figures_data(row.counts),
                }
                for row, shown in zip(in_order, shown_rows, strict=True)
            ),
            "total": figures_data(total(table)),
        }
        if list(groups) != [None]:
            computed["appendix"]["subtotals"] = [
                {"group": group, **figures_data(total(members))}
                for group, members in groups.items()
                if group is not None
            ]
        data["appendix"]["rows"] = rows(data["appendix"]["rows"])
    return {
        "format": "hcc-report",
        "version": JSON_VERSION,
        "style": style.name,
        # The report file's own data, so the output reads back as a report.
        "report": data,
        "computed": computed,
        "document": _document(view, rows),
    }


def report_json(
    report: Report, style: Style, *, lang: str = "vi"
) -> dict[str, Any]:
    """
    Return the data the ``json`` renderer writes, before it is written.
    """
    return _report_json(report, style, list, lang)


#: How a list of rows is marked in the text of the rest: a JSON string no
#: report's text can be (text holds no control character).
_MARK = re.compile(r'"\\u0000(\d+)\\u0000"')


#: How a row is written: on one line.
_ROW = json.JSONEncoder(
    ensure_ascii=False, separators=(", ", ": "), default=json_default
)


def _json_pieces(data: object) -> Iterator[str]:
    """
    *data* as `hcc_report.serialization.json_text` writes it, but each
    list of rows (`_Rows`) with a row to a line, in pieces: the rows are
    made as they are written.
    """
    lists: list[_Rows] = []

    def mark(value: object) -> object:
        if isinstance(value, _Rows):
            lists.append(value)
            return f"\0{len(lists) - 1}\0"
        return json_default(value)

    rest = json.dumps(data, ensure_ascii=False, indent=2, default=mark)
    done = 0
    for found in _MARK.finditer(rest):
        yield rest[done : found.start()]
        done = found.end()
        line = rest[rest.rfind("\n", 0, found.start()) + 1 : found.start()]
        indent = " " * (len(line) - len(line.lstrip(" ")))
        before = "[\n"
        for row in lists[int(found[1])].rows:
            yield f"{before}{indent}  {_ROW.encode(row)}"
            before = ",\n"
        yield "[]" if before == "[\n" else f"\n{indent}]"
    yield rest[done:] + "\n"


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
        lang: str = "vi",
    ) -> str:
        """
        Render *report* in *style* as JSON text, its texts in *lang*.
        """
        return "".join(
            self.stream(report, style=style, options=options, lang=lang)
        )

    def stream(
        self,
        report: Report,
        *,
        style: Style = DECREE_30,
        options: NoOptions = _NO_OPTIONS,
        lang: str = "vi",
    ) -> Iterator[str]:
        """
        Render *report* in *style* and *lang* as JSON text, in pieces, a
        table row to a piece: for writing a big document without holding
        it.

        >>> from hcc_report.examples import binh_thuan_2023_02
        >>> report = binh_thuan_2023_02()
        >>> "".join(JSON.stream(report)) == JSON.render(report)
        True
        """
        del options
        return _json_pieces(_report_json(report, style, _Rows, lang))


JSON = JsonRenderer()
