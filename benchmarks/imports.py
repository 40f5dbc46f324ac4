"""
The time to start Python and import hcc_report, next to importing attrs,
measured in one run as whole processes.

``import hcc_report`` loads only the package: each name is imported on
first use. The first use of the model (building counts and a period, a
rate) and of a renderer are timed too, to show what they add. The target
of the issue "One source of truth for every figure and rate": ``import
hcc_report`` at most 1.6x ``import attrs``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


ROUNDS = 25

#: What each process runs, by name; the first is the interpreter alone.
PROGRAMS = {
    "python alone": "pass",
    "import attrs": "import attrs",
    "import hcc_report": "import hcc_report",
    "+ first use of the model": (
        "import hcc_report; hcc_report.Counts(received=1); "
        "hcc_report.Period.month(2023, 2); "
        "hcc_report.on_time_rate(hcc_report.Counts(processed=1, on_time=1))"
    ),
    "+ render the example as text": (
        "import hcc_report; "
        "hcc_report.render(hcc_report.examples.binh_thuan_2023_02())"
    ),
}


def run_once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    times: dict[str, list[float]] = {name: [] for name in PROGRAMS}
    # Interleaved, so that a busy moment of the machine hits all alike.
    for _ in range(ROUNDS):
        for name, code in PROGRAMS.items():
            times[name].append(run_once(code))
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    attrs_time = medians["import attrs"]
    print(f"{'process':<32}{'median':>10}{'vs import attrs':>18}")
    for name, median in medians.items():
        print(
            f"{name:<32}{median * 1e3:>7.1f} ms{median / attrs_time:>17.2f}×"
        )
    print(
        f"{ROUNDS} runs each; target: import hcc_report <= 1.6× import attrs"
    )


if __name__ == "__main__":
    main()
