"""
Tests for the hcc-report command line, run in-process.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys

from importlib import resources

import attrs
import jsonschema
import pytest

from hcc_report import (
    Counts,
    Period,
    dumps_report,
    load_report,
    render,
    save_report,
)
from hcc_report.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


class TestRender:
    def test_example_as_text_by_default(self, capsys, seed):
        """
        Without --format the example renders as text in the default style.
        """
        status, out, err = run(capsys, "render", "--example")

        assert (0, "") == (status, err)
        assert render(seed, "text") == out
        assert "10.078" in out
        assert "99,79%" in out

    @pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
    @pytest.mark.parametrize("style", ["decree-30", "binh-thuan"])
    def test_every_format_and_style(self, capsys, seed, fmt, style):
        """
        The command line prints what render() returns.
        """
        status, out, _ = run(
            capsys, "render", "--example", "-f", fmt, "--style", style
        )

        assert 0 == status
        assert render(seed, fmt, style=style) == out

    def test_file_input_and_output(self, capsys, tmp_path, seed):
        """
        A report file renders to a file; the format comes from the suffix.
        """
        source = tmp_path / "report.json"
        source.write_text(dumps_report(seed, "json"), encoding="utf-8")
        target = tmp_path / "out.html"

        status, out, _ = run(capsys, "render", str(source), "-o", str(target))

        assert (0, "") == (status, out)
        assert render(seed, "html") == target.read_text(encoding="utf-8")
        mode = stat.S_IMODE(target.stat().st_mode)
        umask = os.umask(0)
        os.umask(umask)
        assert 0o666 & ~umask == mode

    def test_style_file(self, capsys, tmp_path):
        """
        --style takes a TOML style file too.
        """
        style = tmp_path / "mine.toml"
        style.write_text(
            'base = "binh-thuan"\nnot_applicable = "N/A"\nzero = "not-applicable"\n',
            encoding="utf-8",
        )

        status, out, _ = run(
            capsys, "render", "--example", "--style", str(style)
        )

        assert 0 == status
        assert out.count("N/A") == 2

    def test_a_changed_style_file_is_read_again(self, capsys, tmp_path):
        """
        A style file is read once while it is unchanged; changed, it is
        read again.
        """
        style = tmp_path / "mine.toml"
        for mark in ("N/A", "k/có"):
            style.write_text(
                f'base = "binh-thuan"\nnot_applicable = "{mark}"\n'
                'zero = "not-applicable"\n',
                encoding="utf-8",
            )
            status, out, _ = run(
                capsys, "render", "--example", "--style", str(style)
            )
            assert 0 == status
            assert out.count(mark) == 2

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["-f", "pdf2"], "no renderer is called 'pdf2'; available: text"),
            (["-o", "out.xyz"], "cannot tell the format from"),
            (["--style", "nope"], "unknown style 'nope'; the presets are"),
            (["--template-dir", "/no/such/dir"], "does not exist"),
        ],
    )
    def test_errors(self, capsys, tmp_path, monkeypatch, args, message):
        """
        Bad options give status 2 and a one-line error, no traceback and
        no file.
        """
        monkeypatch.chdir(tmp_path)

        status, out, err = run(capsys, "render", "--example", *args)

        assert (2, "") == (status, out)
        assert message in err
        assert "Traceback" not in err
        assert [] == list(tmp_path.iterdir())

    def test_invalid_file(self, capsys, tmp_path, seed):
        """
        An invalid report gives status 2 and every problem.
        """
        path = tmp_path / "report.toml"
        path.write_text(
            dumps_report(seed, "toml").replace("late = 19", "late = -19"),
            encoding="utf-8",
        )

        status, out, err = run(capsys, "render", str(path))

        assert (2, "") == (status, out)
        assert err.startswith(f"hcc-report: error: {path}: invalid report")
        assert (
            "appendix.rows[8].late (Stt 9, Sở Tài nguyên và Môi trường): "
            "must not be negative, got -19"
        ) in err

    def test_missing_file(self, capsys, tmp_path):
        """
        A missing file is an error with its name: status 2.
        """
        status, _, err = run(capsys, "render", str(tmp_path / "nope.toml"))

        assert 2 == status
        assert "nope.toml" in err

    def test_needs_an_input(self, capsys):
        """
        Without a file or --example the command line is wrong (status 2).
        """
        with pytest.raises(SystemExit) as info:
            main(["render"])

        assert 2 == info.value.code


def test_formats_lists_the_renderers(capsys):
    """
    `hcc-report formats` lists each renderer with suffix and media type.
    """
    status, out, _ = run(capsys, "formats")

    names = [line.split()[0] for line in out.splitlines()]
    assert 0 == status
    assert ["text", "markdown", "html", "json"] == names[:4]
    assert "html       .html" in out


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


def test_python_dash_m():
    """
    `python -m hcc_report` is the command line.
    """
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "hcc_report",
            "render",
            "--example",
            "-f",
            "json",
        ],
        capture_output=True,
        check=True,
        encoding="utf-8",
    )

    assert "04/BC-TTHCC" == json.loads(result.stdout)["report"]["number"]


def test_errors_in_a_real_process_have_no_traceback(tmp_path):
    """
    Run as a program, a bad file gives one line of error and status 2.
    """
    path = tmp_path / "report.txt"
    path.write_text("not a report", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "hcc_report", "render", str(path)],
        capture_output=True,
        check=False,
        encoding="utf-8",
    )

    assert 2 == result.returncode
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("hcc-report: error:")


def test_output_is_utf8_whatever_the_terminal(tmp_path):
    """
    A terminal that is not UTF-8 still gets the UTF-8 document.
    """
    result = subprocess.run(
        [sys.executable, "-m", "hcc_report", "render", "--example"],
        capture_output=True,
        check=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )

    assert "Bình Thuận, ngày 02 tháng 3 năm 2023" in result.stdout.decode()


class TestCheck:
    def test_example(self, capsys):
        """
        `hcc-report check --example` shows the one wrong figure and exits 1.
        """
        status, out, _ = run(capsys, "check", "--example")

        lines = out.splitlines()
        assert 1 == status
        assert lines[2].startswith("LỖI      Phụ lục, dòng Tổng cộng")
        assert "in 99.49%, đúng là 99.79%" in lines[2]
        assert "1 lỗi, 0 cảnh báo, 2 ghi chú" == lines[-1]
        assert 4 == len(lines)

    def test_english_and_json(self, capsys):
        """
        --lang en writes English; --format json writes the findings.
        """
        _, out, _ = run(capsys, "check", "--example", "--lang", "en")
        assert "printed 99.49%, expected 99.79%" in out
        assert out.endswith("\n1 error, 0 warnings, 2 notes\n")

        status, out, _ = run(capsys, "check", "--example", "--format", "json")
        data = json.loads(out)
        assert 1 == status
        assert (1, 0, 2) == (data["errors"], data["warnings"], data["notes"])
        assert {
            "kind": "rate",
            "severity": "error",
            "location": {
                "part": "table",
                "row": None,
                "row_name": "Tổng cộng",
                "column": "on_time_rate",
                "heading": None,
            },
            "printed": "99.49%",
            "expected": "99.79%",
            "detail": "9.705 / 9.725",
            "parts": [],
            "reason": "",
            "base": [],
            "base_detail": "",
        } == data["findings"][-1]

    def test_a_table_that_adds_up(self, capsys, tmp_path):
        """
        A CSV whose figures add up passes: status 0.
        """
        path = tmp_path / "table.csv"
        path.write_text(
            "Tên đơn vị;Đã xử lý;Đúng hẹn;Trễ hẹn;Tỷ lệ đúng hẹn (%)\n"
            "A;4;3;1;75,00%\nB;8;8;0;100,00%\nTổng cộng;12;11;1;91,67%\n",
            encoding="utf-8",
        )

        status, out, _ = run(capsys, "check", str(path))

        assert (0, "0 lỗi, 0 cảnh báo, 0 ghi chú\n") == (status, out)

    def test_with_the_previous_report(self, capsys, tmp_path):
        """
        PREVIOUS is compared: cumulative figures must grow by the period.
        """
        current = tmp_path / "feb.toml"
        current.write_text(
            'period = "tháng 02 năm 2023"\n'
            "[paragraph.period]\nreceived = 5\n"
            "[paragraph.cumulative]\nreceived = 12\n",
            encoding="utf-8",
        )
        previous = tmp_path / "jan.toml"
        previous.write_text(
            'period = "tháng 01 năm 2023"\n[paragraph.cumulative]\nreceived = 8\n',
            encoding="utf-8",
        )

        status, out, _ = run(
            capsys, "check", str(current), str(previous), "--lang", "en"
        )

        assert 1 == status
        assert "previous cumulative plus this period" in out
        assert "printed 12, expected 13" in out

    @pytest.mark.parametrize(
        ("basis", "errors"),
        [(None, 1), ("cumulative", 1), ("period", 5)],
    )
    def test_basis(self, capsys, tmp_path, basis, errors):
        """
        --basis says which paragraph the table's total must equal, for a
        file that does not say.
        """
        example = resources.files("hcc_report.examples").joinpath(
            "binh_thuan_2023_02_published.toml"
        )
        text = example.read_text(encoding="utf-8")
        path = tmp_path / "published.toml"
        path.write_text(
            text.replace('basis = "cumulative"\n', ""), encoding="utf-8"
        )
        args = [] if basis is None else ["--basis", basis]

        status, out, _ = run(capsys, "check", str(path), *args, "-f", "json")

        assert (1, errors) == (status, json.loads(out)["errors"])

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ([], "give an INPUT file, or --example"),
            (["x.csv", "--example"], "not both"),
            (["missing.csv"], "missing.csv"),
        ],
    )
    def test_errors(self, capsys, tmp_path, monkeypatch, args, message):
        """
        Wrong uses are one-line errors with status 2.
        """
        monkeypatch.chdir(tmp_path)

        status, _, err = run(capsys, "check", *args)

        assert 2 == status
        assert message in err

    def test_bad_table(self, capsys, tmp_path):
        """
        A table that cannot be read names the line and column.
        """
        path = tmp_path / "t.csv"
        path.write_text("Tên đơn vị;Đã xử lý\nA;1,5\n", encoding="utf-8")

        status, _, err = run(capsys, "check", str(path))

        assert 2 == status
        assert "line 2, column 'Đã xử lý': must be a whole count" in err


class TestCheckReportFile:
    """
    `check` takes a report file too, and audits what its rendering prints.
    """

    @pytest.fixture
    def report_file(self, capsys, tmp_path):
        status, out, _ = run(capsys, "example")
        assert 0 == status
        path = tmp_path / "r.toml"
        path.write_text(out, encoding="utf-8")
        return path

    @staticmethod
    def edited(path, old, new):
        """
        *path* with the first line *old* of Sở Tư pháp's row made *new*.
        """
        text = path.read_text(encoding="utf-8")
        row = text.index('name = "Sở Tư pháp"')
        at = text.index(old, row)
        path.write_text(
            text[:at] + new + text[at + len(old) :], encoding="utf-8"
        )
        return path

    @pytest.mark.parametrize("style", ["decree-30", "binh-thuan", "form-06"])
    def test_what_example_writes_passes(self, capsys, report_file, style):
        """
        `hcc-report example > r.toml && hcc-report check r.toml` exits 0,
        in every style.
        """
        status, out, err = run(
            capsys, "check", str(report_file), "--style", style
        )

        assert (0, "") == (status, err)
        assert out.splitlines()[-1].startswith("0 lỗi, 0 cảnh báo,")

    def test_the_rates_are_checked_as_printed(self, capsys, report_file):
        """
        The notes are about the rates the style prints for 0 / 0: "-" in
        decree-30, "100.00%" in binh-thuan.
        """
        _, dash, _ = run(capsys, "check", str(report_file))
        _, hundred, _ = run(
            capsys, "check", str(report_file), "-s", "binh-thuan"
        )

        assert "dòng 11 (Sở Thông tin và Truyền thông)" in dash
        assert "in -" in dash
        assert "in 100.00%" in hundred

    def test_a_row_that_does_not_add_up_is_named_as_printed(
        self, capsys, report_file
    ):
        """
        A row whose on-time count no longer adds up stops `check` and
        `render` alike, naming the printed row (Stt 10) and the agency.
        """
        path = self.edited(report_file, "on_time = 1279", "on_time = 1280")

        for command in ("check", "render"):
            status, out, err = run(capsys, command, str(path))

            assert (2, "") == (status, out)
            assert (
                "appendix.rows[9].processed (Stt 10, Sở Tư pháp): must equal "
                "on_time + late = 1280 + 0 = 1280, got 1279"
            ) in err

    def test_a_count_the_total_no_longer_matches(self, capsys, report_file):
        """
        Received 1620 → 1621 keeps the row right but not the total the body
        states: both commands say which figure and by how much.
        """
        path = self.edited(report_file, "received = 1620", "received = 1621")

        for command in ("check", "render"):
            status, _, err = run(capsys, command, str(path))

            assert 2 == status
            assert (
                "cumulative.received: must equal the appendix's total "
                "10079, got 10078"
            ) in err

    def test_a_syntax_error_is_named_as_a_reports(self, capsys, report_file):
        """
        A report file with a syntax error is called a report, not
        published figures.
        """
        path = self.edited(report_file, "on_time = 1279", "on_time == 1279")

        status, _, err = run(capsys, "check", str(path))

        assert 2 == status
        assert ": invalid report: invalid TOML: " in err

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--places", "3"], "is a report file: places is an option of"),
            (
                ["--basis", "period", "--notation", "en"],
                "basis, notation are options of published figures only",
            ),
        ],
    )
    def test_options_of_published_figures(
        self, capsys, report_file, args, message
    ):
        """
        Options that only published figures take are refused for a report
        file, rather than ignored.
        """
        status, _, err = run(capsys, "check", str(report_file), *args)

        assert 2 == status
        assert message in err

    def test_style_is_for_report_files(self, capsys, tmp_path):
        """
        --style with published figures is refused, rather than ignored.
        """
        path = tmp_path / "t.csv"
        path.write_text("Tên đơn vị;Đã tiếp nhận\nA;1\n", encoding="utf-8")

        for args in ([str(path)], ["--example"]):
            status, _, err = run(capsys, "check", *args, "-s", "binh-thuan")
            assert 2 == status
            assert "--style is for report files" in err

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
    def test_a_named_pipe_is_read_once(self, capsys, tmp_path, report_file):
        """
        A file that can be read only once (a named pipe) is read once.
        """
        import threading  # noqa: PLC0415

        pipe = tmp_path / "pipe.toml"
        os.mkfifo(pipe)
        data = report_file.read_bytes()
        writer = threading.Thread(target=pipe.write_bytes, args=(data,))
        writer.start()

        status, out, err = run(capsys, "check", str(pipe))
        writer.join(timeout=10)

        assert (0, "") == (status, err)
        assert out.splitlines()[-1].startswith("0 lỗi")

    @pytest.mark.parametrize(("extra", "status"), [(0, 0), (1, 1)])
    def test_as_the_previous_report(
        self, capsys, report_file, seed, extra, status
    ):
        """
        A report file may be the PREVIOUS report too: February's cumulative
        figures must be January's and February's own.
        """
        february = seed.cumulative.known()
        january = {
            key: value - seed.figures.known()[key]
            for key, value in february.items()
        }
        january["received"] += extra
        previous = attrs.evolve(
            seed,
            period=Period.month(2023, 1),
            figures=Counts(**january),
            cumulative=Counts(**january),
            appendix=None,
        )
        path = report_file.parent / "jan.toml"
        save_report(previous, path)

        found, out, _ = run(capsys, "check", str(report_file), str(path))

        assert status == found
        assert ("kỳ trước" in out) == bool(extra)


class TestBatch:
    """
    `render` with several files or folders renders them all into -o.
    """

    @pytest.fixture
    def in_tmp_path(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)

    @pytest.fixture
    def inputs(self, tmp_path, seed):
        folder = tmp_path / "in"
        (folder / "sub").mkdir(parents=True)
        for name in ("a.toml", "b.toml"):
            (folder / name).write_text(dumps_report(seed, "toml"), "utf-8")
        (folder / "sub" / "c.json").write_text(
            dumps_report(seed, "json"), "utf-8"
        )
        (folder / "notes.txt").write_text("not a report", "utf-8")
        return folder

    def test_a_folder_and_files(self, capsys, tmp_path, inputs, seed):
        """
        A folder's report files (through its subfolders) and single files
        are rendered into -o, named as their inputs.
        """
        single = tmp_path / "single.toml"
        single.write_text(dumps_report(seed, "toml"), "utf-8")
        out = tmp_path / "out"

        status, stdout, err = run(
            capsys,
            "render",
            str(inputs),
            str(single),
            "-o",
            str(out),
            "-f",
            "html",
            "-j",
            "1",
        )

        assert (0, "") == (status, stdout)
        assert sorted(
            str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()
        ) == ["a.html", "b.html", "single.html", "sub/c.html"]
        assert (out / "sub" / "c.html").read_text("utf-8") == render(
            seed, "html"
        )
        assert "đã xuất 4/4 tệp" in err

    def test_keeps_going_and_lists_every_failure(
        self, capsys, tmp_path, inputs
    ):
        """
        Bad inputs do not stop the others; each is listed at the end, and
        the status is 2.
        """
        (inputs / "bad1.toml").write_text("number = 1\n", "utf-8")
        (inputs / "bad2.json").write_text("{", "utf-8")
        out = tmp_path / "out"

        status, _, err = run(
            capsys, "render", str(inputs), "-o", str(out), "-f", "text"
        )

        assert 2 == status
        assert "bad1.toml: invalid report" in err
        assert "bad2.json: invalid report" in err
        assert "đã xuất 3/5 tệp vào " in err
        assert err.endswith(", 2 tệp lỗi\n")
        assert not (out / "bad1.txt").exists()
        assert (out / "a.txt").exists()

    def test_in_worker_processes(self, capsys, tmp_path, seed):
        """
        More files than one task holds go to worker processes and come
        out the same as one by one.
        """
        folder = tmp_path / "in"
        folder.mkdir()
        text = dumps_report(seed, "toml")
        for i in range(40):
            (folder / f"r{i:02}.toml").write_text(text, "utf-8")
        (folder / "r99.toml").write_text("bad = 1\n", "utf-8")
        out = tmp_path / "out"

        status, _, err = run(
            capsys,
            "render",
            str(folder),
            "-o",
            str(out),
            "-f",
            "markdown",
            "-j",
            "2",
        )

        assert 2 == status
        assert "đã xuất 40/41 tệp" in err
        expected = render(seed, "markdown")
        assert all(
            (out / f"r{i:02}.md").read_text("utf-8") == expected
            for i in range(40)
        )

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["-f", "html"], "needs an output folder: -o FOLDER"),
            (["-o", "out"], "needs a format: -f FORMAT"),
            (["-o", "file.txt", "-f", "html"], "file.txt is not a folder"),
            (["-o", "out", "-f", "nope"], "no renderer is called 'nope'"),
            (["-o", "out", "-f", "html", "-s", "nope"], "unknown style"),
            (["-o", "out", "-f", "html", "-j", "0"], None),
        ],
    )
    @pytest.mark.usefixtures("in_tmp_path")
    def test_wrong_uses(self, capsys, tmp_path, inputs, args, message):
        """
        A batch that cannot start says why, with status 2.
        """
        (tmp_path / "file.txt").write_text("", "utf-8")

        if message is None:
            with pytest.raises(SystemExit) as info:
                main(["render", str(inputs), *args])
            assert 2 == info.value.code
            return
        status, _, err = run(capsys, "render", str(inputs), *args)

        assert 2 == status
        assert message in err
        assert not (tmp_path / "out").exists()

    def test_two_inputs_one_output(self, capsys, tmp_path, inputs):
        """
        Two inputs that would write the same file are refused up front.
        """
        other = tmp_path / "other"
        other.mkdir()
        (other / "a.toml").write_text(
            (inputs / "a.toml").read_text("utf-8"), "utf-8"
        )

        status, _, err = run(
            capsys,
            "render",
            str(inputs / "a.toml"),
            str(other / "a.toml"),
            "-o",
            str(tmp_path / "out"),
            "-f",
            "html",
        )

        assert 2 == status
        assert "would both be written to" in err

    def test_an_empty_folder(self, capsys, tmp_path):
        empty = tmp_path / "empty"
        empty.mkdir()

        status, _, err = run(
            capsys, "render", str(empty), str(empty), "-o", "x", "-f", "html"
        )

        assert 2 == status
        assert "no report file (.toml or .json) in this folder" in err

    def test_never_replaces_an_input(self, capsys, tmp_path, seed):
        """
        An output folder that is the input folder, where an output would
        replace its report, is refused before anything is written.
        """
        folder = tmp_path / "in"
        folder.mkdir()
        report = folder / "a.json"
        report.write_text(dumps_report(seed, "json"), "utf-8")

        status, _, err = run(
            capsys, "render", str(folder), "-o", str(folder), "-f", "json"
        )

        assert 2 == status
        assert "is the input folder" in err
        assert load_report(report) == seed

        status, _, err = run(
            capsys,
            "render",
            str(report),
            str(report),
            "-o",
            str(folder),
            "-f",
            "json",
        )

        assert 2 == status
        assert "would replace the report" in err
        assert load_report(report) == seed

    def test_outputs_inside_an_input_folder_are_not_inputs(
        self, capsys, tmp_path, inputs
    ):
        """
        With -o inside an input folder, a second run does not read the
        first run's outputs as reports.
        """
        out = inputs / "out"
        for _ in range(2):
            status, _, err = run(
                capsys, "render", str(inputs), "-o", str(out), "-f", "json"
            )
            assert 0 == status
            assert "đã xuất 3/3 tệp" in err
        assert not (out / "out").exists()

    def test_a_file_named_twice_is_rendered_once(
        self, capsys, tmp_path, inputs
    ):
        status, _, err = run(
            capsys,
            "render",
            str(inputs),
            str(inputs),
            "-o",
            str(tmp_path / "out"),
            "-f",
            "text",
        )

        assert 0 == status
        assert "đã xuất 3/3 tệp" in err

    def test_one_file_into_a_folder(self, capsys, tmp_path, inputs):
        """
        One file with -o naming an existing folder is written into it.
        """
        out = tmp_path / "out"
        out.mkdir()

        status, _, _ = run(
            capsys,
            "render",
            str(inputs / "a.toml"),
            "-o",
            str(out),
            "-f",
            "html",
        )

        assert 0 == status
        assert (out / "a.html").is_file()

    def test_a_folder_that_cannot_be_made(self, capsys, tmp_path, inputs):
        """
        An output folder under a file is each job's failure, named, with
        status 2 and no traceback.
        """
        blocker = tmp_path / "out"
        blocker.mkdir()
        (blocker / "sub").write_text("a file where a folder goes", "utf-8")

        status, _, err = run(
            capsys, "render", str(inputs), "-o", str(blocker), "-f", "text"
        )

        assert 2 == status
        assert "c.json: cannot make the folder" in err
        assert "Traceback" not in err
        assert "đã xuất 2/3 tệp" in err

    def test_an_option_the_format_does_not_take(
        self, capsys, tmp_path, inputs
    ):
        """
        An option for another format stops the batch before it starts,
        rather than failing once a file.
        """
        status, _, err = run(
            capsys,
            "render",
            str(inputs),
            "-o",
            str(tmp_path / "out"),
            "-f",
            "html",
            "--template",
            str(inputs / "a.toml"),
        )

        assert 2 == status
        assert "the 'html' renderer has no option 'template'" in err
        assert not (tmp_path / "out").exists()

    def test_progress_only_on_a_terminal(self):
        """
        The progress bar is drawn on a terminal and not on a pipe.
        """
        from hcc_report._batch import Progress  # noqa: PLC0415

        class Terminal(io.StringIO):
            def isatty(self):
                return True

        for stream, shown in ((Terminal(), True), (io.StringIO(), False)):
            bar = Progress(4, stream)
            bar.advance(1)
            bar.advance(3)
            bar.close()
            text = stream.getvalue()
            assert ("4/4" in text) == shown
            assert bool(text) == shown


class TestSchema:
    @pytest.mark.parametrize("kind", ["report", "published"])
    def test_prints_the_shipped_schema(self, capsys, kind):
        """
        `hcc-report schema KIND` prints the schema the package ships.
        """
        status, out, _ = run(capsys, "schema", kind)

        shipped = resources.files("hcc_report").joinpath(
            f"schemas/{kind}.schema.json"
        )
        assert 0 == status
        assert shipped.read_text(encoding="utf-8") == out

    def test_validates_what_example_writes(self, capsys):
        """
        The file `hcc-report example -f json` writes is valid by the
        schema `hcc-report schema report` prints, and one that the loader
        refuses for its shape is not.
        """
        _, schema, _ = run(capsys, "schema", "report")
        _, example, _ = run(capsys, "example", "-f", "json")
        validator = jsonschema.Draft202012Validator(json.loads(schema))
        report = json.loads(example)

        assert [] == list(validator.iter_errors(report))
        report["appendix"]["rows"][9]["recieved"] = 1620
        assert list(validator.iter_errors(report))

    def test_needs_a_kind(self, capsys):
        """
        Without a kind, or with another, the command line is wrong.
        """
        for args in (["schema"], ["schema", "style"]):
            with pytest.raises(SystemExit) as info:
                main(args)
            assert 2 == info.value.code


class TestExitStatus:
    """
    0 all well, 1 wrong figures, 2 unusable input or command, 130 Ctrl-C.
    """

    def test_an_option_the_format_does_not_take(self, capsys):
        """
        --template-dir with json: status 2 and one line naming the
        renderer's options.
        """
        status, out, err = run(
            capsys, "render", "--example", "-f", "json", "--template-dir", "d"
        )

        assert (2, "") == (status, out)
        assert (
            "hcc-report: error: the 'json' renderer has no option "
            "'template_dir'; it takes no options\n"
        ) == err

    def test_the_same_in_a_real_process(self, tmp_path):
        """
        Run as a program: status 2, one line, no traceback.
        """
        (tmp_path / "d").mkdir()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "hcc_report",
                "render",
                "--example",
                "-f",
                "json",
                "--template-dir",
                str(tmp_path / "d"),
            ],
            capture_output=True,
            check=False,
            encoding="utf-8",
        )

        assert (2, "") == (result.returncode, result.stdout)
        assert 1 == len(result.stderr.splitlines())
        assert "Traceback" not in result.stderr

    def test_check_statuses(self, capsys, tmp_path, monkeypatch):
        """
        A missing file is 2, the example's wrong rate 1.
        """
        monkeypatch.chdir(tmp_path)

        assert 2 == run(capsys, "check", "missing.csv")[0]
        assert 1 == run(capsys, "check", "--example")[0]

    def test_ctrl_c(self, capsys, tmp_path, monkeypatch):
        """
        Ctrl-C while a file is written: status 130, no traceback, no file
        and no temporary file left.
        """

        def interrupted(*args):
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "fsync", interrupted)
        target = tmp_path / "out.html"

        status, out, err = run(
            capsys, "render", "--example", "-o", str(target)
        )

        assert (130, "", "") == (status, out, err)
        assert [] == list(tmp_path.iterdir())

    def test_a_bug_is_not_hidden(self, monkeypatch):
        """
        Only the library's own errors become a status: anything else is a
        bug and is raised.
        """

        def broken(*args, **kwargs):
            raise RuntimeError("a bug")

        monkeypatch.setattr("hcc_report.cli.audit", broken)

        with pytest.raises(RuntimeError, match="a bug"):
            main(["check", "--example"])

    def test_unwritable_output_names_the_file(self, capsys, tmp_path):
        """
        An output in a folder that does not exist is status 2, naming the
        file asked for.
        """
        target = tmp_path / "no-such-dir" / "out.html"

        status, _, err = run(capsys, "render", "--example", "-o", str(target))

        assert 2 == status
        assert f"cannot write {str(target)!r}" in err


class TestStandardOutput:
    def test_a_closed_pipe_ends_quietly(self):
        """
        `| head -1`: the command stops quietly when its reader does.
        """
        process = subprocess.Popen(
            [sys.executable, "-m", "hcc_report", "render", "--example"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        # Closed before the command writes (it takes longer to start).
        process.stdout.close()
        _, err = process.communicate(timeout=60)

        assert (141, b"") == (process.returncode, err)

    def test_a_full_disk(self, capsys, monkeypatch):
        """
        Standard output that cannot be written is status 2, saying so.
        """

        class Full(io.TextIOWrapper):
            full = True

            def __init__(self):
                super().__init__(io.BytesIO(), encoding="utf-8")

            def flush(self):
                if self.full:
                    raise OSError(28, "No space left on device")
                super().flush()

        stdout = Full()
        monkeypatch.setattr(sys, "stdout", stdout)

        status = main(["render", "--example"])
        # Room again, so that closing the stream when it is collected (at
        # a moment that differs between Pythons) does not fail.
        stdout.full = False

        assert 2 == status
        assert (
            "hcc-report: error: cannot write to standard output: "
            "No space left on device\n"
        ) == capsys.readouterr().err
