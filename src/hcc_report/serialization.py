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

No file is read or written here: that is `hcc_report.loaders`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from hcc_report import figures
from hcc_report.errors import (
    ArgumentTypeError,
    ParseError,
    Problem,
    UnknownStyleError,
    ValidationError,
)
from hcc_report.formatting import parse_number
from hcc_report.model import (
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
from hcc_report.published import (
    PublishedReport,
    PublishedRow,
    PublishedTable,
    rate_text_problem,
)
from hcc_report.styles import DECREE_30, Style, get_style


if TYPE_CHECKING:
    import cattrs


__all__ = [
    "SCHEMA_VERSION",
    "published_from_dict",
    "report_from_dict",
    "report_to_dict",
    "style_from_dict",
]

#: The version of the report file layout that this library writes and
#: reads.
SCHEMA_VERSION = 1

T = TypeVar("T")

#: A place in plain data: keys of tables and indexes of arrays.
Path = tuple[str | int, ...]


class _Invalid(Exception):  # noqa: N818  (an internal signal, not an error)
    """
    What a hook found wrong, with paths relative to the value it read.
    """

    def __init__(self, problems: Iterable[tuple[Path, str]]) -> None:
        self.problems = list(problems)
        super().__init__(self.problems)


def _invalid(message: str, path: Path = ()) -> _Invalid:
    return _Invalid([(path, message)])


# Paths and problems ----------------------------------------------------------


_SEGMENT = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def _parse_path(text: str) -> Path:
    """
    The segments of a path as the model writes it: ``rows[3].agency.name``.
    """
    return tuple(
        int(index) if index else key for index, key in _SEGMENT.findall(text)
    )


def _path_text(path: Path) -> str:
    text = ""
    for segment in path:
        if isinstance(segment, int):
            text += f"[{segment}]"
        else:
            text += f".{segment}" if text else segment
    return text


def _model_problems(error: ValidationError) -> list[tuple[Path, str]]:
    return [(_parse_path(p.path), p.message) for p in error.problems]


def _position(data: object, path: Path) -> tuple[int, ...]:
    """
    Where *path* is in *data*, for listing problems in the data's order: a
    key that is not there (a missing one) comes after those that are.
    """
    positions = []
    for segment in path:
        if isinstance(data, Mapping):
            keys = list(data)
            positions.append(
                keys.index(segment) if segment in keys else len(keys)
            )
            data = data.get(segment)
        elif isinstance(data, list) and isinstance(segment, int):
            positions.append(segment)
            data = data[segment] if segment < len(data) else None
        else:
            positions.append(0)
            data = None
    return tuple(positions)


def _unknown_keys(
    value: Mapping[str, Any], allowed: Iterable[str]
) -> list[tuple[Path, str]]:
    # Imported here: difflib is only needed when a key is wrong.
    import difflib  # noqa: PLC0415

    allowed = list(allowed)
    problems: list[tuple[Path, str]] = []
    for key in value:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(((key,), f"unknown key{hint}"))
    return problems


def _mapping_of(value: object) -> Mapping[str, Any]:
    """
    *value*, if it is a table (a mapping).
    """
    if not isinstance(value, Mapping):
        msg = f"must be a table, got {value!r}"
        raise _invalid(msg)
    return value


def _table(
    value: object,
    *,
    required: Sequence[str] = (),
    optional: Iterable[str] = (),
) -> Mapping[str, Any]:
    """
    *value* as a table with only the keys allowed and the required ones.
    """
    value = _mapping_of(value)
    problems = _unknown_keys(value, [*required, *optional])
    problems.extend(
        ((key,), "is required") for key in required if key not in value
    )
    if problems:
        raise _Invalid(problems)
    return value


class _Collector:
    """
    Reads the parts of a value, collecting every problem under its place.
    """

    def __init__(self) -> None:
        self.problems: list[tuple[Path, str]] = []

    def read(
        self,
        at: Path,
        value: object,
        read: Callable[[object], T],
    ) -> T | None:
        """
        Return ``read(value)``, or ``None`` after noting its problems as
        those of *at*.
        """
        try:
            return read(value)
        except Exception as error:  # noqa: BLE001  (_problems re-raises bugs)
            self.problems.extend(
                ((*at, *path), message)
                for path, message in _problems(error, value)
            )
        return None

    def done(self) -> None:
        if self.problems:
            raise _Invalid(self.problems)


def _problems(
    error: Exception, value: object, cls: object = None
) -> list[tuple[Path, str]]:
    """
    The problems of a failed reading of *value*, with relative paths.

    *error* is what a hook raised, a model's `ValidationError`, or what
    cattrs raised (a group of those, each noted with its attribute or
    index); anything else is a bug and is raised again.
    """
    from cattrs.errors import (  # noqa: PLC0415
        AttributeValidationNote,
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(error, _Invalid):
        return error.problems
    if isinstance(error, ValidationError):
        rename = _RENAMES.get(cls, _same)  # type: ignore[call-overload]
        return [(rename(path), m) for path, m in _model_problems(error)]
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        result: list[tuple[Path, str]] = []
        noted, others = error.group_exceptions()
        for sub, note in noted:
            at = (
                note.name
                if isinstance(note, AttributeValidationNote)
                else note.index
            )
            inner = value.get(at) if isinstance(value, Mapping) else None
            result.extend(
                ((at, *path), m) for path, m in _problems(sub, inner, error.cl)
            )
        for sub in others:
            result.extend(_problems(sub, value, error.cl))
        return result
    if isinstance(error, ForbiddenExtraKeysError):
        names = [field.name for field in attrs.fields(error.cl)]
        extra = {k: None for k in _keys(value) if k in error.extra_fields}
        return _unknown_keys(extra, names)
    if isinstance(error, KeyError):  # cattrs: a required key is missing
        return [((), "is required")]
    raise error


def _same(path: Path) -> Path:
    return path


def _keys(value: object) -> list[Any]:
    return list(value) if isinstance(value, Mapping) else []


def _build(factory: Callable[..., T], /, **kwargs: Any) -> T:
    """
    Call a model constructor, turning its problems into relative paths.
    """
    try:
        return factory(**kwargs)
    except ValidationError as error:
        raise _Invalid(_model_problems(error)) from None


# Structure hooks -------------------------------------------------------------


def _as_is(value: object, _: object) -> object:
    # Texts are checked by the model, which names them.
    return value


def _date(value: object, _: object = None) -> dt.date:
    if isinstance(value, str) and re.fullmatch(
        r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value
    ):
        # (fromisoformat alone also takes "20230302" from Python 3.11.)
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    msg = f"must be a date (YYYY-MM-DD), got {value!r}"
    raise _invalid(msg)


def _member(cls: type[enum.Enum], value: object) -> Any:
    for member in cls:
        if value == member.value:
            return member
    names = ", ".join(repr(member.value) for member in cls)
    msg = f"must be one of {names}, got {value!r}"
    raise _invalid(msg)


def _of_enum(cls: type[enum.Enum]) -> Callable[[object], Any]:
    return functools.partial(_member, cls)


def _document_number(value: object, _: object) -> DocumentNumber:
    return DocumentNumber.parse(value)  # type: ignore[arg-type]


def _authority(value: object, _: object) -> Authority:
    # "KT." and "kt" are read as "KT", as Signer reads them.
    if isinstance(value, str):
        try:
            return Authority.parse(value)
        except ParseError:
            pass
    return _member(Authority, value)  # type: ignore[no-any-return]


def _sequence_hook(
    converter: cattrs.Converter, item: Any
) -> Callable[[object, object], tuple[Any, ...]]:
    def structure(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, (list, tuple)):
            msg = f"must be an array (list), got {value!r}"
            raise _invalid(msg)
        collector = _Collector()
        items = [
            collector.read((i,), v, functools.partial(_as, converter, item))
            for i, v in enumerate(value)
        ]
        collector.done()
        return tuple(items)

    return structure


def _as(converter: cattrs.Converter, cls: Any, value: object) -> Any:
    return converter.structure(value, cls)


def _counts(value: object, _: object) -> Counts:
    keys = [count.key for count in figures.counts()]
    raw = _table(value, optional=keys)
    return _build(Counts, **raw)


def _period(value: object, _: object) -> Period:
    value = _mapping_of(value)
    if "kind" not in value:
        raise _invalid("is required", ("kind",))
    collector = _Collector()
    kind = collector.read(("kind",), value["kind"], _of_enum(PeriodKind))
    collector.done()
    if kind is PeriodKind.RANGE:
        raw = _table(value, required=("kind", "start", "end"))
        start = collector.read(("start",), raw["start"], _date)
        end = collector.read(("end",), raw["end"], _date)
        collector.done()
        return _build(Period.between, start=start, end=end)
    number = kind.number_key  # type: ignore[union-attr]
    raw = _table(value, required=("kind", "year", *filter(None, [number])))
    # Period.calendar names its problems after the number's key ("month").
    return _build(
        Period.calendar,
        kind=kind,
        year=raw["year"],
        number=None if number is None else raw[number],
    )


_BLOCK_FORMS = (
    'must be a paragraph (a string), a bullet ({bullet = "..."}) or an '
    'insert ({insert = "figures"})'
)


def _block(value: object, _: object) -> Block:
    if isinstance(value, str):
        try:
            return Paragraph(text=value)
        except ValidationError as error:
            raise _Invalid(((), p.message) for p in error.problems) from None
    if isinstance(value, Mapping) and "bullet" in value:
        raw = _table(value, required=("bullet",))
        try:
            return Bullet(text=raw["bullet"])
        except ValidationError as error:
            raise _Invalid(
                (("bullet",), p.message) for p in error.problems
            ) from None
    if isinstance(value, Mapping) and "insert" in value:
        raw = _table(value, required=("insert",))
        if raw["insert"] != "figures":
            msg = f"must be 'figures', got {raw['insert']!r}"
            raise _invalid(msg, ("insert",))
        return FiguresParagraph()
    msg = f"{_BLOCK_FORMS}, got {value!r}"
    raise _invalid(msg)


_AGENCY_KEYS = tuple(field.name for field in attrs.fields(Agency))


def _appendix_row(value: object, _: object) -> AppendixRow:
    # A row holds an agency's fields and its counts side by side.
    keys = [count.key for count in figures.counts()]
    raw = _table(
        value, required=("name",), optional=(*_AGENCY_KEYS[1:], *keys)
    )
    collector = _Collector()
    agency = collector.read(
        (),
        {k: v for k, v in raw.items() if k in _AGENCY_KEYS},
        lambda fields: Agency(**fields),  # type: ignore[arg-type]
    )
    counts = collector.read(
        (),
        {k: v for k, v in raw.items() if k not in _AGENCY_KEYS},
        lambda fields: Counts(**fields),  # type: ignore[arg-type]
    )
    collector.done()
    assert agency is not None  # noqa: S101  (no problem, so read)
    assert counts is not None  # noqa: S101
    return AppendixRow(agency=agency, counts=counts)


def _published_count(value: object) -> int:
    """
    A printed count: an int, or text read strictly ("3801", "10.078").
    """
    if isinstance(value, str):
        try:
            value = parse_number(value)
        except ParseError as error:
            msg = f"must be a count: {error}"
            raise _invalid(msg) from None
        if not isinstance(value, int):
            msg = f"must be a whole count, got {value} (a decimal)"
            raise _invalid(msg)
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"must be a count, got {value!r}"
        raise _invalid(msg)
    return value


def _published_text(value: object) -> str:
    problem = rate_text_problem(value)
    if problem is not None:
        raise _invalid(problem)
    assert isinstance(value, str)  # noqa: S101  (a readable rate is text)
    return value


def _published_row(value: object, _: object) -> PublishedRow:
    count_keys = [count.key for count in figures.counts()]
    rate_keys = [rate.key for rate in figures.rates()]
    raw = _table(
        value, required=("name",), optional=("number", *count_keys, *rate_keys)
    )
    collector = _Collector()
    counts = {
        key: collector.read((key,), raw[key], _published_count)
        for key in count_keys
        if raw.get(key) not in (None, "")
    }
    rates = {
        key: collector.read((key,), raw[key], _published_text)
        for key in rate_keys
        if raw.get(key) is not None
    }
    collector.done()
    number = raw.get("number")
    return _build(
        PublishedRow,
        name=raw["name"],
        number=None if number in (None, "") else str(number),
        counts=counts,
        rates=rates,
    )


def _named(name: str) -> Callable[[object], PublishedRow]:
    """
    Read a row that need not print a name: a total row, or a paragraph's
    figures.
    """

    def read(value: object) -> PublishedRow:
        if isinstance(value, Mapping):
            value = {"name": name, **value}
        return _published_row(value, None)

    return read


def _published_table(value: object, _: object) -> PublishedTable:
    raw = _table(
        value,
        required=("rows",),
        optional=("title", "basis", "decimal_mark", "places", "total"),
    )
    collector = _Collector()
    rows = collector.read(
        ("rows",),
        raw["rows"],
        functools.partial(_as, _converter(), tuple[PublishedRow, ...]),
    )
    total = None
    if "total" in raw:
        total = collector.read(("total",), raw["total"], _named("Tổng cộng"))
    basis = None
    if "basis" in raw:
        basis = collector.read(("basis",), raw["basis"], _of_enum(Basis))
    collector.done()
    return _build(
        PublishedTable,
        rows=rows,
        total=total,
        title=raw.get("title"),
        basis=basis,
        decimal_mark=raw.get("decimal_mark"),
        places=raw.get("places"),
    )


def _published_report(value: object, _: object) -> PublishedReport:
    raw = _mapping_of(value)
    collector = _Collector()
    # Unknown keys do not stop the rest from being read.
    collector.problems.extend(
        _unknown_keys(raw, ("number", "period", "paragraph", "table"))
    )
    parts: dict[str, Any] = {}
    if "table" in raw:
        parts["table"] = collector.read(
            ("table",),
            raw["table"],
            functools.partial(_published_table, _=None),
        )
    paragraphs = collector.read(
        ("paragraph",),
        raw.get("paragraph", {}),
        functools.partial(_table, optional=("period", "cumulative")),
    )
    for key, field in (
        ("period", "period_figures"),
        ("cumulative", "cumulative_figures"),
    ):
        if paragraphs is not None and key in paragraphs:
            row = collector.read(
                ("paragraph", key), paragraphs[key], _named("-")
            )
            parts[field] = None if row is None else row.figures
    if "period" in raw:
        # The period as the document names it: "tháng 02 năm 2023".
        parts["period"] = collector.read(
            ("period",), raw["period"], _period_text
        )
    if "number" in raw:
        parts["number"] = collector.read(("number",), raw["number"], _text)
    collector.done()
    return PublishedReport(**parts)


def _period_text(value: object) -> Period:
    try:
        return Period.parse(value)  # type: ignore[arg-type]
    except ParseError as error:
        raise _invalid(str(error)) from None


def _text(value: object) -> str:
    if not isinstance(value, str):
        msg = f"must be text, got {value!r}"
        raise _invalid(msg)
    return value


# Unstructure hooks -----------------------------------------------------------


def _block_data(block: Block) -> object:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, Bullet):
        return {"bullet": block.text}
    return {"insert": "figures"}


def _period_data(period: Period) -> dict[str, Any]:
    if period.kind is PeriodKind.RANGE:
        return {"kind": "range", "start": period.start, "end": period.end}
    data: dict[str, Any] = {"kind": period.kind.value, "year": period.end.year}
    if period.kind.number_key is not None:
        data[period.kind.number_key] = period.number
    return data


def _row_data(row: AppendixRow) -> dict[str, Any]:
    agency = {
        key: value
        for key in _AGENCY_KEYS
        if (value := getattr(row.agency, key)) is not None
    }
    return agency | row.counts.known()


# The converter ---------------------------------------------------------------


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
    converter.register_structure_hook(str, _as_is)
    converter.register_structure_hook(DocumentNumber, _document_number)
    converter.register_structure_hook(dt.date, _date)
    converter.register_structure_hook(Authority, _authority)
    converter.register_structure_hook(Basis, lambda v, _: _member(Basis, v))
    converter.register_structure_hook_factory(
        lambda t: getattr(t, "__origin__", None) is tuple,
        lambda t: _sequence_hook(converter, t.__args__[0]),
    )
    converter.register_structure_hook(Counts, _counts)
    converter.register_structure_hook(Period, _period)
    converter.register_structure_hook(Block, _block)
    converter.register_structure_hook(AppendixRow, _appendix_row)
    converter.register_structure_hook(PublishedRow, _published_row)
    converter.register_structure_hook(PublishedTable, _published_table)
    converter.register_structure_hook(PublishedReport, _published_report)
    classes: tuple[type, ...] = (Issuer, Section, Appendix, Signer, Report)
    for cls in classes:
        converter.register_structure_hook(
            cls, _mapping(make_dict_structure_fn(cls, converter))
        )

    converter.register_unstructure_hook(DocumentNumber, str)
    converter.register_unstructure_hook(Counts, Counts.known)
    converter.register_unstructure_hook(Period, _period_data)
    converter.register_unstructure_hook(Block, _block_data)
    for block in (Paragraph, Bullet, FiguresParagraph):
        converter.register_unstructure_hook(block, _block_data)
    converter.register_unstructure_hook(AppendixRow, _row_data)
    # The basis and where copies are filed are written even when they are
    # the defaults, so that a file says them.
    overrides: dict[type, dict[str, Any]] = {
        Appendix: {"basis": override(omit_if_default=False)},
        Report: {"archive": override(omit_if_default=False)},
    }
    for cls in classes:
        converter.register_unstructure_hook(
            cls,
            _in_field_order(
                cls,
                make_dict_unstructure_fn(
                    cls,
                    converter,
                    _cattrs_omit_if_default=True,
                    **overrides.get(cls, {}),
                ),
            ),
        )
    return converter


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


def _mapping(
    structure: Callable[[Any, Any], T],
) -> Callable[[object, object], T]:
    def hook(value: object, cls: object) -> T:
        return structure(_mapping_of(value), cls)

    return hook


def _read(
    data: object,
    read: Callable[[object], T],
    *,
    subject: str,
    source: str,
) -> T:
    """
    Return ``read(data)``, or raise every problem in the data's order.
    """
    collector = _Collector()
    result = collector.read((), data, read)
    if not collector.problems:
        return result  # type: ignore[return-value]
    problems = sorted(collector.problems, key=lambda p: _position(data, p[0]))
    raise ValidationError(
        (Problem(_path_text(path), message) for path, message in problems),
        subject=subject,
        source=source,
    )


def _structure(data: object, cls: type[T], *, subject: str, source: str) -> T:
    structured: T = _read(
        data,
        functools.partial(_as, _converter(), cls),
        subject=subject,
        source=source,
    )
    return structured


def _appendix_path(path: Path) -> Path:
    # A row's agency and counts sit in the row itself in the file.
    match path:
        case ("rows", int(index), "agency" | "counts", *rest):
            return ("rows", index, *rest)
    return path


_RENAMES: Mapping[type, Callable[[Path], Path]] = {Appendix: _appendix_path}


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
    data: dict[str, Any] = _converter().unstructure(report)
    return {"schema_version": SCHEMA_VERSION, **data}


def report_from_dict(data: object, *, source: str = "") -> Report:
    """
    Build a report from plain data, as read from a TOML or JSON file.

    Dates may be `datetime.date` objects (TOML) or ``YYYY-MM-DD`` strings
    (JSON).

    Raises:
        ~hcc_report.errors.ValidationError: The data is not a valid report;
            the error lists every problem with its path, in the order of
            the data. *source* (a file name) is put in its message.
    """
    if isinstance(data, Mapping) and "schema_version" in data:
        version = data["schema_version"]
        data = {k: v for k, v in data.items() if k != "schema_version"}
        if type(version) is not int or version != SCHEMA_VERSION:
            problem = Problem(
                "schema_version",
                f"this version of hcc-report reads version {SCHEMA_VERSION}, "
                f"got {version!r}",
            )
            try:
                _structure(data, Report, subject="report", source=source)
            except ValidationError as error:
                problems = [problem, *error.problems]
            else:
                problems = [problem]
            raise ValidationError(problems, subject="report", source=source)
    return _structure(data, Report, subject="report", source=source)


def published_from_dict(data: object, *, source: str = "") -> PublishedReport:
    """
    Build published figures from plain data (a TOML or JSON file's).

    Counts may be ints or text as printed ("10.078"); rates are text as
    printed ("99,79%"). The layout is in :doc:`/reference/published-format`.

    Raises:
        ~hcc_report.errors.ValidationError: Every problem, with its place.
    """
    return _structure(
        data, PublishedReport, subject="published figures", source=source
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
    return _read(data, _style, subject="style", source=source)


def _preset(name: object) -> Style:
    try:
        return get_style(name)  # type: ignore[arg-type]
    except (UnknownStyleError, ArgumentTypeError) as error:
        raise _invalid(str(error)) from None


def _style(value: object) -> Style:
    value = _mapping_of(value)
    fields = [field.name for field in attrs.fields(Style)]
    collector = _Collector()
    collector.problems.extend(_unknown_keys(value, ("base", *fields)))
    base = collector.read(("base",), value.get("base", DECREE_30), _preset)
    changes = {}
    for key, item in value.items():
        if key not in fields:
            continue
        default = getattr(DECREE_30, key)
        if isinstance(default, enum.Enum):
            # Rounding and zero policy, by their values ("half-up").
            changes[key] = collector.read(
                (key,), item, _of_enum(type(default))
            )
        else:
            changes[key] = tuple(item) if isinstance(item, list) else item
    collector.done()
    assert base is not None  # noqa: S101  (no problem, so read)
    return _build(functools.partial(attrs.evolve, base), **changes)
