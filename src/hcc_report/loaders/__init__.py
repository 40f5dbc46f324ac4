"""
Reading and writing files: report files, published figures, styles and
dossier records.

Report files are TOML or JSON (:doc:`/reference/report-format`); published
figures are TOML, JSON or a CSV of the appendix table
(:doc:`/reference/published-format`); styles are TOML. Every file is read
as UTF-8 (a byte order mark is dropped) into plain data, which
`hcc_report.serialization` turns into the model, checking everything at
once. Writing is deterministic (the same report gives the same bytes) and
atomic.

Every problem with a file is a library error: a
`~hcc_report.errors.ValidationError` for what it holds, a
`~hcc_report.errors.FileError` (an `OSError`) when it cannot be read or
written, an `~hcc_report.errors.ArgumentError` for a format it cannot be.
"""

from __future__ import annotations

import csv
import io
import os
import re

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeAlias

from hcc_report import figures
from hcc_report._checks import check_path, check_type
from hcc_report.errors import ArgumentError, ValidationError
from hcc_report.loaders._csv import published_from_csv
from hcc_report.loaders._files import read_text, write_atomic
from hcc_report.loaders._records import RecordFile, open_records
from hcc_report.loaders._text import (
    check_format,
    dump_data,
    format_of,
    parse_data,
)
from hcc_report.model import Basis, Counts, Period, Report
from hcc_report.published import PublishedReport
from hcc_report.serialization import (
    published_from_dict,
    report_from_dict,
    report_to_dict,
    style_from_dict,
)
from hcc_report.styles import Style


__all__ = [
    "Format",
    "PublishedFormat",
    "RecordFile",
    "dumps_counts",
    "dumps_report",
    "load_published",
    "load_report",
    "load_report_or_published",
    "load_style",
    "loads_published",
    "loads_report",
    "open_records",
    "save_report",
    "write_atomic",
]

#: The formats of report files.
Format: TypeAlias = Literal["toml", "json"]
#: The formats of published figures.
PublishedFormat: TypeAlias = Literal["toml", "json", "csv"]

_REPORT_FORMATS = ("toml", "json")
_PUBLISHED_FORMATS = ("toml", "json", "csv")


