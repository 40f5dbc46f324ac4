"""
Speed of hcc_report.formatting against Babel, on the same 100 000 values.

Run with ``nox -s bench`` (or ``python benchmarks/formatting.py``). Each
case formats the whole list; the best of several interleaved rounds is
kept, and the ratios are taken within this one run, so a busy machine
slows both sides alike. Before timing, the outputs are compared: they must
be identical wherever both libraries define one (Babel has no pattern for
the Decree 30 date of January and February, so those dates are left out of
that comparison).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import timeit

from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import babel.dates
import babel.numbers

from hcc_report.formatting import format_date, format_number, format_percent


COUNT = 100_000
ROUNDS = 5


def values() -> tuple[list[int], list[Decimal], list[dt.date]]:
    rng = random.Random(2023)
    integers = [rng.randrange(0, 10**7) for _ in range(COUNT)]
    rates = [Decimal(rng.randrange(0, 10001)).scaleb(-2) for _ in range(COUNT)]
    start = dt.date(2020, 1, 1).toordinal()
    dates = [
        dt.date.fromordinal(start + rng.randrange(0, 6 * 365))
        for _ in range(COUNT)
    ]
    return integers, rates, dates


def babel_number(value: int) -> str:
    return babel.numbers.format_decimal(value, locale="vi")


def babel_decimal(value: Decimal) -> str:
    return babel.numbers.format_decimal(value, "#,##0.00", locale="vi")


def babel_percent(rate: Decimal) -> str:
    return babel.numbers.format_percent(
        rate.scaleb(-2), "#,##0.00%", locale="vi"
    )


BABEL_DATE = "'ngày' dd 'tháng' M 'năm' y"


def babel_date(day: dt.date) -> str:
    return babel.dates.format_date(day, BABEL_DATE, locale="vi")


Formatter = Callable[[Any], str]


def check(
    name: str, ours: Formatter, theirs: Formatter, data: Sequence[object]
) -> None:
    for value in data:
        if ours(value) != theirs(value):
            sys.exit(f"{name}: {ours(value)!r} != {theirs(value)!r} ({value})")


def seconds(function: Formatter, data: Sequence[object]) -> float:
    def run() -> None:
        for value in data:
            function(value)

    return timeit.timeit(run, number=1)


def main() -> None:
    integers, rates, dates = values()
    # Figures with two decimals, thousands grouped ("12.345,67"), which
    # format_number writes with the digits they have.
    decimals = [Decimal(n).scaleb(-2) for n in integers]
    comparable = [d for d in dates if d.month >= 3]  # noqa: PLR2004
    cases: list[tuple[str, Formatter, Formatter, Sequence[object]]] = [
        ("number", format_number, babel_number, integers),
        ("decimal", format_number, babel_decimal, decimals),
        ("percent", format_percent, babel_percent, rates),
        ("date", format_date, babel_date, dates),
    ]
    with localcontext() as context:
        # Babel rounds with the ambient context; pin it to half up.
        context.rounding = ROUND_HALF_UP
        for name, ours, theirs, data in cases:
            check(name, ours, theirs, comparable if name == "date" else data)
        print(
            f"identical output on {COUNT} integers, {COUNT} decimals, "
            f"{COUNT} percentages and "
            f"{len(comparable)} dates (months 3 to 12)"
        )
        best: dict[str, tuple[float, float]] = {}
        for _ in range(ROUNDS):
            for name, ours, theirs, data in cases:
                mine, babel_time = seconds(ours, data), seconds(theirs, data)
                old = best.get(name, (mine, babel_time))
                best[name] = (min(old[0], mine), min(old[1], babel_time))
    print(f"{'case':<10}{'hcc_report':>14}{'Babel':>14}{'ratio':>10}")
    for name, (mine, babel_time) in best.items():
        print(
            f"{name:<10}{mine / COUNT * 1e6:>11.2f} µs"
            f"{babel_time / COUNT * 1e6:>11.2f} µs"
            f"{babel_time / mine:>9.1f}×"
        )


if __name__ == "__main__":
    main()
