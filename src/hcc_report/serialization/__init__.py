"""
Reports, published figures and styles as plain data, and back.

One ``cattrs`` converter turns a `hcc_report.Report` into the plain data of a
report file (dicts, lists, strings, ints and dates; see
:doc:`/reference/report-format`) and back, and reads the plain data of
published figures (:doc:`/reference/published-format`) and of styles.
Reading checks everything at once: wrong types, unknown keys (with a
suggestion), missing keys and failed identities are reported together in
one `~hcc_report.errors.ValidationError`, each with the path of the value
(``appendix.rows[8].late``), in the order of the data. A report read back
from what was written is equal to the original.

The classes written as they are (a report, its issuer, sections and
signer) are read and written by the converter's generated functions; the
private module ``_reports`` holds the parts a file writes its own way,
``_published`` published figures and styles, ``_reading`` the readers and
the problems. No file is read or written here: that is
`hcc_report.loaders`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from hcc_report._checks import check_type
from hcc_report.errors import Problem, ValidationError
from hcc_report.model import (
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
    Report,
    Section,
    Signer,
)
from hcc_report.presentation import row_number
from hcc_report.published import PublishedReport
from hcc_report.serialization import _published, _reports
from hcc_report.serialization._reading import (
    Invalid,
    date,
    mapping_of,
    member,
    path_text,
    problems_of,
    read_all,
    sequence,
)
from hcc_report.styles import Style


if TYPE_CHECKING:
    import cattrs


__all__ = [
    "SCHEMA_VERSION",
    "json_default",
    "json_text",
    "path_text",
    "published_from_dict",
    "report_from_dict",
    "report_to_dict",
    "style_from_dict",
]

#: The version of the report file layout that this library writes and
#: reads.
SCHEMA_VERSION = 1

T = TypeVar("T")

#: The classes whose file form is their fields, read and written by the
#: functions cattrs generates.
_AS_THEY_ARE: tuple[type, ...] = (Issuer, Section, Signer, Report)


def _hook(read: Callable[[object], T]) -> Callable[[object, object], T]:
    # A cattrs hook takes the type too; our readers need only the value.
    return lambda value, _: read(value)


def _mapping(
    structure: Callable[[Any, Any], T],
) -> Callable[[object, object], T]:
    # A generated function expects a mapping: anything else is a problem.
    return lambda value, cls: structure(mapping_of(value), cls)


def _in_field_order(
    cls: type, unstructure: Callable[[Any], dict[str, Any]]
) -> Callable[[Any], dict[str, Any]]:
    """
    Keep the keys in the order of the class's fields, as files list them
    (cattrs puts the ones it never leaves out first).
    """
    names = [field.name for field in attrs.fields(cls)]

    def ordered(value: Any) -> dict[str, Any]:
        data = unstructure(value)
        return {name: data[name] for name in names if name in data}

    return ordered


@functools.cache
def _converter() -> cattrs.Converter:
    # Imported here: only reading and writing data needs cattrs.
    import cattrs  # noqa: PLC0415

    from cattrs.gen import (  # noqa: PLC0415
        make_dict_structure_fn,
        make_dict_unstructure_fn,
        override,
    )

    converter = cattrs.Converter(
        forbid_extra_keys=True,
        omit_if_default=True,
        unstruct_collection_overrides={Sequence: list},
    )
    # Texts are checked by the model, which names them.
    converter.register_structure_hook(str, lambda value, _: value)
    converter.register_structure_hook(dt.date, _hook(date))
    converter.register_structure_hook(
        DocumentNumber, _hook(_reports.document_number)
    )
    converter.register_structure_hook(Authority, _hook(_reports.authority))
    converter.register_structure_hook(
        Basis, _hook(functools.partial(member, Basis))
    )
    converter.register_structure_hook(Counts, _hook(_reports.counts))
    converter.register_structure_hook(Period, _hook(_reports.period))
    converter.register_structure_hook(Block, _hook(_reports.block))
    converter.register_structure_hook(Appendix, _hook(_reports.appendix))
    converter.register_structure_hook_factory(
        lambda kind: getattr(kind, "__origin__", None) is tuple,
        lambda kind: _hook(
            functools.partial(
                sequence,
                read_item=functools.partial(
                    _structure_as, converter, kind.__args__[0]
                ),
            )
        ),
    )
    for cls in _AS_THEY_ARE:
        converter.register_structure_hook(
            cls, _mapping(make_dict_structure_fn(cls, converter))
        )

    converter.register_unstructure_hook(DocumentNumber, str)
    converter.register_unstructure_hook(Counts, Counts.known)
    converter.register_unstructure_hook(Period, _reports.period_data)
    for block in (Block, Paragraph, Bullet, FiguresParagraph):
        converter.register_unstructure_hook(block, _reports.block_data)
    converter.register_unstructure_hook(AppendixRow, _reports.row_data)
    converter.register_unstructure_hook(Appendix, _reports.appendix_data)
    for cls in _AS_THEY_ARE:
        # Where copies are filed is written even when it is the default,
        # so that a file says it.
        overrides: dict[str, Any] = (
            {"archive": override(omit_if_default=False)}
            if cls is Report
            else {}
        )
        unstructure: Callable[[Any], dict[str, Any]]
        unstructure = make_dict_unstructure_fn(
            cls,
            converter,
            _cattrs_omit_if_default=True,
            **overrides,
        )
        converter.register_unstructure_hook(
            cls, _in_field_order(cls, unstructure)
        )
    return converter


def _structure_as(converter: cattrs.Converter, cls: Any, value: object) -> Any:
    return converter.structure(value, cls)


# Public functions ------------------------------------------------------------


def report_to_dict(report: Report) -> dict[str, Any]:
    """
    Return *report* as plain data: dicts, lists, strings, ints and dates.

    Unknown figures and empty optional parts are left out. This is the tree
    that `hcc_report.dumps_report` writes; `report_from_dict` reads it back.

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> data = report_to_dict(binh_thuan_2023_02())
    >>> data["number"], data["figures"]["received"]
    ('04/BC-TTHCC', 6227)
    >>> data["appendix"]["rows"][8]
    {'name': 'Sở Tài nguyên và Môi trường', 'received': 197,
     'processed': 191, 'on_time': 172, 'late': 19}
    """
    check_type("report", report, Report)
    data: dict[str, Any] = _converter().unstructure(report)
    return {"schema_version": SCHEMA_VERSION, **data}


def json_default(value: object) -> str:
    """
    Write what JSON has no type for, as `json_text` does: a date as
    ``YYYY-MM-DD``; the ``default`` of `json.dumps`.

    >>> json_default(dt.date(2023, 3, 2))
    '2023-03-02'
    """
    if isinstance(value, dt.date):
        return value.isoformat()
    msg = f"cannot write {value!r} as JSON"  # pragma: no cover
    raise TypeError(msg)  # pragma: no cover


def json_text(data: object) -> str:
    """
    Return plain data as the JSON the library writes: UTF-8 text (not
    ``\\u`` escapes), indented by two spaces, dates as ``YYYY-MM-DD``, and
    a final newline.

    >>> print(json_text({"issued": dt.date(2023, 3, 2), "place": "Phú Quý"}))
    {
      "issued": "2023-03-02",
      "place": "Phú Quý"
    }
    <BLANKLINE>
    """
    # Imported here: only writing JSON needs it.
    import json  # noqa: PLC0415

    return (
        json.dumps(data, ensure_ascii=False, indent=2, default=json_default)
        + "\n"
    )


def _report(data: object) -> Report:
    raw = mapping_of(data)
    version = raw.get("schema_version", SCHEMA_VERSION)
    fields = {
        key: value for key, value in raw.items() if key != "schema_version"
    }
    if type(version) is int and version == SCHEMA_VERSION:
        structured: Report = _converter().structure(fields, Report)
        return structured
    message = (
        f"this version of hcc-report reads version {SCHEMA_VERSION}, "
        f"got {version!r}"
    )
    problem = (("schema_version",), message)
    try:
        _converter().structure(fields, Report)
    except Exception as error:  # noqa: BLE001  (listed with the version's)
        raise Invalid([problem, *problems_of(error, fields)]) from None
    raise Invalid([problem])


def report_from_dict(data: object, *, source: str = "") -> Report:
    """
    Build a report from plain data, as read from a TOML or JSON file.

    Dates may be `datetime.date` objects (TOML) or ``YYYY-MM-DD`` strings
    (JSON).

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> data = report_to_dict(binh_thuan_2023_02())
    >>> report_from_dict(data).figures.received
    6227
    >>> data["figures"]["received"] = -1
    >>> report_from_dict(data, source="02.json")
    Traceback (most recent call last):
    ...
    hcc_report.errors.ValidationError: 02.json: invalid report:
    figures.received: must not be negative, got -1

    Raises:
        ~hcc_report.errors.ValidationError: The data is not a valid report;
            the error lists every problem with its path, in the order of
            the data. *source* (a file name) is put in its message.
    """
    try:
        return read_all(data, _report, subject="report", source=source)
    except ValidationError as error:
        problems = [_named_row(problem, data) for problem in error.problems]
        raise ValidationError(
            problems, subject=error.subject, source=error.source
        ) from None


_ROW_PATH = re.compile(r"appendix\.rows\[(\d+)\]")


def _named_row(problem: Problem, data: object) -> Problem:
    """
    *problem*, naming the appendix row it is in as the document prints it
    (``Stt 10, Sở Tư pháp``), when the data says the row's name.
    """
    match = _ROW_PATH.match(problem.path)
    appendix = data.get("appendix") if isinstance(data, dict) else None
    rows = appendix.get("rows") if isinstance(appendix, dict) else None
    if match is None or not isinstance(rows, list):
        return problem
    index = int(match[1])
    row = rows[index] if index < len(rows) else None
    if not isinstance(row, dict):
        return problem
    # The name it prints under, or its full name if that is not readable.
    names = [row.get("short_name"), row.get("name")]
    name = next((n for n in names if isinstance(n, str) and n.strip()), None)
    if name is None:
        return problem
    groups = [
        group
        if isinstance(item, dict)
        and isinstance(group := item.get("group"), str)
        else None
        for item in rows
    ]
    number = row_number(groups, index)
    return attrs.evolve(problem, row=f"Stt {number}, {name}")


def published_from_dict(data: object, *, source: str = "") -> PublishedReport:
    """
    Build published figures from plain data (a TOML or JSON file's).

    Counts may be ints or text as printed ("10.078"); rates are text as
    printed ("99,79%"). The layout is in :doc:`/reference/published-format`.

    >>> published = published_from_dict({"table": {"rows": [
    ...     {"name": "Sở Y tế", "received": "1.204",
    ...      "on_time_rate": "99,5%"}]}})
    >>> row = published.table.rows[0]
    >>> row.counts["received"], row.rates["on_time_rate"]
    (1204, '99,5%')

    Raises:
        ~hcc_report.errors.ValidationError: Every problem, with its place.
    """
    return read_all(
        data,
        _published.published,
        subject="published figures",
        source=source,
    )


def style_from_dict(data: object, *, source: str = "") -> Style:
    """
    Build a style from plain data: ``base`` (a preset's name) and fields.

    >>> style_from_dict({"base": "binh-thuan", "name": "mine",
    ...                  "rate_places": 1}).rate_places
    1

    Raises:
        ~hcc_report.errors.ValidationError: Unknown keys or bad values
            (all listed).
    """
    return read_all(data, _published.style, subject="style", source=source)
