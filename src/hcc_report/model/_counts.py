"""
Dossier counts of one unit for one period.

The counts and their splits are those of the figure catalogue
(`hcc_report.figures`); this module keeps them as fast, immutable values.
"""

from __future__ import annotations

import linecache

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, final, overload

import attrs

from hcc_report import figures
from hcc_report._checks import check_type, too_big
from hcc_report.errors import Problem, ValidationError


__all__ = [
    "MAX_COUNT",
    "Counts",
    "SplitMismatch",
    "split_mismatches",
    "sum_figures",
]

#: The largest count a figure may be, under a trillion dossiers: far
#: above any province's (the national portal sees hundreds of millions a
#: year), and small enough that every output prints it whole.
MAX_COUNT = 999_999_999_999

#: The count keys, in the catalogue's order: the order of the values.
KEYS: tuple[str, ...] = tuple(count.key for count in figures.counts())
_INDEX = {key: i for i, key in enumerate(KEYS)}
#: The splits as positions: (whole, parts), inner splits first.
_SPLITS = tuple(
    (_INDEX[split.whole], tuple(_INDEX[part] for part in split.parts))
    for split in figures.splits()
)

#: Figures in the catalogue's order; ``None`` where unknown.
Values: TypeAlias = tuple[int | None, ...]


@attrs.frozen
class SplitMismatch:
    """
    A split whose known parts do not add up to its whole: they exceed it,
    or, all known, differ from it.
    """

    #: The whole's key ("processed").
    whole: str
    #: Its value.
    value: int
    #: The parts that are known, by key ("on_time", "late").
    parts: tuple[str, ...]
    #: Their values.
    part_values: tuple[int, ...]
    #: Whether every part is known (then they must add up to the whole;
    #: else their sum must not exceed it).
    complete: bool

    @property
    def parts_sum(self) -> int:
        """
        The sum of the known parts.
        """
        return sum(self.part_values)


def _mismatch(
    values: Values, whole: int, parts: tuple[int, ...]
) -> SplitMismatch:
    present = [part for part in parts if values[part] is not None]
    return SplitMismatch(
        whole=KEYS[whole],
        value=values[whole] or 0,
        parts=tuple(KEYS[part] for part in present),
        part_values=tuple(values[part] or 0 for part in present),
        complete=len(present) == len(parts),
    )


#: What `_resolve` returns: the figures with their derived wholes, the
#: splits that do not add up, and the wholes whose parts are all known.
_Resolved: TypeAlias = tuple[Values, list[SplitMismatch], list[int]]

#: The code of one split in `_resolve`.
_SPLIT_CODE = """\
    # {whole_key} = {part_keys}
    {names} = {reads}
    if {any_known}:
        given = values[{whole}]
        if {all_known}:
            derived.append({whole})
            total = {added}
            if given is None:
                values = (*values[:{whole}], total, *values[{whole} + 1 :])
            elif total != given:
                mismatches.append(_mismatch(values, {whole}, {parts}))
        elif given is not None and {known_added} > given:
            mismatches.append(_mismatch(values, {whole}, {parts}))
"""


def _compile_resolve() -> Callable[[Values], _Resolved]:
    """
    Write `_resolve` for the catalogue's splits, inner splits first, one
    block of `_SPLIT_CODE` a split, and compile it.

    `_resolve` runs for every sum of counts (`Counts._of`) and every
    printed table checked; straight code with the positions written in
    runs twice as fast as a loop over the splits (attrs writes its
    ``__init__`` the same way, and so does `_compile_init`).
    """
    blocks = []
    for whole, parts in _SPLITS:
        names = [f"p{part}" for part in parts]
        blocks.append(
            _SPLIT_CODE.format(
                whole_key=KEYS[whole],
                part_keys=" + ".join(KEYS[part] for part in parts),
                names=", ".join(names),
                reads=", ".join(f"values[{part}]" for part in parts),
                any_known=" or ".join(f"{n} is not None" for n in names),
                all_known=" and ".join(f"{n} is not None" for n in names),
                added=" + ".join(names),
                known_added=" + ".join(f"({n} or 0)" for n in names),
                whole=whole,
                parts=parts,
            )
        )
    source = (
        "def _resolve(values):\n"
        "    mismatches = []\n"
        "    derived = []\n"
        + "".join(blocks)
        + "    return values, mismatches, derived\n"
    )
    resolve: Callable[[Values], _Resolved]
    resolve = _compile(source, "_resolve", {"_mismatch": _mismatch})
    return resolve


