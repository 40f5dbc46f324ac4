"""
Tests for the hcc-report command line, run in-process.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from hcc_report import dumps_report, load_report
from hcc_report.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


class TestSummary:
    def test_example(self, capsys):
        """
        The summary of the example shows its figures and the right total
        rate.
        """
        status, out, err = run(capsys, "summary", "--example")

        assert (0, "") == (status, err)
        assert out.startswith(
            "Số: 04/BC-TTHCC\nBình Thuận, ngày 02 tháng 3 năm 2023\n"
        )
        assert "Kỳ báo cáo: tháng 02 năm 2023" in out
        assert "99,79%" in out
        assert "99.49" not in out
        assert "99,49" not in out
        total = out.splitlines()[-1].split()
        assert [
            "Tổng",
            "cộng",
            "10.078",
            "9.725",
            "9.705",
            "20",
            "99,79%",
        ] == (total)
        assert "Sở Tài nguyên và Môi trường" in out

    def test_file(self, capsys, tmp_path, seed):
        """
        A report file gives the same summary as the example.
        """
        path = tmp_path / "report.json"
        path.write_text(dumps_report(seed, "json"), encoding="utf-8")

        assert run(capsys, "summary", str(path)) == run(
            capsys, "summary", "--example"
        )

    def test_invalid_file(self, capsys, tmp_path, seed):
        """
        An invalid file gives status 1 and every problem, no traceback.
        """
        path = tmp_path / "report.toml"
        path.write_text(
            dumps_report(seed, "toml").replace("late = 19", "late = -19"),
            encoding="utf-8",
        )

        status, out, err = run(capsys, "summary", str(path))

        assert (1, "") == (status, out)
        assert err.startswith(f"hcc-report: error: {path}: invalid report")
        assert "appendix.rows[8].late: must not be negative, got -19" in err
        assert "Traceback" not in err

    def test_missing_file(self, capsys, tmp_path):
        """
        A missing file is an error with its name.
        """
        status, _, err = run(capsys, "summary", str(tmp_path / "nope.toml"))

        assert 1 == status
        assert "nope.toml" in err

    def test_needs_an_input(self, capsys):
        """
        Without a file or --example the command line is wrong (status 2).
        """
        with pytest.raises(SystemExit) as info:
            main(["summary"])

        assert 2 == info.value.code


def test_example_command_prints_a_loadable_file(capsys, tmp_path, seed):
    """
    `hcc-report example` prints a file that loads as the example.
    """
    for fmt in ("toml", "json"):
        status, out, _ = run(capsys, "example", "--format", fmt)
        path = tmp_path / f"report.{fmt}"
        path.write_text(out, encoding="utf-8")

        assert 0 == status
        assert seed == load_report(path)


def test_python_dash_m(seed):
    """
    `python -m hcc_report` is the command line.
    """
    result = subprocess.run(
        [sys.executable, "-m", "hcc_report", "summary", "--example"],
        capture_output=True,
        check=True,
        encoding="utf-8",
    )

    assert "04/BC-TTHCC" in result.stdout
