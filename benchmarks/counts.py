"""
Building `hcc_report.Counts` and totalling a table of them, next to a
plain dict of the same four figures, measured in one run.

Building: ``Counts(received=..., processed=..., on_time=..., late=...)``
(every figure checked, the split ``on_time + late == processed`` too)
against the dict literal of the same figures. Totalling:
``hcc_report.total`` over 100 000 valid counts against summing the same
figures from 100 000 dicts in a plain loop. The targets of the issue
"One source of truth for every figure and rate": building at most 2.5 µs,
totalling within 3x of the plain-dict sum.
"""

from __future__ import annotations

import random
import sys
import timeit

from hcc_report import Counts, total


ROUNDS = 7
ROWS = 100_000
KEYS = ("received", "processed", "on_time", "late")


def per_call(function: object, number: int) -> float:
    timer = timeit.Timer(function)  # type: ignore[arg-type]
    return min(timer.repeat(repeat=ROUNDS, number=number)) / number


def plain_sum(rows: list[dict[str, int]]) -> dict[str, int]:
    sums = dict.fromkeys(KEYS, 0)
    for row in rows:
        for key in KEYS:
            sums[key] += row[key]
    return sums


def main() -> None:
    rng = random.Random(2023)
    dicts = []
    for _ in range(ROWS):
        late = rng.randrange(20)
        on_time = rng.randrange(5000)
        dicts.append(
            {
                "received": rng.randrange(5000),
                "processed": on_time + late,
                "on_time": on_time,
                "late": late,
            }
        )
    counts = [Counts(**row) for row in dicts]
    if total(counts).known() != plain_sum(dicts):
        sys.exit("the totals differ")

    figures = dicts[0]
    build = per_call(lambda: Counts(**figures), 100_000)
    literal = per_call(
        lambda: {
            "received": figures["received"],
            "processed": figures["processed"],
            "on_time": figures["on_time"],
            "late": figures["late"],
        },
        100_000,
    )
    ours = per_call(lambda: total(counts), 3) / ROWS
    theirs = per_call(lambda: plain_sum(dicts), 3) / ROWS

    print(f"{'':<28}{'Counts':>12}{'plain dict':>14}{'ratio':>8}")
    print(
        f"{'build one (target <= 2.5 µs)':<28}{build * 1e6:>9.2f} µs"
        f"{literal * 1e6:>11.2f} µs{build / literal:>7.1f}×"
    )
    print(
        f"{'total, per row (target <= 3×)':<28}{ours * 1e6:>9.2f} µs"
        f"{theirs * 1e6:>11.2f} µs{ours / theirs:>7.1f}×"
    )
    print(f"{ROWS} rows; Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
