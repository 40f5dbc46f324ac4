"""
Where the command line writes, nothing is lost and nothing else is
destroyed: read-only files, links, devices and pipes, full disks, closed
and non-blocking pipes, Ctrl-C. Each case runs the real command in a
subprocess, as a user or a calling program runs it.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import stat
import subprocess
import sys
import threading
import time

from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from hcc_report import Agency, AppendixRow, Counts, Report, render, total
from hcc_report.errors import TemplateError
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.loaders import save_report, write_atomic
from hcc_report.renderers import _templates, stream


pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="POSIX files, pipes and signals"
)


def _command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "hcc_report", *argv]


def _run(*argv: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # our own command
        _command(*argv),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        **options,  # type: ignore[call-overload]
    )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """
    The example as a report file.
    """
    path = tmp_path / "r.toml"
    save_report(binh_thuan_2023_02(), path)
    return path


def _big_report(path: Path, rows: int) -> Path:
    """
    A report file of *rows* agencies.
    """
    save_report(_bigger(rows), path)
    return path


def _bigger(rows: int) -> Report:
    """
    The example with *rows* agencies.
    """
    example = binh_thuan_2023_02()
    table = [
        AppendixRow(
            agency=Agency(name=f"Đơn vị {i}"),
            counts=Counts(received=i, processed=i, on_time=i, late=0),
        )
        for i in range(rows)
    ]
    return attrs.evolve(
        example,
        figures=total(table),
        cumulative=None,
        appendix=attrs.evolve(example.appendix, rows=table, basis="period"),
    )


class TestOutputFiles:
    """
    -o writes through a temporary file only where that is safe.
    """

    def test_a_read_only_file_is_refused_and_kept(
        self, tmp_path: Path, report: Path
    ) -> None:
        """
        A file of mode 0444 is not replaced.
        """
        target = tmp_path / "ro.html"
        target.write_text("keep", "utf-8")
        target.chmod(0o444)

        done = _run("render", str(report), "-o", str(target))

        assert 2 == done.returncode
        assert f"cannot write '{target}': the file is read-only" in done.stderr
        assert "keep" == target.read_text("utf-8")
        assert [target] == list(tmp_path.glob("*.html"))

    def test_a_link_is_followed_and_stays_a_link(
        self, tmp_path: Path, report: Path
    ) -> None:
        """
        The file a link points to gets the output; the link stays.
        """
        target = tmp_path / "target.txt"
        target.write_text("old", "utf-8")
        link = tmp_path / "link.txt"
        link.symlink_to(target.name)

        done = _run("render", str(report), "-o", str(link))

        assert 0 == done.returncode
        assert link.is_symlink()
        assert "BÁO CÁO" in target.read_text("utf-8")

    def test_a_named_pipe_is_written_straight(
        self, tmp_path: Path, report: Path
    ) -> None:
        """
        A FIFO gets the bytes and stays a FIFO (a device likewise).
        """
        fifo = tmp_path / "out.fifo"
        os.mkfifo(fifo)
        received: list[bytes] = []

        def read() -> None:
            with fifo.open("rb") as stream:
                received.append(stream.read())

        # A daemon: replaced by a file, the pipe would keep it waiting.
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        done = _run("render", str(report), "-f", "text", "-o", str(fifo))
        reader.join(timeout=30)

        assert 0 == done.returncode
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        assert received
        assert "BÁO CÁO" in received[0].decode("utf-8")

    def test_a_missing_folder_is_named_as_asked(
        self, tmp_path: Path, report: Path
    ) -> None:
        """
        The error names the path asked for, not the temporary file.
        """
        target = tmp_path / "no-such-dir" / "out.html"

        done = _run("render", str(report), "-o", str(target))

        assert 2 == done.returncode
        assert f"cannot write '{target}'" in done.stderr
        assert ".tmp" not in done.stderr


class TestStandardOutput:
    """
    Standard output gets every byte, or an error that says it was
    standard output.
    """

    def test_a_full_disk_is_named_as_standard_output(
        self, report: Path
    ) -> None:
        """
        > /dev/full says standard output could not be written.
        """
        if not Path("/dev/full").exists():
            pytest.skip("no /dev/full here")
        with Path("/dev/full").open("w") as full:
            done = subprocess.run(
                _command("render", str(report)),
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
                timeout=120,
            )

        assert 2 == done.returncode
        assert "cannot write to standard output: No space left" in done.stderr
        assert "Traceback" not in done.stderr

    def test_a_closed_pipe_ends_quietly(self, tmp_path: Path) -> None:
        """
        | head -1 ends the command without a word.
        """
        big = _big_report(tmp_path / "big.toml", 3000)
        command = subprocess.Popen(
            _command("render", str(big), "-f", "html"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert command.stdout is not None
        command.stdout.readline()
        command.stdout.close()
        _, err = command.communicate(timeout=120)

        assert command.returncode in (0, 141)
        assert b"" == err

    def test_a_non_blocking_pipe_gets_every_byte(self, tmp_path: Path) -> None:
        """
        Unbuffered, into a non-blocking pipe read slowly, the whole
        document arrives (not the first 64 KiB).
        """
        big = _big_report(tmp_path / "big.toml", 3000)
        argv = ("render", str(big), "-f", "html")
        expected = subprocess.run(
            _command(*argv), capture_output=True, check=True
        ).stdout
        read_end, write_end = os.pipe()
        flags = fcntl.fcntl(write_end, fcntl.F_GETFL)
        fcntl.fcntl(write_end, fcntl.F_SETFL, flags | os.O_NONBLOCK)
        command = subprocess.Popen(
            _command(*argv),
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        os.close(write_end)
        time.sleep(0.5)  # the pipe fills
        chunks = []
        with os.fdopen(read_end, "rb") as stream:
            while chunk := stream.read(65536):
                chunks.append(chunk)
        _, err = command.communicate(timeout=120)

        assert 0 == command.returncode, err
        assert expected == b"".join(chunks)


class TestInterrupt:
    """
    Ctrl-C ends the command with status 130, no traceback, no file.
    """

    #: The command, run as ``python -m hcc_report`` runs it, with Ctrl-C
    #: sent to itself at a known point of its work, whatever the machine's
    #: speed: when it first imports a module (``import:NAME``), or at an
    #: audit event (``event:NAME``). A Ctrl-C sent after a delay lands, on
    #: a busy machine, while Python itself is still starting, before any
    #: code of ours.
    CTRL_C_AT = """
