"""
Dossier counts of one unit for one period.
"""

from __future__ import annotations

from typing import Any

import attrs

from hcc_report.model._checks import Checker


__all__ = [
    "CLOSING_FIELDS",
    "COUNT_FIELDS",
    "FLOW_FIELDS",
    "OPENING_FIELDS",
    "SPLITS",
    "Counts",
    "add_figures",
]


def _sum_text(known: dict[str, int]) -> str:
    names = " + ".join(known)
    if len(known) == 1:
        return f"{names} = {sum(known.values())}"
    values = " + ".join(str(value) for value in known.values())
    return f"{names} = {values} = {sum(known.values())}"


def add_figures(left: int | None, right: int | None) -> int | None:
    """
    Add two figures; the sum is unknown if either is.

    >>> add_figures(2, 3), add_figures(2, None)
    (5, None)
    """
    if left is None or right is None:
        return None
    return left + right


def _plain_int(value: object) -> object:
    # An int subclass (an IntEnum, say) is stored as a plain int; anything
    # else is left for the checks to report.
    if isinstance(value, int) and type(value) not in (int, bool):
        return int(value)
    return value


def _with_plain_ints(
    cls: type, fields: list[attrs.Attribute[Any]]
) -> list[attrs.Attribute[Any]]:
    del cls
    return [field.evolve(converter=_plain_int) for field in fields]


