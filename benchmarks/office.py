"""
Time the office formats: one report to DOCX, and a batch of 3,321 small
reports (one per commune-level centre, 10 rows each) to DOCX through the
command line, each next to a reference measured in the same run.

- One document: ``render(example, "docx")`` against python-docx's own
  floor, opening its default document and saving it (what any DOCX made
  with python-docx costs). Target: the example in 100 ms or less.
- The batch: ``hcc-report render FOLDER -o OUT -f docx`` on every core,
  against the same batch to ``text`` (reading, checking, presenting and
  writing 3,321 files, without Word). Target: 2 minutes or less on 2
  cores.

``python benchmarks/office.py [COUNT]`` (COUNT defaults to 3,321).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import timeit

from pathlib import Path

import attrs

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Counts,
    Issuer,
    render,
    save_report,
    total,
)
from hcc_report.examples import binh_thuan_2023_02


COMMUNES = 3321
ROWS = 10
ROUNDS = 5
NUMBER = 10
#: The targets of the issue.
ONE_DOCUMENT = 0.100
BATCH = 120.0


def per_call(function: object) -> float:
    timer = timeit.Timer(function)  # type: ignore[arg-type]
    return min(timer.repeat(repeat=ROUNDS, number=NUMBER)) / NUMBER


def empty_docx() -> bytes:
    import docx  # noqa: PLC0415

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def commune_reports(count: int, folder: Path) -> None:
    """
    Write *count* small reports, one per commune, with figures drawn from
    a fixed seed.
    """
    base = binh_thuan_2023_02()
    draw = random.Random(2023)
    for number in range(1, count + 1):
        rows = []
        for row in range(1, ROWS + 1):
            late = draw.randint(0, 3)
            on_time = draw.randint(0, 200)
            received = on_time + late + draw.randint(0, 20)
            rows.append(
                AppendixRow(
                    agency=Agency(name=f"Lĩnh vực {row}"),
                    counts=Counts(
                        received=received,
                        processed=on_time + late,
                        on_time=on_time,
                        late=late,
                    ),
                )
            )
        cumulative = total(rows)
        report = attrs.evolve(
            base,
            issuer=Issuer(
                name="Trung tâm Phục vụ hành chính công",
                parent=f"UBND xã số {number}",
            ),
            issued=dt.date(2023, 3, 2),
            figures=total(rows[: ROWS // 2]),
            cumulative=cumulative,
            appendix=Appendix(
                title="Kết quả giải quyết thủ tục hành chính",
                rows=rows,
                row_heading="Lĩnh vực",
            ),
        )
        save_report(report, folder / f"xa-{number:04}.toml")


def batch(folder: Path, out: Path, fmt: str) -> float:
    shutil.rmtree(out, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "hcc_report",
        "render",
        str(folder),
        "-o",
        str(out),
        "-f",
        fmt,
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COMMUNES
    report = binh_thuan_2023_02()
    render(report, "docx")  # the first call imports python-docx
    mine = per_call(lambda: render(report, "docx"))
    floor = per_call(empty_docx)
    verdict = "met" if mine <= ONE_DOCUMENT else "NOT met"
    print(
        f"one document: render(example, 'docx') {mine * 1e3:.1f} ms, "
        f"python-docx's empty document {floor * 1e3:.1f} ms, "
        f"ratio {mine / floor:.1f}×; target ≤ {ONE_DOCUMENT * 1e3:.0f} ms "
        f"{verdict}"
    )
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary, "in")
        folder.mkdir()
        commune_reports(count, folder)
        text = batch(folder, Path(temporary, "text"), "text")
        docx = batch(folder, Path(temporary, "docx"), "docx")
        written = len(list(Path(temporary, "docx").glob("*.docx")))
    if written != count:
        sys.exit(f"the batch wrote {written} of {count} documents")
    verdict = "met" if docx <= BATCH else "NOT met"
    print(
        f"batch of {count} reports of {ROWS} rows on {cores} cores: "
        f"docx {docx:.1f} s ({docx / count * 1e3:.1f} ms a report), "
        f"text {text:.1f} s, ratio {docx / text:.1f}×; "
        f"target ≤ {BATCH:.0f} s {verdict}"
    )


if __name__ == "__main__":
    main()
