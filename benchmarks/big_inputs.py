"""
Big inputs through the command, each in a process of its own: a report of
100,000 agencies rendered in every format, and a published table of
1,000,000 rows checked, with the time and the peak memory of each process.

The issue "Hardening" sets the targets: every format of 100,000 rows in at
most 3 s and 300 MB, JSON no more than HTML, and ``hcc-report check`` of a
1,000,000-row CSV in at most 10 s and 300 MB. The reference, in the same
run, is Python reading the same file with the ``json`` module (or the
``csv`` module) and writing it back: the least any tool does with it.

Run with ``nox -s bench`` or ``python benchmarks/big_inputs.py [ROWS
[CSV_ROWS]]``; the formats of the office extras are measured when their
packages are installed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import time

from pathlib import Path

from hcc_report import dumps_report, rate
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.formatting import format_percent


ROWS = 100_000
CSV_ROWS = 1_000_000
FORMATS = ("text", "markdown", "html", "json", "xlsx", "docx")
#: The packages a format needs beyond the library's own.
NEEDS = {"xlsx": "xlsxwriter", "docx": "docx"}


def report_file(folder: Path, rows: int) -> Path:
    """
    The example with *rows* agencies, its figures the table's total.
    """
    data = json.loads(dumps_report(binh_thuan_2023_02(), "json"))
    rng = random.Random(12)
    table = []
    for i in range(rows):
        late, on_time = rng.randrange(5), rng.randrange(1000)
        table.append(
            {
                "name": f"Xã số {i + 1} huyện Tuy Phong",
                "received": rng.randrange(1000),
                "processed": on_time + late,
                "on_time": on_time,
                "late": late,
            }
        )
    totals = {
        key: sum(row[key] for row in table)
        for key in ("received", "processed", "on_time", "late")
    }
    data["appendix"]["rows"] = table
    data["figures"] = dict(totals)
    data["cumulative"] = dict(totals)
    path = folder / "big.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def table_file(folder: Path, rows: int) -> Path:
    """
    A published table of *rows* rows that adds up, its rates right.
    """
    rng = random.Random(13)
    path = folder / "big.csv"
    sums = [0, 0, 0, 0]
    with path.open("w", encoding="utf-8") as out:
        out.write("Stt;Tên đơn vị;Đã tiếp nhận;Đã giải quyết;Đúng hạn;")
        out.write("Trễ hạn;Tỷ lệ đúng hạn (%)\n")
        for i in range(rows):
            late, on_time = rng.randrange(5), rng.randrange(1, 1000)
            row = (rng.randrange(1000), on_time + late, on_time, late)
            sums = [a + b for a, b in zip(sums, row, strict=True)]
            out.write(f"{i + 1};Xã số {i + 1};{';'.join(map(str, row))};")
            out.write(f"{percent(on_time, on_time + late)}\n")
        out.write(f";Tổng cộng;{';'.join(map(str, sums))};")
        out.write(f"{percent(sums[2], sums[1])}\n")
    return path


def percent(part: int, whole: int) -> str:
    """
    *part* / *whole* as the table prints it, "99,79%".
    """
    value = rate(part, whole)
    assert value is not None  # noqa: S101  (whole is never 0 here)
    return format_percent(value)


def run(*command: str) -> tuple[float, float]:
    """
    Run *command*; its time in seconds and its peak memory in MB.
    """
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):  # 1: the audit found something
        sys.exit(f"{' '.join(command)} ended with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def hcc_report(*args: str) -> tuple[float, float]:
    return run(sys.executable, "-m", "hcc_report", *args)


_ROUND_TRIP = """
import {module}, sys
with open(sys.argv[1], encoding="utf-8", newline="") as file:
    data = {read}
with open(sys.argv[2], "w", encoding="utf-8", newline="") as file:
    {write}
"""


def reference(source: Path, out: Path) -> tuple[float, float]:
    """
    Reading *source* and writing it back with Python's own module.
    """
    if source.suffix == ".json":
        code = _ROUND_TRIP.format(
            module="json",
            read="json.load(file)",
            write="json.dump(data, file, ensure_ascii=False, indent=2)",
        )
    else:
        code = _ROUND_TRIP.format(
            module="csv",
            read="list(csv.reader(file, delimiter=';'))",
            write="csv.writer(file, delimiter=';').writerows(data)",
        )
    return run(sys.executable, "-c", code, str(source), str(out))


def line(
    name: str, figures: tuple[float, float], base: tuple[float, float]
) -> None:
    seconds, peak = figures
    print(
        f"  {name:<22}{seconds:7.2f} s {peak:7.0f} MB"
        f"{seconds / base[0]:8.1f}× {peak / base[1]:6.1f}×"
    )


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    csv_rows = int(sys.argv[2]) if len(sys.argv) > 2 else CSV_ROWS  # noqa: PLR2004
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = report_file(folder, rows)
        size = source.stat().st_size / 2**20
        print(f"A report of {rows:,} agencies ({size:.0f} MB of JSON):")
        print(
            f"  {'':<22}{'time':>9}{'peak':>10}{'ratio to the reference':>24}"
        )
        base = reference(source, folder / "copy.json")
        line("reference (json)", base, base)
        line("check", hcc_report("check", str(source)), base)
        for fmt in FORMATS:
            needed = NEEDS.get(fmt)
            if needed and importlib.util.find_spec(needed) is None:
                print(f"  {fmt:<22}not measured: {needed} is not installed")
                continue
            figures = hcc_report(
                "render", str(source), "-f", fmt, "-o", str(folder / fmt)
            )
            line(f"render -f {fmt}", figures, base)
        table = table_file(folder, csv_rows)
        size = table.stat().st_size / 2**20
        print(
            f"A published table of {csv_rows:,} rows ({size:.0f} MB of CSV):"
        )
        base = reference(table, folder / "copy.csv")
        line("reference (csv)", base, base)
        line("check", hcc_report("check", str(table)), base)


if __name__ == "__main__":
    main()
