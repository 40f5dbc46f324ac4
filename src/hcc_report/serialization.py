"""
Reading and writing whole reports as TOML and JSON.

Both formats hold the same tree (see :doc:`/reference/report-format`).
Reading checks everything at once: wrong types, unknown or missing keys and
failed identities are reported together in one
`~hcc_report.errors.ValidationError`, each with the path of the value in
the file (``appendix.rows[8].late``). Writing is deterministic (the same
report gives the same bytes) and atomic. A report read back from what was
written is equal to the original.
"""

from __future__ import annotations

import datetime as dt
import json
import os

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import tomli_w

from hcc_report._files import write_atomic
from hcc_report._reading import Reader, parse_data, read_text
from hcc_report.errors import ValidationError, join_path
from hcc_report.model import (
    COUNT_FIELDS,
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Basis,
    Block,
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


__all__ = [
    "SCHEMA_VERSION",
    "Format",
    "dumps_report",
    "load_report",
    "loads_report",
    "report_from_dict",
    "report_to_dict",
    "save_report",
]

#: The version of the file layout that this library writes and reads.
SCHEMA_VERSION = 1

#: The file formats: ``"toml"`` or ``"json"``.
Format = Literal["toml", "json"]

_SUFFIXES: dict[str, Format] = {".toml": "toml", ".json": "json"}

T = TypeVar("T")


# Writing ---------------------------------------------------------------------


def _blocks_to_list(blocks: Iterable[Block]) -> list[Any]:
    result: list[Any] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            result.append(block.text)
        elif isinstance(block, Bullet):
            result.append({"bullet": block.text})
        else:
            result.append({"insert": "figures"})
    return result


def _section_to_dict(section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {"heading": section.heading}
    if section.blocks:
        data["blocks"] = _blocks_to_list(section.blocks)
    if section.subsections:
        data["subsections"] = [
            _section_to_dict(sub) for sub in section.subsections
        ]
    return data


def _period_to_dict(period: Period) -> dict[str, Any]:
    if period.kind is PeriodKind.RANGE:
        return {"kind": "range", "start": period.start, "end": period.end}
    data: dict[str, Any] = {"kind": period.kind.value, "year": period.end.year}
    if period.kind is not PeriodKind.YEAR:
        data[_PERIOD_NUMBER_KEYS[period.kind]] = period.number
    return data


def _without_none(**values: Any) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def report_to_dict(report: Report) -> dict[str, Any]:
    """
    Return *report* as plain data: dicts, lists, strings, ints and dates.

    Unknown figures and empty optional parts are left out. This is the tree
    that `dumps_report` writes; `report_from_dict` reads it back.

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> data = report_to_dict(binh_thuan_2023_02())
    >>> data["number"], data["figures"]["received"]
    ('04/BC-TTHCC', 6227)
    >>> data["appendix"]["rows"][8]
    {'name': 'Sở Tài nguyên và Môi trường', 'received': 197,
     'processed': 191, 'on_time': 172, 'late': 19}
    """
    issuer = report.issuer
    signer = report.signer
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "issuer": _without_none(
            name=issuer.name, parent=issuer.parent, full_name=issuer.full_name
        ),
        "number": str(report.number),
        "place": report.place,
        "issued": report.issued,
        "title": report.title,
        "period": _period_to_dict(report.period),
        "figures": report.figures.known(),
    }
    if report.cumulative is not None:
        data["cumulative"] = report.cumulative.known()
    if report.opening:
        data["opening"] = _blocks_to_list(report.opening)
    if report.sections:
        data["sections"] = [_section_to_dict(s) for s in report.sections]
    if report.tasks is not None:
        data["tasks"] = _section_to_dict(report.tasks)
    if report.appendix is not None:
        appendix = report.appendix
        data["appendix"] = {
            "title": appendix.title,
            "basis": appendix.basis.value,
            "rows": [
                _without_none(
                    name=row.agency.name,
                    short_name=row.agency.short_name,
                    code=row.agency.code,
                    group=row.agency.group,
                )
                | row.counts.known()
                for row in appendix.rows
            ],
        }
    if report.addressees:
        data["addressees"] = list(report.addressees)
    if report.recipients:
        data["recipients"] = list(report.recipients)
    data["archive"] = list(report.archive)
    data["signer"] = _without_none(
        authority=None if signer.authority is None else signer.authority.value,
        on_behalf_of=signer.on_behalf_of,
        title=signer.title,
        name=signer.name,
    )
    return data


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    msg = f"cannot write {value!r} as JSON"  # pragma: no cover
    raise TypeError(msg)  # pragma: no cover


def dumps_report(report: Report, format: Format) -> str:  # noqa: A002
    """
    Return *report* as the text of a TOML or JSON file.

    The same report always gives the same text.

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> text = dumps_report(binh_thuan_2023_02(), "toml")
    >>> for line in text.splitlines()[:4]:
    ...     print(line)
    schema_version = 1
    number = "04/BC-TTHCC"
    place = "Bình Thuận"
    issued = 2023-03-02
    """
    data = report_to_dict(report)
    if format == "toml":
        return tomli_w.dumps(data)
    if format == "json":
        return (
            json.dumps(
                data, ensure_ascii=False, indent=2, default=_json_default
            )
            + "\n"
        )
    msg = f"format must be 'toml' or 'json', got {format!r}"
    raise ValueError(msg)


def _format_of(path: Path, format: Format | None) -> Format:  # noqa: A002
    if format is not None:
        return format
    try:
        return _SUFFIXES[path.suffix.lower()]
    except KeyError:
        msg = (
            f"{path}: cannot tell the format from the suffix "
            f"{path.suffix!r}; use .toml or .json, or pass format="
        )
        raise ValueError(msg) from None


def save_report(
    report: Report,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,  # noqa: A002
) -> None:
    """
    Write *report* to *path* as TOML or JSON, by its suffix or *format*.

    The file is written atomically: if anything fails, an existing file
    is left as it was and no partial file remains.
    """
    target = Path(path)
    text = dumps_report(report, _format_of(target, format))
    write_atomic(target, text.encode("utf-8"))


# Reading ---------------------------------------------------------------------


def _read_as_is(_r: Reader, value: object, _path: str) -> object:
    # Strings are checked by the model, which names the field.
    return value


def _read_date(r: Reader, value: object, path: str) -> dt.date | None:
    return r.date(value, path)


def _read_array(r: Reader, value: object, path: str) -> list[Any] | None:
    return r.array(value, path)


def _read_number(r: Reader, value: object, path: str) -> DocumentNumber | None:
    return r.build(path, DocumentNumber.parse, text=value)


def _read_issuer(r: Reader, value: object, path: str) -> Issuer | None:
    raw = r.table(
        value, path, required=("name",), optional=("parent", "full_name")
    )
    return None if raw is None else r.build(path, Issuer, **raw)


_PERIOD_NUMBER_KEYS = {
    PeriodKind.MONTH: "month",
    PeriodKind.QUARTER: "quarter",
    PeriodKind.HALF: "half",
    PeriodKind.FIRST_MONTHS: "months",
}

_PERIOD_CONSTRUCTORS: dict[PeriodKind, Callable[[int, int], Period]] = {
    PeriodKind.MONTH: Period.month,
    PeriodKind.QUARTER: Period.quarter,
    PeriodKind.HALF: Period.half,
    PeriodKind.FIRST_MONTHS: Period.first_months,
}


def _period_keys(kind: PeriodKind) -> tuple[str, ...]:
    if kind is PeriodKind.RANGE:
        return ("start", "end")
    if kind is PeriodKind.YEAR:
        return ("year",)
    return ("year", _PERIOD_NUMBER_KEYS[kind])


def _read_period(r: Reader, value: object, path: str) -> Period | None:
    kind = None
    if not isinstance(value, Mapping):
        r.add(path, f"must be a table, got {value!r}")
    elif "kind" not in value:
        r.add(join_path(path, "kind"), "is required")
    else:
        kind = r.choice(value["kind"], join_path(path, "kind"), PeriodKind)
    if kind is None:
        return None
    keys = _period_keys(kind)
    raw = r.table(value, path, required=("kind", *keys))
    if raw is None:
        return None
    if kind is PeriodKind.RANGE:
        start = r.date(raw["start"], join_path(path, "start"))
        end = r.date(raw["end"], join_path(path, "end"))
        if start is None or end is None:
            return None
        return r.build(path, Period.between, start=start, end=end)
    if kind is PeriodKind.YEAR:
        return r.build(path, Period.year, year=raw["year"])
    # The constructors name their problem after the key ("month" ...).
    constructor = _PERIOD_CONSTRUCTORS[kind]
    return r.build(path, lambda: constructor(raw["year"], raw[keys[1]]))


def _read_counts(r: Reader, value: object, path: str) -> Counts | None:
    raw = r.table(value, path, optional=COUNT_FIELDS)
    return None if raw is None else r.build(path, Counts, **raw)


_TEXT = {"text": ""}
_BULLET = {"text": "bullet"}


def _read_insert(
    r: Reader, item: object, path: str
) -> FiguresParagraph | None:
    raw = r.table(item, path, required=("insert",))
    if raw is None:
        return None
    if raw["insert"] != "figures":
        r.add(
            join_path(path, "insert"),
            f"must be 'figures', got {raw['insert']!r}",
        )
        return None
    return FiguresParagraph()


def _read_block(r: Reader, item: object, path: str) -> Block | None:
    if isinstance(item, str):
        return r.build(path, Paragraph, text=item, rename=_TEXT)
    if isinstance(item, Mapping) and "bullet" in item:
        raw = r.table(item, path, required=("bullet",))
        if raw is None:
            return None
        return r.build(path, Bullet, text=raw["bullet"], rename=_BULLET)
    if isinstance(item, Mapping) and "insert" in item:
        return _read_insert(r, item, path)
    r.add(
        path,
        'must be a paragraph (a string), a bullet ({bullet = "..."}) or '
        f'an insert ({{insert = "figures"}}), got {item!r}',
    )
    return None


def _read_list(
    r: Reader,
    value: object,
    path: str,
    read_item: Callable[[Reader, object, str], T | None],
) -> list[T] | None:
    """
    Read every item of an array; ``None`` if any of them failed.
    """
    items = r.array(value, path)
    if items is None:
        return None
    mark = r.mark()
    result = [
        read_item(r, item, f"{path}[{i}]") for i, item in enumerate(items)
    ]
    if not r.clean_since(mark):
        return None
    return [item for item in result if item is not None]


def _read_blocks(r: Reader, value: object, path: str) -> list[Block] | None:
    return _read_list(r, value, path, _read_block)


def _read_section(r: Reader, value: object, path: str) -> Section | None:
    raw = r.table(
        value, path, required=("heading",), optional=("blocks", "subsections")
    )
    if raw is None:
        return None
    mark = r.mark()
    blocks = _read_blocks(r, raw.get("blocks", []), join_path(path, "blocks"))
    subsections = _read_sections(
        r, raw.get("subsections", []), join_path(path, "subsections")
    )
    if not r.clean_since(mark):
        return None
    return r.build(
        path,
        Section,
        heading=raw["heading"],
        blocks=blocks,
        subsections=subsections,
    )


def _read_sections(
    r: Reader, value: object, path: str
) -> list[Section] | None:
    return _read_list(r, value, path, _read_section)


_AGENCY_KEYS = ("name", "short_name", "code", "group")


def _read_row(r: Reader, value: object, path: str) -> AppendixRow | None:
    # A row holds an agency's fields and its counts side by side.
    raw = r.table(
        value,
        path,
        required=("name",),
        optional=(*_AGENCY_KEYS[1:], *COUNT_FIELDS),
    )
    if raw is None:
        return None
    agency = r.build(
        path, Agency, **{k: v for k, v in raw.items() if k in _AGENCY_KEYS}
    )
    counts = r.build(
        path, Counts, **{k: v for k, v in raw.items() if k in COUNT_FIELDS}
    )
    if agency is None or counts is None:
        return None
    return AppendixRow(agency=agency, counts=counts)


def _read_appendix(r: Reader, value: object, path: str) -> Appendix | None:
    raw = r.table(value, path, required=("title", "rows"), optional=("basis",))
    if raw is None:
        return None
    mark = r.mark()
    basis = r.choice(
        raw.get("basis", Basis.CUMULATIVE.value),
        join_path(path, "basis"),
        Basis,
    )
    rows = _read_list(r, raw["rows"], join_path(path, "rows"), _read_row)
    if not r.clean_since(mark) or rows is None:
        return None
    # A row's agency fields sit in the row itself in the file.
    rename = {
        f"rows[{i}].agency.name": f"rows[{i}].name" for i in range(len(rows))
    }
    return r.build(
        path,
        Appendix,
        title=raw["title"],
        rows=rows,
        basis=basis,
        rename=rename,
    )


def _read_signer(r: Reader, value: object, path: str) -> Signer | None:
    raw = r.table(
        value,
        path,
        required=("name", "title"),
        optional=("authority", "on_behalf_of"),
    )
    if raw is None:
        return None
    authority = None
    if "authority" in raw:
        text = raw["authority"]
        if isinstance(text, str):
            # "KT." and "kt" are read as "KT".
            text = text.strip().removesuffix(".").upper()
        authority = r.choice(text, join_path(path, "authority"), Authority)
        if authority is None:
            return None
    return r.build(
        path,
        Signer,
        name=raw["name"],
        title=raw["title"],
        authority=authority,
        on_behalf_of=raw.get("on_behalf_of"),
    )


_Read = Callable[[Reader, object, str], object]

#: How each key of a report file is read; the first group is required.
_REQUIRED_PARTS: dict[str, _Read] = {
    "issuer": _read_issuer,
    "number": _read_number,
    "place": _read_as_is,
    "issued": _read_date,
    "title": _read_as_is,
    "period": _read_period,
    "figures": _read_counts,
    "signer": _read_signer,
}
_OPTIONAL_PARTS: dict[str, _Read] = {
    "cumulative": _read_counts,
    "appendix": _read_appendix,
    "opening": _read_blocks,
    "sections": _read_sections,
    "tasks": _read_section,
    "addressees": _read_array,
    "recipients": _read_array,
    "archive": _read_array,
}


def _read_report(r: Reader, data: object) -> Report | None:
    raw = r.table(
        data,
        "",
        required=_REQUIRED_PARTS,
        optional=("schema_version", *_OPTIONAL_PARTS),
        strict=False,
    )
    if raw is None:
        return None
    version = raw.get("schema_version", SCHEMA_VERSION)
    if type(version) is not int or version != SCHEMA_VERSION:
        r.add(
            "schema_version",
            f"this version of hcc-report reads version {SCHEMA_VERSION}, "
            f"got {version!r}",
        )
    readers = _REQUIRED_PARTS | _OPTIONAL_PARTS
    parts: dict[str, Any] = {
        key: readers[key](r, value, key)
        for key, value in raw.items()
        if key in readers
    }
    if r.problems:
        return None
    return r.build("", Report, **parts)


def report_from_dict(data: object, *, source: str = "") -> Report:
    """
    Build a report from plain data, as read from a TOML or JSON file.

    Dates may be `datetime.date` objects (TOML) or ``YYYY-MM-DD`` strings
    (JSON).

    Raises:
        ~hcc_report.errors.ValidationError: The data is not a valid report;
            the error lists every problem with its path. *source* (a file
            name) is put in its message.
    """
    r = Reader()
    report = _read_report(r, data)
    if report is None:
        raise ValidationError(r.problems, subject="report", source=source)
    return report


def loads_report(
    text: str,
    format: Format,  # noqa: A002
    *,
    source: str = "",
) -> Report:
    """
    Read a report from the text of a TOML or JSON file.

    Raises:
        ~hcc_report.errors.ValidationError: The text cannot be parsed, or
            is not a valid report (every problem is listed).
        ValueError: *format* is neither ``"toml"`` nor ``"json"``.
    """
    if format not in {"toml", "json"}:
        msg = f"format must be 'toml' or 'json', got {format!r}"
        raise ValueError(msg)
    data = parse_data(text, format, subject="report", source=source)
    return report_from_dict(data, source=source)


def load_report(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,  # noqa: A002
) -> Report:
    """
    Read a report from a TOML or JSON file, by its suffix or *format*.

    Raises:
        ~hcc_report.errors.ValidationError: The file is not a valid report
            (every problem is listed, with the file name).
        OSError: The file cannot be read.
    """
    source = Path(path)
    kind = _format_of(source, format)
    text = read_text(source, subject="report")
    return loads_report(text, kind, source=str(source))