def dumps_counts(
    table: Mapping[Any, Counts],
    format: PublishedFormat,  # noqa: A002
    *,
    period: Period,
    by: str | Sequence[str] = "agency",
) -> str:
    """
    Return counts by unit, as `hcc_report.records.aggregate` gives them,
    as the text of a TOML, JSON or CSV file.

    TOML and JSON hold the period, the fields counted by, the total and
    a table of units; CSV holds the units only, one a line: the fields'
    values, then the counts. A count unknown for a unit is left out (an
    empty cell in CSV).

    >>> from hcc_report import Counts, Period
    >>> table = {"Sở Y tế": Counts(received=3, processed=2, on_time=2,
    ...                            late=0)}
    >>> print(dumps_counts(table, "csv", period=Period.month(2023, 2)))
    agency,received,processed,on_time,late
    Sở Y tế,3,2,2,0
    <BLANKLINE>

    Raises:
        ~hcc_report.errors.ArgumentError: *format* is not one of
            ``"toml"``, ``"json"``, ``"csv"``.
    """
    kind = check_format(format, _PUBLISHED_FORMATS)
    fields = [by] if isinstance(by, str) else list(by)
    units = []
    for unit, counts in table.items():
        values = unit if isinstance(unit, tuple) else (unit,)
        named = {
            field: value
            for field, value in zip(fields, values, strict=True)
            if value is not None
        }
        units.append({**named, **counts.known()})
    if kind == "csv":
        given = {key for counts in table.values() for key in counts.known()}
        keys = [c.key for c in figures.counts() if c.key in given]
        text = io.StringIO()
        writer = csv.DictWriter(
            text, fieldnames=[*fields, *keys], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(units)
        return text.getvalue()
    data = {
        "period": {
            "kind": period.kind.value,
            "start": period.start,
            "end": period.end,
        },
        "by": fields,
        "total": Counts.sum(table.values()).known(),
        "units": units,
    }
    return dump_data(data, kind)


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

    Raises:
        ~hcc_report.errors.ArgumentError: *format* is neither ``"toml"``
            nor ``"json"``.
    """
    kind = check_format(format, _REPORT_FORMATS)
    return dump_data(report_to_dict(report), kind)


def loads_report(
    text: str,
    format: Format,  # noqa: A002
    *,
    source: str = "",
) -> Report:
    """
    Read a report from the text of a TOML or JSON file.

    *source* names where the text came from in error messages.

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> report = binh_thuan_2023_02()
    >>> loads_report(dumps_report(report, "json"), "json") == report
    True
    >>> loads_report('number = "04/BC-TTHCC"', "toml", source="feb.toml")
    Traceback (most recent call last):
    ...
    hcc_report.errors.ValidationError: feb.toml: invalid report, 7 problems:
      - issuer: is required
      - place: is required
      - issued: is required
      - title: is required
      - period: is required
      - figures: is required
      - signer: is required

    Raises:
        ~hcc_report.errors.ValidationError: The text cannot be parsed, or
            is not a valid report (every problem is listed).
        ~hcc_report.errors.ArgumentError: *format* is neither ``"toml"``
            nor ``"json"``.
    """
    kind = check_format(format, _REPORT_FORMATS)
    check_type("text", text, str)
    data = parse_data(text, kind, subject="report", source=source)
    return report_from_dict(data, source=source)


def load_report(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,  # noqa: A002
) -> Report:
    """
    Read a report from a TOML or JSON file, by its suffix or *format*.

    >>> import pathlib, tempfile
    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> path = pathlib.Path(tempfile.mkdtemp(), "2023-02.toml")
    >>> save_report(binh_thuan_2023_02(), path)
    >>> str(load_report(path).number)
    '04/BC-TTHCC'

    Raises:
        ~hcc_report.errors.ValidationError: The file is not a valid report
            (every problem is listed, with the file name).
        ~hcc_report.errors.FileError: The file cannot be read.
        ~hcc_report.errors.ArgumentError: The format cannot be told from
            the suffix.
    """
    kind = format_of(check_path("path", path), format, _REPORT_FORMATS)
    text = read_text(path, subject="report")
    return loads_report(text, kind, source=os.fspath(path))  # type: ignore[arg-type]


#: Keys only a report file has, and keys only published figures have.
_REPORT_KEYS = frozenset(
    {"schema_version", "issuer", "signer", "figures", "sections", "appendix"}
)
_PUBLISHED_KEYS = frozenset({"paragraph", "table", "period_table"})
#: The start of a line that only a report file has (TOML or JSON), to say
#: which kind of file has a syntax error.
_REPORT_LINE = re.compile(
    r'^\s*(?:schema_version\s*=|\[(?:issuer|signer)\]|"(?:schema_version|'
    r'issuer|signer)"\s*:)',
    re.MULTILINE,
)


def _is_report(data: object) -> bool:
    if not isinstance(data, dict):
        return False
    keys = set(data)
    return "schema_version" in keys or (
        bool(keys & _REPORT_KEYS) and not keys & _PUBLISHED_KEYS
    )


def load_report_or_published(
    path: str | os.PathLike[str],
    *,
    decimal_mark: str | None = None,
    places: int | str | None = None,
    basis: Basis | str | None = None,
    notation: str | None = None,
) -> Report | PublishedReport:
    """
    Read a file that may be a report file or published figures, and tell
    them apart by what it holds: a report file has a ``schema_version`` or
    the keys of a report (``issuer``, ``signer``, ``figures`` ...) and none
    of published figures' (``paragraph``, ``table``); a CSV is published
    figures. The file is read once (it may be a pipe).

    The options are `hcc_report.load_published`'s, for published
    figures only.

    >>> import pathlib, tempfile
    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> save_report(binh_thuan_2023_02(), folder / "report.toml")
    >>> _ = (folder / "table.csv").write_text("Đơn vị,Đã tiếp nhận\\nA,1\\n")
    >>> [type(load_report_or_published(folder / name)).__name__
    ...  for name in ("report.toml", "table.csv")]
    ['Report', 'PublishedReport']

    Raises:
        ~hcc_report.errors.ValidationError: The file is not readable as
            either; a file with a syntax error is named as the kind of file
            its lines show.
        ~hcc_report.errors.FileError: The file cannot be read.
        ~hcc_report.errors.ArgumentError: The format cannot be told from
            the suffix, or an option is given for a report file.
    """
    kind = format_of(check_path("path", path), None, _PUBLISHED_FORMATS)
    source = os.fspath(path)
    text = read_text(path, subject="published figures")
    if kind == "csv":
        return loads_published(
            text,
            "csv",
            source=source,
            decimal_mark=decimal_mark,
            places=places,
            basis=basis,
            notation=notation,
        )
    subject = "report" if _REPORT_LINE.search(text) else "published figures"
    data = parse_data(text, kind, subject=subject, source=source)
    if not _is_report(data):
        return _published_of(
            data,
            source=source,
            decimal_mark=decimal_mark,
            places=places,
            basis=basis,
            notation=notation,
        )
    options = {
        "decimal_mark": decimal_mark,
        "places": places,
        "basis": basis,
        "notation": notation,
    }
    given = [name for name, value in options.items() if value is not None]
    if given:
        options_are = "is an option" if len(given) == 1 else "are options"
        msg = (
            f"{source} is a report file: {', '.join(given)} {options_are} "
            "of published figures only"
        )
        raise ArgumentError(msg)
    return report_from_dict(data, source=source)


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

    >>> import pathlib, tempfile
    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> path = pathlib.Path(tempfile.mkdtemp(), "2023-02.json")
    >>> save_report(binh_thuan_2023_02(), path)
    >>> path.read_text(encoding="utf-8").splitlines()[1]
    '  "schema_version": 1,'

    Raises:
        ~hcc_report.errors.FileError: The file cannot be written.
        ~hcc_report.errors.ArgumentError: The format cannot be told from
            the suffix.
    """
    kind = format_of(check_path("path", path), format, _REPORT_FORMATS)
    text = dumps_report(report, kind)  # type: ignore[arg-type]
    write_atomic(path, text.encode("utf-8"))


def loads_published(
    text: str,
    format: PublishedFormat,  # noqa: A002
    *,
    source: str = "",
    decimal_mark: str | None = None,
    places: int | str | None = None,
    basis: Basis | str | None = None,
    notation: str | None = None,
) -> PublishedReport:
    """
    Read published figures from TOML, JSON or CSV text.

    *decimal_mark*, *places*, *basis* and *notation* state what the table
    does not say (a CSV says none of them): the rates' decimal mark, their
    decimals (a number, or ``"as-printed"`` to check each rate at the
    decimals it shows), whether the rows are cumulative, and the notation
    of the counts (``"vi"``: "10.078", ``"en"``: "10,078"). The audit
    detects the decimal mark and the places when they are not given, and
    a count is read in either notation when none is stated.

    >>> from hcc_report.examples import example_text
    >>> text = example_text("binh_thuan_2023_02_appendix", ".csv")
    >>> table = loads_published(text, "csv", decimal_mark=".").table
    >>> table.total.rates["on_time_rate"]
    '99.49%'

    Raises:
        ~hcc_report.errors.ValidationError: The text is not readable as
            published figures; every problem is named with its place.
        ~hcc_report.errors.ArgumentError: *format* is not one of the three.
    """
    kind = check_format(format, _PUBLISHED_FORMATS)
    check_type("text", text, str)
    if kind == "csv":
        return published_from_csv(
            text,
            decimal_mark=decimal_mark,
            places=places,
            basis=_basis_value(basis),
            notation=notation,
            source=source,
        )
    data = parse_data(text, kind, subject="published figures", source=source)
    return _published_of(
        data,
        source=source,
        decimal_mark=decimal_mark,
        places=places,
        basis=basis,
        notation=notation,
    )


def _basis_value(basis: Basis | str | None) -> str | None:
    return basis.value if isinstance(basis, Basis) else basis


def _published_of(
    data: object,
    *,
    source: str,
    decimal_mark: str | None,
    places: int | str | None,
    basis: Basis | str | None,
    notation: str | None,
) -> PublishedReport:
    """
    Published figures from the parsed data of a TOML or JSON file, with
    what the caller states where the file does not say it.
    """
    if notation is not None and isinstance(data, dict):
        # What the file does not say: a notation it states is kept.
        table_data = data.get("table")
        says = "notation" in data or (
            isinstance(table_data, dict) and "notation" in table_data
        )
        if not says:
            data["notation"] = notation
    published = published_from_dict(data, source=source)
    if published.table is None:
        return published
    # What the table does not say, the caller may.
    import attrs  # noqa: PLC0415

    table = published.table
    try:
        stated = attrs.evolve(
            table,
            decimal_mark=table.decimal_mark or decimal_mark,
            places=table.places if table.places is not None else places,
            basis=table.basis or _basis_value(basis),
        )
    except ValidationError as error:
        raise ValidationError(
            error.problems, subject="published figures", source=source
        ) from None
    return attrs.evolve(published, table=stated)


def load_published(
    path: str | os.PathLike[str],
    *,
    format: PublishedFormat | None = None,  # noqa: A002
    decimal_mark: str | None = None,
    places: int | str | None = None,
    basis: Basis | str | None = None,
    notation: str | None = None,
) -> PublishedReport:
    """
    Read published figures from a ``.toml``, ``.json`` or ``.csv`` file.

    See `loads_published` for the options.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp(), "table.csv")
    >>> _ = path.write_text("Đơn vị,Đã tiếp nhận\\nSở Y tế,12\\n",
    ...                     encoding="utf-8")
    >>> row = load_published(path).table.rows[0]
    >>> row.name, row.counts["received"]
    ('Sở Y tế', 12)

    Raises:
        ~hcc_report.errors.ValidationError: The file is not readable as
            published figures (every problem is named).
        ~hcc_report.errors.FileError: The file cannot be read.
        ~hcc_report.errors.ArgumentError: The format cannot be told from
            the suffix.
    """
    kind = format_of(check_path("path", path), format, _PUBLISHED_FORMATS)
    text = read_text(path, subject="published figures")
    return loads_published(
        text,
        kind,  # type: ignore[arg-type]
        source=os.fspath(path),
        decimal_mark=decimal_mark,
        places=places,
        basis=basis,
        notation=notation,
    )


def load_style(path: str | os.PathLike[str]) -> Style:
    """
    Read a style from a TOML file.

    The file names a preset to start from and the fields that differ; the
    style's name is the file's, unless it says another::

        base = "decree-30"
        rate_places = 1
        zero = "as-100"

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp(), "lam-dong.toml")
    >>> _ = path.write_text('base = "decree-30"\\nrate_places = 1\\n')
    >>> style = load_style(path)
    >>> style.name, style.rate_places
    ('lam-dong', 1)

    Raises:
        ~hcc_report.errors.ValidationError: The file is not a valid style.
        ~hcc_report.errors.FileError: The file cannot be read.
    """
    source = os.fspath(check_path("path", path))
    text = read_text(path, subject="style")
    data = parse_data(text, "toml", subject="style", source=source)
    assert isinstance(data, dict)  # noqa: S101  (TOML is a table)
    data.setdefault("name", Path(path).stem)
    return style_from_dict(data, source=source)