@attrs.frozen(kw_only=True, repr=False, field_transformer=_with_plain_ints)
class Counts:
    """
    The dossier counts (số hồ sơ) of one unit for one period.

    The first five fields are what every report prints; the others are the
    remaining columns of the standard results table (Biểu số 06/VPCP/KSTT,
    Circular 01/2020/TT-VPCP). Every field is optional: a figure that was
    not reported is ``None`` (unknown), never zero, and stays unknown
    through sums.

    Counts are checked when they are built, and every problem is reported
    at once in a `~hcc_report.errors.ValidationError`:

    - each figure is a non-negative `int` (not a `bool`, `float` or `str`);
    - each split adds up to its whole when all of them are given, and its
      known parts never exceed it (see `~hcc_report.model.SPLITS`):
      ``on_time + late == processed``, ``early + on_due_date == on_time``,
      ``received_online <= received`` ...;
    - a whole that is left out but whose parts are all given is computed
      from them, so ``Counts(early=3, on_due_date=4)`` has ``on_time == 7``.

    ``processed <= received`` is deliberately **not** required: cumulative
    figures include dossiers carried over from the previous year.

    A whole computed from its parts is stored like a given one: to change
    a part with ``attrs.evolve``, give the whole its new value too.

    Counts form a commutative monoid under ``+`` with `Counts.zero()` as its
    identity, so a table can be summed in any order and any grouping.

    >>> c = Counts(received=197, processed=191, on_time=172, late=19)
    >>> c.on_time + c.late == c.processed
    True
    >>> c + Counts(received=3, processed=9, on_time=9, late=0)
    Counts(received=200, processed=200, on_time=181, late=19)
    >>> Counts(processed=10, on_time=8, late=1)
    Traceback (most recent call last):
        ...
    hcc_report.errors.ValidationError: invalid Counts: processed: must
    equal on_time + late = 8 + 1 = 9, got 10
    """

    #: Dossiers newly received in the period (hồ sơ tiếp nhận).
    received: int | None = None
    #: Of those, received online (tiếp nhận trực tuyến).
    received_online: int | None = None
    #: Of those, received in person (tiếp nhận trực tiếp). A system that
    #: counts postal dossiers with these leaves `received_postal` unknown.
    received_in_person: int | None = None
    #: Of those, received by public postal service (qua dịch vụ bưu chính
    #: công ích).
    received_postal: int | None = None
    #: Carried over from the previous period (từ kỳ trước chuyển qua).
    carried_over: int | None = None
    #: Dossiers processed, that is resolved (đã giải quyết, đã xử lý).
    processed: int | None = None
    #: Processed before the due date (trước hạn).
    early: int | None = None
    #: Processed on the due date, in the strict sense (đúng hạn).
    on_due_date: int | None = None
    #: Processed on time, early included, as reports count it (đúng hạn,
    #: đúng hẹn).
    on_time: int | None = None
    #: Processed late (quá hạn, trễ hạn, trễ hẹn).
    late: int | None = None
    #: Still being processed at the end of the period (đang giải quyết).
    pending: int | None = None
    #: Pending and still within the deadline (trong hạn).
    pending_in_time: int | None = None
    #: Pending and past the deadline (quá hạn).
    pending_overdue: int | None = None
    #: Withdrawn by the applicant (công dân rút hồ sơ).
    withdrawn: int | None = None
    #: Returned to the applicant (hồ sơ trả lại).
    returned: int | None = None

    def __attrs_post_init__(self) -> None:
        checker = Checker("Counts")
        for name in COUNT_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                checker.add(
                    name,
                    f"must be a whole number of dossiers (int), got {value!r}",
                )
            elif value < 0:
                checker.add(name, f"must not be negative, got {value!r}")
        invalid = {problem.path for problem in checker.problems}
        # Splits are checked among valid figures even when others are not,
        # so that every problem is reported; wholes are only computed when
        # all is valid.
        derive = not invalid
        for whole, parts in SPLITS:
            if invalid.isdisjoint((whole, *parts)):
                self._check_split(checker, whole, parts, derive=derive)
        checker.raise_if_any()

    def _check_split(
        self,
        checker: Checker,
        whole: str,
        parts: tuple[str, ...],
        *,
        derive: bool,
    ) -> None:
        known = {
            part: value
            for part in parts
            if (value := getattr(self, part)) is not None
        }
        if not known:
            return
        parts_sum = sum(known.values())
        total = getattr(self, whole)
        if total is None:
            if derive and len(known) == len(parts):
                # Every part is known, so the whole is too.
                object.__setattr__(self, whole, parts_sum)
            return
        if len(known) == len(parts) and parts_sum != total:
            checker.add(whole, f"must equal {_sum_text(known)}, got {total}")
        elif parts_sum > total:
            checker.add(
                whole, f"must be at least {_sum_text(known)}, got {total}"
            )

    @classmethod
    def zero(cls) -> Counts:
        """
        Return counts with every figure known and zero: the identity of ``+``.

        >>> Counts(received=5) + Counts.zero() == Counts(received=5)
        True
        """
        return cls(**dict.fromkeys(COUNT_FIELDS, 0))

    def __repr__(self) -> str:
        # Only the known figures: the unknown ones are the default.
        known = ", ".join(f"{k}={v!r}" for k, v in self.known().items())
        return f"Counts({known})"

    def __add__(self, other: object) -> Counts:
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts(
            **{
                name: add_figures(getattr(self, name), getattr(other, name))
                for name in COUNT_FIELDS
            }
        )

    def known(self) -> dict[str, int]:
        """
        Return the figures that are known, by field name, in field order.

        >>> Counts(received=8, processed=7, on_time=7, late=0).known()
        {'received': 8, 'processed': 7, 'on_time': 7, 'late': 0}
        """
        return {
            name: value
            for name in COUNT_FIELDS
            if (value := getattr(self, name)) is not None
        }


#: The names of the count fields, in table order.
COUNT_FIELDS: tuple[str, ...] = tuple(f.name for f in attrs.fields(Counts))

#: The splits checked by `Counts`: each whole with the parts that make it
#: up, inner splits first (``on_time`` is a part of ``processed``).
SPLITS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("received", ("received_online", "received_in_person", "received_postal")),
    ("on_time", ("early", "on_due_date")),
    ("processed", ("on_time", "late")),
    ("pending", ("pending_in_time", "pending_overdue")),
)

#: Figures that are a stock at the start of a period: what was carried over.
OPENING_FIELDS: tuple[str, ...] = ("carried_over",)

#: Figures that are a stock at the end of a period: what is still pending.
CLOSING_FIELDS: tuple[str, ...] = (
    "pending",
    "pending_in_time",
    "pending_overdue",
)

#: Figures that add up over time (every other one): what was received,
#: processed, withdrawn or returned during a period.
FLOW_FIELDS: tuple[str, ...] = tuple(
    name
    for name in COUNT_FIELDS
    if name not in OPENING_FIELDS and name not in CLOSING_FIELDS
)
