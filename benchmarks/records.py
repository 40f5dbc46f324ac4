"""
Counting a month's figures from dossier records, measured in one run.

1. 1,000,000 generated records of 20 agencies, counted by agency for
   February 2023: `hcc_report.records.aggregate` on a Polars dataframe
   (target: at most 1 s, and faster than the reference), against a
   straightforward vectorised pandas implementation of the same rules
   written below (the reference). Both must give the same counts.
2. The pure-Python streaming path on 200,000 `Dossier` records: the time
   per record (and, apart, what building the records costs).
3. 10,000,000 records from a Parquet dataset of 10 files, counted from
   ``polars.scan_parquet`` in a child process: its time and its peak
   memory (target: under 1 GB), next to the peak of a child that only
   imports the same modules.

Run it with ``nox -s bench`` or ``python benchmarks/records.py``; it
needs ``hcc-report[records]``, pandas and pyarrow.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

from hcc_report import Counts, Period
from hcc_report.records import Dossier, aggregate


PERIOD = Period.month(2023, 2)
AGENCIES = [f"Sở {i:02d}" for i in range(20)]
#: Records are received from 1 December 2022 to the end of March 2023.
FIRST = np.datetime64("2022-12-01")
DAYS = 120
#: The shares of records online, with a deadline, finished, and (of those
#: finished) withdrawn or returned.
ONLINE, WITH_DUE, FINISHED, ENDED = 0.45, 0.9, 0.85, 0.03


def generate(rows: int, seed: int) -> pl.DataFrame:
    """
    *rows* valid records: a deadline 1 to 15 days after reception for 90%
    of them, finished 0 to 20 days after it for 85%, 3% of those
    withdrawn or returned.
    """
    rng = np.random.default_rng(seed)
    received = FIRST + rng.integers(0, DAYS, rows).astype("timedelta64[D]")
    due = received + rng.integers(1, 16, rows).astype("timedelta64[D]")
    finished = received + rng.integers(0, 21, rows).astype("timedelta64[D]")
    online = rng.random(rows) < ONLINE
    has_due = rng.random(rows) < WITH_DUE
    is_finished = rng.random(rows) < FINISHED
    ended = is_finished & (rng.random(rows) < ENDED)
    outcome = rng.choice(np.array(["withdrawn", "returned"]), rows)
    return pl.DataFrame(
        {
            "agency": pl.Series(rng.choice(AGENCIES, rows)),
            "received": pl.Series(received).cast(pl.Date),
            "due": pl.Series(due).cast(pl.Date),
            "finished": pl.Series(finished).cast(pl.Date),
            "online": online,
            "outcome": outcome,
        }
    ).with_columns(
        outcome=pl.when(pl.Series(ended)).then(pl.col("outcome")),
        due=pl.when(pl.Series(has_due)).then(pl.col("due")),
        finished=pl.when(pl.Series(is_finished)).then(pl.col("finished")),
    )


def by_pandas(frame: pd.DataFrame, period: Period) -> dict[str, Counts]:
    """
    The rules as one would write them with pandas: a boolean mask a count,
    summed per agency.
    """
    start = pd.Timestamp(period.start)
    end = pd.Timestamp(period.end)
    received, due, finished = (
        frame["received"],
        frame["due"],
        frame["finished"],
    )
    ended = finished.ge(start) & finished.le(end)
    processed = ended & frame["outcome"].isna()
    pending = received.le(end) & (finished.isna() | finished.gt(end))
    in_period = received.ge(start) & received.le(end)
    masks = {
        "received": in_period,
        "received_online": in_period & frame["online"],
        "received_offline": in_period & ~frame["online"],
        "carried_over": received.lt(start)
        & (finished.isna() | finished.ge(start)),
        "processed": processed,
        "early": processed & finished.lt(due),
        "on_due_date": processed & (due.isna() | finished.eq(due)),
        "late": processed & finished.gt(due),
        "pending": pending,
        "pending_in_time": pending & (due.isna() | due.ge(end)),
        "pending_overdue": pending & due.lt(end),
        "withdrawn": ended & frame["outcome"].eq("withdrawn"),
        "returned": ended & frame["outcome"].eq("returned"),
    }
    flags = pd.DataFrame(masks).astype("int64")
    flags["agency"] = frame["agency"]
    sums = flags.groupby("agency").sum()
    return {
        str(agency): Counts(**{k: int(v) for k, v in row.items()})
        for agency, row in sums.iterrows()
    }


def best_of(rounds: int, work: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(rounds):
        began = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - began)
    return best, result


def same_counts(ours: dict[Any, Counts], theirs: dict[str, Counts]) -> bool:
    """
    Whether both give the same units and the same figures where both
    give one (the reference counts no channels).
    """
    if set(ours) != set(theirs):
        return False
    for unit, counts in theirs.items():
        known = ours[unit].known()
        if {k: known[k] for k in counts.known()} != counts.known():
            return False
    return True


_CHILD = """
import sys, time
import polars as pl
from hcc_report import Period
from hcc_report.records import aggregate
if sys.argv[1] == "count":
    began = time.perf_counter()
    records = pl.scan_parquet(sys.argv[2])
    table = aggregate(records, period=Period.month(2023, 2))
    seconds = time.perf_counter() - began
    received = sum(c.received for c in table.values())
