"""
JSON Schemas (draft 2020-12) of report files and of published figures.

Other systems can check a file before they hand it over, in their own
language, with any JSON Schema validator (see :doc:`/reference/schema`).
The schemas describe the JSON form of the files exactly as
`hcc_report.load_report` and `hcc_report.load_published` read them:
dates are ``"YYYY-MM-DD"`` strings. A TOML file has the same layout once
it is parsed and its dates are written as such strings.

The schemas are generated, so that they never drift from what the
library reads: the keys of the tables written as their class is, and
which of them are required, come from the fields of the model's classes
(as the converter of `hcc_report.serialization` reads them); the counts
and rates from the figure catalogue (`hcc_report.figures`); the choices
from the model's enums. The forms the readers read in their own way (a
period by its kind, a block as a string or a small table, an appendix
row with its agency and its counts side by side, printed counts and
rates) are written here, following the readers.

A schema checks the shape of a file and each value on its own. It cannot
check the arithmetic (that splits add up to their wholes, that the body
states the appendix's total, that printed rates are right) nor what ties
one value to another; the loaders and ``hcc-report check`` do.

The package ships the schemas as ``hcc_report/schemas/report.schema.json``
and ``published.schema.json``; ``python -m hcc_report.schema`` writes
them again from this module.

>>> from hcc_report.schema import report_schema
>>> schema = report_schema()
>>> schema["$id"]
'https://hcc-report.readthedocs.io/schema/report.schema.json'
>>> schema["required"]
['issuer', 'number', 'place', 'issued', 'title', 'period', 'figures',
 'signer']
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import typing

from pathlib import Path
from typing import Any, Literal

import attrs

from hcc_report import figures
from hcc_report._calendar import NUMBERING
from hcc_report._checks import INVISIBLE_RANGES
from hcc_report.errors import ArgumentError
from hcc_report.model import (
    MAX_NAME,
    MAX_TEXT,
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Basis,
    Block,
    Counts,
    DocumentNumber,
    Issuer,
    Period,
    PeriodKind,
    Report,
    Section,
    Signer,
)
from hcc_report.published import (
    AS_PRINTED,
    NOT_SHOWN,
    PublishedColumn,
    PublishedRow,
    PublishedTable,
    RowKind,
)
from hcc_report.serialization import SCHEMA_VERSION


__all__ = ["published_schema", "report_schema", "schema_text"]

#: The dialect of the schemas.
_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Where the schemas are published; their ``$id`` is this and the file's
#: name.
_BASE_ID = "https://hcc-report.readthedocs.io/schema/"


# Values of both files --------------------------------------------------------


def _text(limit: int = MAX_NAME) -> dict[str, Any]:
    """
    Text as the model takes it: a string of at most *limit* characters
    (`MAX_NAME` for a name, a title or a heading, `MAX_TEXT` for a
    paragraph or a bullet) that is not blank and has no
    control character (a line break or a tab would break the layout of
    every output; the control characters are Unicode's category Cc), no
    invisible character (zero-width, bidirectional controls ...), nor
    U+FFFE or U+FFFF, which are not characters (no XML can hold them).
    """
    invisible = "".join(
        f"\\u{ord(first):04x}"
        + ("" if first == last else f"-\\u{ord(last):04x}")
        for first, last in INVISIBLE_RANGES
    )
    # Searched for, not anchored: "$" also matches before a final line
    # break in Python and Java.
    return {
        "description": f"One line of text, not blank, at most {limit} long.",
        "type": "string",
        "maxLength": limit,
        "pattern": r"\S",
        "not": {"pattern": rf"[\x00-\x1f\x7f-\x9f{invisible}\ufffe\uffff]"},
    }


def _marks() -> str:
    """
    A regular expression of the marks documents print where a figure is
    not shown ("-", "N/A" ...); the empty mark is the optional group.
    """
    special = set("^$\\.*+?()[]{}|")
    return "|".join(
        "".join("\\" + c if c in special else c for c in mark)
        for mark in sorted(NOT_SHOWN)
        if mark
    )


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    """
    *schema*, or null. (Rather than "anyOf", so that validators name what
    is wrong inside a value that is not null.)
    """
    return {"if": {"type": "null"}, "else": schema}


def _plain(value: object) -> object:
    """
    A default value of the model as a file writes it.
    """
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


# The report file -------------------------------------------------------------

#: The definitions (in ``$defs``) of the types of the model's fields: the
#: types the converter has a hook for, and the classes it reads as their
#: fields.
_DEFINED: dict[object, str] = {
    str: "text",
    dt.date: "date",
    DocumentNumber: "document_number",
    Authority: "authority",
    Basis: "basis",
    Counts: "counts",
    Period: "period",
    Block: "block",
    Issuer: "issuer",
    Section: "section",
    Signer: "signer",
    Appendix: "appendix",
    AppendixRow: "row",
}


def _of_type(hint: object) -> dict[str, Any]:
    """
    The schema of a field's type, as the converter reads it: a type it
    has a definition for, a tuple as an array, an optional type as that
    type or null.
    """
    if hint in _DEFINED:
        return _ref(_DEFINED[hint])
    arguments = typing.get_args(hint)
    if typing.get_origin(hint) is tuple:
        return {"type": "array", "items": _of_type(arguments[0])}
    if type(None) in arguments:
        (inner,) = (a for a in arguments if a is not type(None))
        return _or_null(_of_type(inner))
    msg = f"no schema for the type {hint!r}"  # pragma: no cover
    raise TypeError(msg)  # pragma: no cover


def _fields(cls: type[attrs.AttrsInstance]) -> dict[str, Any]:
    """
    The schema of a table whose keys are the fields of *cls*: a field
    without a default is required, and no other key is allowed.
    """
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        schema = _of_type(hints[field.name])
        if field.default is attrs.NOTHING:
            required.append(field.name)
        elif field.default is not None:
            schema["default"] = _plain(field.default)
        properties[field.name] = schema
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _counts() -> dict[str, Any]:
    """
    Counts by their keys in the figure catalogue; null is an unknown
    figure, as leaving it out is.
    """
    return {
        "description": (
            "Counts of dossiers by key, each a whole number from 0; a "
            "figure not known is left out (or null)."
        ),
        "type": "object",
        "properties": {
            count.key: {
                "title": count.heading,
                "description": count.doc,
                "type": ["integer", "null"],
                "minimum": 0,
            }
            for count in figures.counts()
        },
        "additionalProperties": False,
    }


def _period() -> dict[str, Any]:
    """
    A period by its kind: a calendar period by its year and number
    (``{"kind": "month", "year": 2023, "month": 2}``), a range by its
    first and last day.
    """
    year = {"type": "integer", "minimum": dt.MINYEAR, "maximum": dt.MAXYEAR}
    kinds = []
    for kind in PeriodKind:
        keys: dict[str, Any]
        if kind is PeriodKind.RANGE:
            keys = {"start": _ref("date"), "end": _ref("date")}
        else:
            keys = {"year": year}
            numbering = NUMBERING.get(kind.value)
            if numbering is not None:
                keys[numbering.key] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": numbering.highest,
                }
        kinds.append(
            {
                "if": {
                    "properties": {"kind": {"const": kind.value}},
                    "required": ["kind"],
                },
                "then": {
                    "properties": {"kind": {"const": kind.value}, **keys},
                    "required": ["kind", *keys],
                    "additionalProperties": False,
                },
            }
        )
    return {
        "description": (
            "The period reported on: its kind, and the year and number of "
            "a calendar period or the first and last day of a range."
        ),
        "type": "object",
        "properties": {"kind": {"enum": [kind.value for kind in PeriodKind]}},
        "required": ["kind"],
        "allOf": kinds,
    }


def _block() -> dict[str, Any]:
    """
    A block of a section: a paragraph as a string, a bullet, or the place
    of the paragraph of figures.
    """
    return {
        "description": (
            'A paragraph (a string, or {"paragraph": "...", "paragraph_en": '
            '"..."} with its English), a bullet ({"bullet": "...", '
            '"bullet_en": "..."}) or the place of the paragraph of figures '
            '({"insert": "figures"}).'
        ),
        "oneOf": [
            _ref("paragraph_text"),
            {
                "type": "object",
                "properties": {
                    "paragraph": _ref("paragraph_text"),
                    "paragraph_en": _ref("paragraph_text"),
                },
                "required": ["paragraph"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {
                    "bullet": _ref("paragraph_text"),
                    "bullet_en": _ref("paragraph_text"),
                },
                "required": ["bullet"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"insert": {"const": "figures"}},
                "required": ["insert"],
                "additionalProperties": False,
            },
        ],
    }


def _authority() -> dict[str, Any]:
    """
    An authority by its abbreviation, in any case, with or without its
    dot, as `hcc_report.Authority.parse` reads it.
    """
    names = [member.value for member in Authority]
    any_case = "|".join(
        "".join(f"[{c.upper()}{c.lower()}]" for c in name) for name in names
    )
    return {
        "description": (
            f"The authority the signer signs under: {', '.join(names)}, in "
            "any case, with or without a final dot."
        ),
        "type": "string",
        "pattern": rf"^\s*(?:{any_case})\.?\s*$",
        "examples": ["KT"],
    }


def _section() -> dict[str, Any]:
    section = {
        "description": (
            "A numbered section: its heading, blocks and subsections."
        ),
        **_fields(Section),
    }
    # Two levels only: a subsection has no subsections of its own.
    section["properties"]["subsections"]["items"] = {
        **_ref("section"),
        "properties": {"subsections": {"maxItems": 0}},
    }
    return section


def _appendix() -> dict[str, Any]:
    appendix = {
        "description": "The appendix: a table of counts per row (agency).",
        **_fields(Appendix),
    }
    appendix["properties"]["rows"]["minItems"] = 1
    return appendix


def _row() -> dict[str, Any]:
    """
    An appendix row: the agency's fields and its counts side by side.
    """
    agency = _fields(Agency)
    return {
        "description": (
            "A row of the appendix: the agency (name, short_name, code, "
            "group, name_en, group_en) and its counts, side by side."
        ),
        "type": "object",
        "properties": {
            **agency["properties"],
            **_counts()["properties"],
        },
        "required": agency["required"],
        "additionalProperties": False,
    }


def report_schema() -> dict[str, Any]:
    """
    Return the JSON Schema of a report file.

    It describes the JSON form of :doc:`/reference/report-format`, dates
    as ``"YYYY-MM-DD"`` strings; a TOML report file has the same layout
    once parsed, with its dates written so. Each call returns a new dict.

    >>> schema = report_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["counts"]["properties"]["late"]["minimum"]
    0
    >>> schema["$defs"]["period"]["properties"]["kind"]["enum"]
    ['month', 'quarter', 'half', 'first-months', 'year', 'range']
    """
    report = _fields(Report)
    return {
        "$schema": _DIALECT,
        "$id": _BASE_ID + "report.schema.json",
        "title": "hcc-report report file",
        "description": (
            "A periodic report of a public administration service centre, "
            "as hcc-report reads it from JSON (a TOML file has the same "
            "layout, its dates written as YYYY-MM-DD strings). The schema "
            "checks the shape and each value; the loader also checks that "
            "the figures add up."
        ),
        "type": "object",
        "properties": {
            "schema_version": {
                "description": "The version of the layout; 1 if left out.",
                "const": SCHEMA_VERSION,
            },
            **report["properties"],
        },
        "required": report["required"],
        "additionalProperties": False,
        "$defs": {
            "issuer": {
                "description": "The issuing body, printed at the top left.",
                **_fields(Issuer),
            },
            "document_number": {
                "description": (
                    "The document's number and symbol, such as 04/BC-TTHCC."
                ),
                "type": "string",
                "examples": ["04/BC-TTHCC"],
            },
            "date": {
                "description": "A date, YYYY-MM-DD.",
                "type": "string",
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "maxLength": 10,
            },
            "period": _period(),
            "counts": _counts(),
            "block": _block(),
            "section": _section(),
            "signer": {
                "description": (
                    "Who signs the report, and under which authority."
                ),
                **_fields(Signer),
            },
            "authority": _authority(),
            "appendix": _appendix(),
            "basis": {
                "description": (
                    "Whether the figures are the period's or cumulative "
                    "from 1 January."
                ),
                "enum": [basis.value for basis in Basis],
            },
            "row": _row(),
            "text": _text(),
            "paragraph_text": _text(MAX_TEXT),
        },
    }


# Published figures -----------------------------------------------------------

#: A count as printed, as the reader reads it (with
#: `hcc_report.formatting.parse_number`, in either notation): digits
#: grouped by dots, by commas or not at all (no plus sign).
_COUNT_TEXT = (
    r"(?:[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[1-9][0-9]{0,2}(?:,[0-9]{3})+"
    r"|[0-9]+)"
)
#: A percentage as printed, as `hcc_report.published.rate_text_problem`
#: takes it: digits grouped by one mark or not at all, decimals after
#: either mark, then "%" if printed.
_PERCENT_TEXT = (
    r"(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
    r"(?:[.,][0-9]+)?\s*%?"
)


def _count() -> dict[str, Any]:
    return {
        "description": (
            "A count as printed: a whole number from 0, or its text "
            '("10.078", "10,078"); a mark such as "-", an empty text or '
            "null where none is printed."
        ),
        "anyOf": [
            {"type": "integer", "minimum": 0},
            {
                "type": "string",
                "pattern": rf"^\s*(?:{_COUNT_TEXT}|{_marks()})?\s*$",
            },
            {"type": "null"},
        ],
    }


def _rate() -> dict[str, Any]:
    return {
        "description": (
            'A rate as printed, as text: "99,79%", "99.49", "100 %", or a '
            'mark such as "-"; null where none is printed.'
        ),
        "anyOf": [
            {
                "type": "string",
                "pattern": rf"^\s*(?:{_PERCENT_TEXT}|{_marks()})?\s*$",
            },
            {"type": "null"},
        ],
    }


def _figures() -> dict[str, Any]:
    """
    The counts and rates of the figure catalogue, by key.
    """
    properties: dict[str, Any] = {}
    for figure in figures.CATALOGUE.figures:
        properties[figure.key] = {
            **_ref(figure.kind),
            "title": figure.heading,
            "description": figure.doc,
        }
    return {
        "description": "Counts and rates by their keys in the catalogue.",
        "type": "object",
        "properties": properties,
    }


def _default(cls: type[attrs.AttrsInstance], name: str) -> object:
    return _plain(attrs.fields_dict(cls)[name].default)


def _column() -> dict[str, Any]:
    """
    How a column was printed, or a rate declared by its counts.
    """
    counts = {
        "type": "array",
        "items": {"enum": [count.key for count in figures.counts()]},
    }

    def both(one: str, other: str) -> dict[str, Any]:
        # A declared rate has both a numerator and a denominator.
        return {
            "if": {
                "properties": {one: {"minItems": 1}},
                "required": [one],
            },
            "then": {
                "properties": {other: {"minItems": 1}},
                "required": [other],
            },
        }

    return {
        "description": (
            "How a column was printed (heading, group, places), or a rate "
            "the catalogue does not have, declared by its counts "
            "(numerator, denominator)."
        ),
        "type": "object",
        "properties": {
            "heading": _or_null(_ref("text")),
            "group": _or_null(_ref("text")),
            "numerator": counts,
            "denominator": counts,
            "places": {"type": ["integer", "null"], "minimum": 0},
            "known": {
                "type": "boolean",
                "default": _default(PublishedColumn, "known"),
            },
        },
        "additionalProperties": False,
        "allOf": [
            both("numerator", "denominator"),
            both("denominator", "numerator"),
        ],
    }


def _row_of(*, required: list[str], description: str) -> dict[str, Any]:
    """
    A row of a published table: its name, number and group as printed,
    and its figures. Any other key is kept: a figure named by its printed
    heading, a rate declared in the columns, or a column the library does
    not know.
    """
    return {
        "description": description,
        "type": "object",
        "$ref": "#/$defs/figures",
        "properties": {
            "name": _ref("text"),
            "number": {"type": ["string", "integer", "null"]},
            "group": _or_null(_ref("text")),
            "subtotal": {
                "type": "boolean",
                "default": _default(PublishedRow, "subtotal"),
            },
            "other": {
                "description": "Cells of columns the library does not know.",
                "type": "object",
                "additionalProperties": {"type": "string"},
            },
        },
        "required": required,
        "additionalProperties": {
            "description": (
                "A figure by the heading the document prints, a rate "
                "declared in the table's columns, or a column the library "
                "does not know (kept as text)."
            )
        },
        # The printed subtotal of a group is a row of that group.
        "if": {
            "properties": {"subtotal": {"const": True}},
            "required": ["subtotal"],
        },
        "then": {"properties": {"group": _ref("text")}, "required": ["group"]},
    }


def _table() -> dict[str, Any]:
    return {
        "description": "A printed table: its rows, total row and columns.",
        "type": "object",
        "properties": {
            "title": {"type": ["string", "null"]},
            "basis": _ref("basis"),
            "decimal_mark": {"enum": [",", ".", None]},
            "places": {
                "anyOf": [
                    {"type": "integer", "minimum": 0},
                    {"const": AS_PRINTED},
                ]
            },
            "notation": _ref("notation"),
            "columns": _ref("columns"),
            "rows": {"type": "array", "items": _ref("row"), "minItems": 1},
            "total": _ref("total"),
            "total_first": {
                "type": "boolean",
                "default": _default(PublishedTable, "total_first"),
            },
            "rows_are": {
                "enum": list(typing.get_args(RowKind)),
                "default": _default(PublishedTable, "rows_are"),
            },
            "heading_lines": {
                "type": "integer",
                "minimum": 1,
                "default": _default(PublishedTable, "heading_lines"),
            },
        },
        "required": ["rows"],
        "additionalProperties": False,
    }


def _paragraph() -> dict[str, Any]:
    """
    The figures a paragraph of the body states: the catalogue's, and
    rates declared in its columns.
    """
    keys = [figure.key for figure in figures.CATALOGUE.figures]
    return {
        "description": (
            "The figures a paragraph of the body states, by key; a rate "
            "the catalogue does not have is declared in columns."
        ),
        "type": "object",
        "$ref": "#/$defs/figures",
        "properties": {"columns": _ref("columns")},
        "unevaluatedProperties": {
            **_ref("rate"),
            "description": "A rate declared in columns.",
        },
        # Without columns, every key is a figure of the catalogue.
        "if": {"not": {"required": ["columns"]}},
        "then": {"propertyNames": {"enum": keys}},
    }


def published_schema() -> dict[str, Any]:
    """
    Return the JSON Schema of published figures.

    It describes the JSON form of :doc:`/reference/published-format`
    (a TOML file has the same layout once parsed); a CSV file is read
    another way. Each call returns a new dict.

    >>> schema = published_schema()
    >>> list(schema["properties"])
    ['number', 'issued', 'period', 'notation', 'paragraph', 'table',
     'period_table']
    >>> schema["$defs"]["table"]["required"]
    ['rows']
    """
    return {
        "$schema": _DIALECT,
        "$id": _BASE_ID + "published.schema.json",
        "title": "hcc-report published figures",
        "description": (
            "The figures of a report as it printed them, as hcc-report "
            "reads them from JSON (a TOML file has the same layout) to "
            "audit them. Nothing needs to add up: the audit checks that."
        ),
        "type": "object",
        "properties": {
            "number": {
                "description": "The document's number as printed.",
                "type": "string",
            },
            "issued": {
                "description": (
                    "The day the report was issued, YYYY-MM-DD: one issued "
                    "before its period ends is warned of."
                ),
                "type": "string",
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "maxLength": 10,
            },
            "period": {
                "description": "The period as the document names it.",
                "type": "string",
                "examples": ["tháng 02 năm 2023", "quý I/2023", "2023-02"],
            },
            "notation": _ref("notation"),
            "paragraph": {
                "description": "The figures the body states.",
                "type": "object",
                "properties": {
                    "period": _ref("paragraph"),
                    "cumulative": _ref("paragraph"),
                },
                "additionalProperties": False,
            },
            "table": _ref("table"),
            "period_table": _ref("table"),
        },
        "additionalProperties": False,
        "$defs": {
            "notation": {
                "description": (
                    'The notation of printed numbers: "vi" ("10.078", '
                    '"99,79%") or "en" ("10,078", "99.79%").'
                ),
                "enum": ["vi", "en"],
            },
            "paragraph": _paragraph(),
            "table": _table(),
            "row": _row_of(required=["name"], description="A printed row."),
            "total": _row_of(
                required=[],
                description=(
                    'The printed total row; its name defaults to "Tổng cộng".'
                ),
            ),
            "columns": {
                "description": "The columns declared, by key.",
                "type": "object",
                "propertyNames": _ref("text"),
                "additionalProperties": _ref("column"),
            },
            "column": _column(),
            "figures": _figures(),
            "count": _count(),
            "rate": _rate(),
            "basis": {
                "description": (
                    "Whether the rows are the period's figures or "
                    "cumulative ones."
                ),
                "enum": [basis.value for basis in Basis],
            },
            "text": _text(),
        },
    }


# The files -------------------------------------------------------------------

_SCHEMAS = {"report": report_schema, "published": published_schema}


def _json(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_text(name: Literal["report", "published"]) -> str:
    """
    Return the schema *name*, ``"report"`` or ``"published"``, as the text
    of its file: JSON in UTF-8 (not ``\\u`` escapes), indented by two
    spaces, with a final newline. This is what ``hcc-report schema``
    prints and what the package ships in ``hcc_report/schemas``.

    >>> for line in schema_text("published").splitlines()[:3]:
    ...     print(line)
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://hcc-report.readthedocs.io/schema/published.schema.json",

    Raises:
        ~hcc_report.errors.ArgumentError: *name* is neither.
    """
    if name not in _SCHEMAS:
        msg = f"name must be 'report' or 'published', got {name!r}"
        raise ArgumentError(msg)
    return _json(_SCHEMAS[name]())


def _write(folder: Path) -> None:
    """
    Write both schemas into *folder*, as the package ships them.
    """
    for name, schema in _SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        path.write_text(_json(schema()), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    _write(Path(__file__).parent / "schemas")