import importlib.abc, os, runpy, signal, sys

kind, _, point = sys.argv[1].partition(":")
sent = False

def ctrl_c():
    global sent
    if not sent:
        sent = True
        print("Ctrl-C at", point, file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGINT)

class AtImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if kind == "import" and name == point:
            ctrl_c()
        return None

def at_event(event, args):
    if kind == "event" and event == point:
        ctrl_c()

sys.meta_path.insert(0, AtImport())
sys.addaudithook(at_event)
sys.argv = ["hcc-report", *sys.argv[2:]]
runpy.run_module("hcc_report", run_name="__main__", alter_sys=True)
"""

    @pytest.mark.parametrize(
        "point",
        [
            pytest.param("import:hcc_report.cli", id="importing the library"),
            pytest.param(
                "import:tomllib"
                if sys.version_info >= (3, 11)
                else "import:tomli",
                id="reading the report",
            ),
            pytest.param(
                "import:hcc_report.renderers._templates",
                id="choosing the renderer",
            ),
            # The document is written whole in its temporary file, which
            # is about to replace the output.
            pytest.param("event:os.rename", id="replacing the output"),
        ],
    )
    def test_ctrl_c_at_any_time_ends_quietly(
        self, tmp_path: Path, point: str
    ) -> None:
        """
        Early (while the library is imported) or late (when the document
        is written).
        """
        big = _big_report(tmp_path / "big.toml", 3000)
        out = tmp_path / "out.html"

        argv = ("render", str(big), "-o", str(out))
        done = subprocess.run(  # our own command
            [sys.executable, "-c", self.CTRL_C_AT, point, *argv],
            capture_output=True,
            check=False,
            timeout=120,
        )

        assert f"Ctrl-C at {point.partition(':')[2]}\n".encode() == (
            done.stderr
        )
        assert 130 == done.returncode
        assert not out.exists()
        assert [] == list(tmp_path.glob(".*.tmp"))


class TestStreaming:
    """
    A document is written in pieces as they are made; what is written is
    what `render` returns, and an error on the way leaves nothing.
    """

    @pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
    def test_the_pieces_are_the_document(self, fmt: str) -> None:
        report = binh_thuan_2023_02()

        pieces = list(stream(report, fmt, style="form-06"))

        assert "".join(map(str, pieces)) == render(
            report, fmt, style="form-06"
        )

    def test_big_documents_come_in_many_pieces(self) -> None:
        report = _bigger(3000)

        assert len(list(stream(report, "html"))) > 3
        assert len(list(stream(report, "json"))) > 3000

    def test_an_error_late_in_a_file_leaves_nothing(
        self, tmp_path: Path
    ) -> None:
        """
        A template that fails after many pieces were written leaves no
        file and no temporary file, and the old file stays.
        """
        folder = tmp_path / "templates"
        folder.mkdir()
        (folder / "report.txt.j2").write_text(
            "{% for i in range(50000) %}x{% endfor %}{{ 1 / 0 }}",
            encoding="utf-8",
        )
        out = tmp_path / "out.txt"
        out.write_text("old", encoding="utf-8")

        done = subprocess.run(
            _command(
                "render",
                "--example",
                "--template-dir",
                str(folder),
                "-o",
                str(out),
            ),
            capture_output=True,
            check=False,
        )

        assert 2 == done.returncode
        assert b"ZeroDivisionError" in done.stderr
        assert "old" == out.read_text(encoding="utf-8")
        assert [] == list(tmp_path.glob(".*.tmp"))

    def test_pieces_that_fail_leave_nothing(self, tmp_path: Path) -> None:
        def pieces() -> Iterator[bytes]:
            yield b"a" * 100_000
            msg = "made wrong"
            raise TemplateError(msg)

        out = tmp_path / "out.bin"
        with pytest.raises(TemplateError, match="made wrong"):
            write_atomic(out, pieces())

        assert [] == list(tmp_path.iterdir())

    def test_two_streams_at_once_keep_their_own_budgets(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        Two renderings read in turns each go round their own loops: 122,000
        turns each, within a budget of 200,000 (the real one, 10,000,000,
        takes seconds under coverage), in many pieces.
        """
        monkeypatch.setattr(_templates, "MAX_TEMPLATE_LOOPS", 200_000)
        (tmp_path / "report.txt.j2").write_text(
            "{% for i in range(2000) %}{% for j in range(60) %}{{ j }}"
            "{% endfor %}{{ i }}{% endfor %}",
            encoding="utf-8",
        )
        first, second = (
            stream(binh_thuan_2023_02(), "text", template_dir=tmp_path)
            for _ in range(2)
        )

        texts = ["", ""]
        for a, b in itertools.zip_longest(first, second, fillvalue=""):
            texts[0] += str(a)
            texts[1] += str(b)

        assert texts[0] == texts[1]
        assert texts[0].endswith("591999")
