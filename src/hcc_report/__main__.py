"""
``python -m hcc_report``: the same as the ``hcc-report`` command.

The command starts here rather than in `hcc_report.cli`, so that Ctrl-C
while the library is still being imported ends it as Ctrl-C later does:
quietly, with status 130, no traceback. Being the process's own, it also
sets how often Python's cycle collector runs, as mypy's command does.
"""

from __future__ import annotations

import gc


#: Ctrl-C (128 + SIGINT), as `hcc_report.cli.INTERRUPTED`.
_INTERRUPTED = 130

#: Allocations between collections of the youngest generation, and
#: collections between those of the older two. Python's defaults (700, 10,
#: 10) made a full collection run over and over while a big report was
#: read, a third of the time of rendering 100,000 rows; a report makes no
#: cycles, so collecting them seldom costs no memory.
_GC_THRESHOLDS = (100_000, 50, 100)


def main() -> int:
    """
    Import the command line and run it; Ctrl-C at any time ends it with
    status 130.
    """
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        from hcc_report.cli import main as run  # noqa: PLC0415

        return run()
    except KeyboardInterrupt:
        return _INTERRUPTED


if __name__ == "__main__":
    raise SystemExit(main())