def _compile(source: str, name: str, namespace: dict[str, Any]) -> Any:
    """
    Compile the function *name* defined by *source* in *namespace*.
    """
    # Registered like a file, so that a traceback shows the lines.
    filename = f"<hcc_report.model._counts: {name}>"
    lines = source.splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102
    return namespace[name]


#: Derive every whole whose parts are all known, inner splits first, and
#: find the splits that do not add up; the figures given are valid.
_resolve = _compile_resolve()


def split_mismatches(
    counts: Mapping[str, int],
) -> tuple[SplitMismatch, ...]:
    """
    Return the splits of *counts* (valid counts by key, such as a printed
    table's) whose parts do not add up to their whole.

    A whole left out whose parts are all given is their sum, so it is
    checked as a part of the split it belongs to.

    >>> split_mismatches({"processed": 10, "on_time": 8, "late": 1})
    (SplitMismatch(whole='processed', value=10, parts=('on_time', 'late'),
                   part_values=(8, 1), complete=True),)
    >>> split_mismatches({"processed": 10, "early": 3, "on_due_date": 6,
    ...                   "late": 1})
    ()
    """
    values = tuple(counts.get(key) for key in KEYS)
    return tuple(_resolve(values)[1])


def _sum_values(rows: Iterable[Values]) -> Values:
    """
    Add figures up column by column; a column with an unknown figure is
    unknown.
    """
    columns = tuple(zip(*rows, strict=True))
    if not columns:
        return (0,) * len(KEYS)
    return tuple(None if None in column else sum(column) for column in columns)


