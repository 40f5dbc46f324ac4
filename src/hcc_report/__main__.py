"""
``python -m hcc_report``: the same as the ``hcc-report`` command.

The command starts here rather than in `hcc_report.cli`, so that Ctrl-C
while the library is still being imported ends it as Ctrl-C later does:
quietly, with status 130, no traceback.
"""

from __future__ import annotations


#: Ctrl-C (128 + SIGINT), as `hcc_report.cli.INTERRUPTED`.
_INTERRUPTED = 130


def main() -> int:
    """
    Import the command line and run it; Ctrl-C at any time ends it with
    status 130.
    """
    try:
        from hcc_report.cli import main as run  # noqa: PLC0415

        return run()
    except KeyboardInterrupt:
        return _INTERRUPTED


if __name__ == "__main__":
    raise SystemExit(main())