else:
    seconds, received = 0.0, 0
# The high-water mark of this program's memory (ru_maxrss would count
# the parent's memory at the fork too).
with open("/proc/self/status") as status:
    found = [line.split()[1] for line in status if line.startswith("VmHWM:")]
peak = int(found[0]) / 1024
print(seconds, peak, received)
"""


def child(*args: str) -> tuple[float, float, int]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak, received = done.stdout.split()
    return float(seconds), float(peak), int(received)


def against_pandas() -> None:
    million = generate(1_000_000, seed=766)
    as_pandas = million.to_pandas()
    for column in ("received", "due", "finished"):
        as_pandas[column] = pd.to_datetime(as_pandas[column])

    ours, counted = best_of(3, lambda: aggregate(million, period=PERIOD))
    theirs, reference = best_of(3, lambda: by_pandas(as_pandas, PERIOD))
    if not same_counts(counted, reference):
        sys.exit("Polars and the pandas reference count differently")
    narwhals, _ = best_of(1, lambda: aggregate(as_pandas, period=PERIOD))
    print(f"1,000,000 records, 20 agencies, {PERIOD}:")
    print(f"  aggregate on Polars        {ours:7.3f} s   (target <= 1 s)")
    print(f"  pandas reference           {theirs:7.3f} s")
    print(f"  ratio Polars / pandas      {ours / theirs:7.2f}   (target < 1)")
    print(f"  aggregate on pandas        {narwhals:7.3f} s   (narwhals)")


def plain_python() -> None:
    frame = generate(200_000, seed=30)
    rows = frame.to_dicts()
    began = time.perf_counter()
    records = [Dossier(**row) for row in rows]
    built = (time.perf_counter() - began) / len(records) * 1e6
    took, counted = best_of(3, lambda: aggregate(records, period=PERIOD))
    if counted != aggregate(frame, period=PERIOD):
        sys.exit("plain Python and Polars count differently")
    print("plain Python, 200,000 Dossier records:")
    print(f"  aggregate                  {took / len(records) * 1e6:7.2f} µs")
    print(f"  building the records       {built:7.2f} µs")


def from_parquet() -> None:
    with tempfile.TemporaryDirectory() as folder:
        dataset = Path(folder, "dossiers")
        dataset.mkdir()
        for part in range(10):
            generate(1_000_000, seed=part).write_parquet(
                dataset / f"part-{part:02d}.parquet"
            )
        size = sum(p.stat().st_size for p in dataset.iterdir()) / 2**20
        seconds, peak, received = child("count", str(dataset))
        _, baseline, _ = child("import")
    print(f"10,000,000 records from Parquet ({size:.0f} MiB, 10 files):")
    print(f"  aggregate on a Polars scan {seconds:7.3f} s")
    print(f"  records received           {received:>11,}")
    print(f"  peak memory                {peak:7.0f} MiB (target < 1024)")
    print(f"  peak of the imports alone  {baseline:7.0f} MiB")


def main() -> None:
    against_pandas()
    plain_python()
    from_parquet()


if __name__ == "__main__":
    main()