def sum_figures(rows: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """
    Add up rows of counts by key (such as a printed table's), figure by
    figure: the result holds the figures every row gives.

    >>> sum_figures([{"received": 1, "late": 2}, {"received": 3}])
    {'received': 4}
    """
    values = _sum_values(tuple(row.get(key) for key in KEYS) for row in rows)
    return {
        key: value
        for key, value in zip(KEYS, values, strict=True)
        if value is not None
    }


def _sum_text(mismatch: SplitMismatch) -> str:
    names = " + ".join(mismatch.parts)
    if len(mismatch.parts) == 1:
        return f"{names} = {mismatch.parts_sum}"
    values = " + ".join(map(str, mismatch.part_values))
    return f"{names} = {values} = {mismatch.parts_sum}"


def _problem(mismatch: SplitMismatch) -> Problem:
    rule = "must equal" if mismatch.complete else "must be at least"
    return Problem(
        mismatch.whole, f"{rule} {_sum_text(mismatch)}, got {mismatch.value}"
    )


def _init_slowly(stored: dict[str, Any]) -> None:
    """
    Finish building a `Counts` from the given figures in *stored* (its
    instance dict, in field order) one figure at a time, where the quick
    way of `Counts.__init__` met a problem: raise every problem at once.

    An int subclass (an IntEnum) counts as its value; anything else that
    is not an int >= 0 is a problem, and the splits are checked among the
    valid figures.
    """
    problems = []
    plain: list[int | None] = []
    for key, value in zip(KEYS, stored.values(), strict=True):
        if value is None:
            plain.append(None)
        elif isinstance(value, bool) or not isinstance(value, int):
            problems.append(
                Problem(
                    key,
                    f"must be a whole number of dossiers (int), got {value!r}",
                )
            )
            plain.append(None)
        elif value < 0:
            problems.append(
                Problem(key, f"must not be negative, got {value!r}")
            )
            plain.append(None)
        elif value > MAX_COUNT:
            problems.append(Problem(key, too_big(value, MAX_COUNT)))
            plain.append(None)
        else:
            plain.append(int(value))
    values, mismatches, derived = _resolve(tuple(plain))
    problems.extend(map(_problem, mismatches))
    if problems:
        raise ValidationError(problems, subject="Counts")
    for whole in derived:
        stored[_FIELDS[whole]] = None
    stored["_values"] = values


#: The code of one split in `Counts.__init__`, on its arguments.
_INIT_SPLIT_CODE = """\
    # {whole} = {added}
    if {all_known}:
        if {whole} is None:
            {whole} = {added}
        elif {whole} != {added}:
            return _init_slowly(stored)
        stored["_{whole}"] = None
    elif {whole} is not None and {known_added} > {whole}:
        return _init_slowly(stored)
"""


def _compile_init() -> Callable[..., None]:
    """
    Write `Counts.__init__`: store what is given as attrs does, check each
    figure, then each split of the catalogue, inner splits first, deriving
    a whole whose parts are all known (and blanking it as given, so that
    `attrs.evolve` derives it again).

    Straight code on the arguments builds a `Counts` in two thirds of the
    time that attrs's ``__init__`` and a loop in ``__attrs_post_init__``
    take. At the first problem, `_init_slowly` starts again one figure at
    a time, to report every problem.
    """
    bad = " or ".join(
        f"({key} is not None and ({key}.__class__ is not int or {key} < 0 "
        f"or {key} > {MAX_COUNT}))"
        for key in KEYS
    )
    splits = "".join(
        _INIT_SPLIT_CODE.format(
            whole=KEYS[whole],
            added=" + ".join(KEYS[part] for part in parts),
            all_known=" and ".join(f"{KEYS[p]} is not None" for p in parts),
            known_added=" + ".join(f"({KEYS[p]} or 0)" for p in parts),
        )
        for whole, parts in _SPLITS
    )
    source = (
        f"def __init__(self, *, {'=None, '.join(KEYS)}=None):\n"
        "    stored = self.__dict__\n"
        + "".join(f"    stored['_{key}'] = {key}\n" for key in KEYS)
        + f"    if {bad}:\n"
        "        return _init_slowly(stored)\n"
        + splits
        + f"    stored['_values'] = ({', '.join(KEYS)},)\n"
    )
    init: Callable[..., None]
    init = _compile(source, "__init__", {"_init_slowly": _init_slowly})
    return init


class _Figure:
    """
    A count of `Counts`, read from its known values (derived wholes
    included); its docstring is the catalogue's.
    """

    _index: int

    def __set_name__(self, owner: type, name: str) -> None:
        self._index = _INDEX[name]
        self.__doc__ = figures.count(name).doc

    @overload
    def __get__(self, instance: None, owner: type) -> _Figure: ...

    @overload
    def __get__(self, instance: Counts, owner: type) -> int | None: ...

    def __get__(self, instance: Counts | None, owner: type) -> Any:
        if instance is None:
            return self
        return instance._values[self._index]  # noqa: SLF001


@final
# Not slotted: an instance dict, written straight by the generated
# __init__ (see _compile_init), makes building a Counts twice as fast.
@attrs.frozen(kw_only=True, eq=False, repr=False, slots=False)
class Counts:
    """
    The dossier counts (số hồ sơ) of one unit for one period.

    Its fields are the counts of the figure catalogue (see
    :doc:`/explanation/figures`): what every report prints (received,
    processed, on time, late) and the other columns of the standard
    results table (Biểu số 06/VPCP/KSTT, Circular 01/2020/TT-VPCP). Every
    figure is optional: one that was not reported is ``None`` (unknown),
    never zero, and stays unknown through sums.

    Counts are checked when they are built, and every problem is reported
    at once in a `~hcc_report.errors.ValidationError`:

    - each figure is a non-negative `int` (not a `bool`, `float` or `str`);
    - each split adds up to its whole when all of them are given, and its
      known parts never exceed it: ``on_time + late == processed``,
      ``early + on_due_date == on_time``, ``received_online <= received``
      ...;
    - a whole that is left out but whose parts are all given is computed
      from them, so ``Counts(early=3, on_due_date=4)`` has ``on_time ==
      7``.

    ``processed <= received`` is deliberately **not** required: cumulative
    figures include dossiers carried over from the previous year.

    A whole whose parts are all known follows them, given or not:
    ``attrs.evolve(counts, early=5)`` computes ``on_time`` again. Two
    counts are equal when their figures are, whether given or computed.
    `known` gives the figures by key (``attrs.asdict`` gives only what was
    given, under the fields' private names).

    Counts form a commutative monoid under ``+`` with `Counts.zero()` as its
    identity, so a table can be summed in any order and any grouping.

    >>> c = Counts(received=197, processed=191, on_time=172, late=19)
    >>> c.on_time + c.late == c.processed
    True
    >>> c + Counts(received=3, processed=9, on_time=9, late=0)
    Counts(received=200, processed=200, on_time=181, late=19)
    >>> attrs.evolve(Counts(early=3, on_due_date=4), early=5).on_time
    9
    >>> Counts(processed=10, on_time=8, late=1)
    Traceback (most recent call last):
        ...
    hcc_report.errors.ValidationError: invalid Counts: processed: must
    equal on_time + late = 8 + 1 = 9, got 10
    """

    # What was given, in the catalogue's order; `attrs.evolve` passes these
    # on, so that derived wholes are derived again.
    _received: int | None = None
    _received_online: int | None = None
    _received_offline: int | None = None
    _received_in_person: int | None = None
    _received_postal: int | None = None
    _carried_over: int | None = None
    _processed: int | None = None
    _early: int | None = None
    _on_due_date: int | None = None
    _on_time: int | None = None
    _late: int | None = None
    _pending: int | None = None
    _pending_in_time: int | None = None
    _pending_overdue: int | None = None
    _withdrawn: int | None = None
    _returned: int | None = None
    _returned_or_withdrawn: int | None = None
    _handled: int | None = None
    _due: int | None = None
    _processed_or_pending: int | None = None

    if TYPE_CHECKING:
        # What is known, derived wholes included: what every reader reads.
        # Set by __init__ (and _of), not an attrs field, so that
        # attrs.fields(Counts) holds only what was given.
        @property
        def _values(self) -> Values: ...

    received = _Figure()
    received_online = _Figure()
    received_offline = _Figure()
    received_in_person = _Figure()
    received_postal = _Figure()
    carried_over = _Figure()
    processed = _Figure()
    early = _Figure()
    on_due_date = _Figure()
    on_time = _Figure()
    late = _Figure()
    pending = _Figure()
    pending_in_time = _Figure()
    pending_overdue = _Figure()
    withdrawn = _Figure()
    returned = _Figure()
    returned_or_withdrawn = _Figure()
    handled = _Figure()
    due = _Figure()
    processed_or_pending = _Figure()

    @classmethod
    def _of(cls, values: Values) -> Counts:
        """
        Counts of figures known to be valid, such as a sum of valid counts,
        without checking them again.
        """
        counts = cls.__new__(cls)
        given = list(values)
        for whole in _resolve(values)[2]:
            given[whole] = None  # derived, so that it follows its parts
        counts.__dict__.update(zip(_FIELDS, given, strict=True))
        counts.__dict__["_values"] = values
        return counts

    @classmethod
    def sum(cls, counts: Iterable[Counts]) -> Counts:
        """
        Return the sum of *counts*, figure by figure, in one pass: a
        figure is known when it is known in all of them. The sum of
        nothing is `Counts.zero()`.

        >>> Counts.sum([Counts(received=1, processed=1), Counts(received=2)])
        Counts(received=3)
        """
        check_type("counts", counts, Iterable)
        return cls._of(
            _sum_values(
                [
                    c._values  # noqa: SLF001
                    if type(c) is Counts
                    else check_type("each of counts", c, Counts)._values  # noqa: SLF001
                    for c in counts
                ]
            )
        )

    @classmethod
    def zero(cls) -> Counts:
        """
        Return counts with every figure known and zero: the identity of ``+``.

        >>> Counts(received=5) + Counts.zero() == Counts(received=5)
        True
        """
        return _ZERO

    def __repr__(self) -> str:
        # Only the known figures: the unknown ones are the default.
        known = ", ".join(f"{k}={v!r}" for k, v in self.known().items())
        return f"Counts({known})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Counts):
            return NotImplemented
        return self._values == other._values

    def __hash__(self) -> int:
        return hash(self._values)

    def __add__(self, other: object) -> Counts:
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts._of(
            tuple(
                None if left is None or right is None else left + right
                for left, right in zip(
                    self._values, other._values, strict=True
                )
            )
        )

    def known(self) -> dict[str, int]:
        """
        Return the figures that are known, by key, in the catalogue's order.

        >>> Counts(received=8, processed=7, on_time=7, late=0).known()
        {'received': 8, 'processed': 7, 'on_time': 7, 'late': 0}
        """
        return {
            key: value
            for key, value in zip(KEYS, self._values, strict=True)
            if value is not None
        }


_FIELDS = tuple(field.name for field in attrs.fields(Counts))
if (
    tuple(name.removeprefix("_") for name in _FIELDS) != KEYS
):  # pragma: no cover
    msg = "the fields of Counts are not the catalogue's counts"
    raise AssertionError(msg)

# attrs's __init__ stores the given figures; ours, with the same
# arguments (what type checkers and attrs.evolve see), also checks them.
Counts.__init__ = _compile_init()  # type: ignore[method-assign]

_ZERO = Counts._of((0,) * len(KEYS))  # noqa: SLF001
