"""
Rendering many report files at once, in parallel, for the command line.

`plan` pairs every input (files, and the report files of folders) with
its output in an output folder; `run` renders them in worker processes,
keeps going past a file that fails, and returns every failure and every
note on the documents made. The workers render; this process writes each
output atomically, so a failure or Ctrl-C leaves no partial file.
"""

from __future__ import annotations

import functools
import math
import os
import signal
import sys

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from hcc_report.errors import HccReportError


__all__ = [
    "Failure",
    "Job",
    "Note",
    "Output",
    "Progress",
    "default_workers",
    "plan",
    "run",
]

#: The suffixes of report files a folder is searched for.
REPORT_SUFFIXES = (".toml", ".json")
#: How many files one task of a worker renders: fewer round trips between
#: processes for thousands of small reports.
CHUNK = 16


@attrs.frozen
class Job:
    """
    One file to render: where it is read from and written to.
    """

    source: Path
    target: Path


@attrs.frozen
class Failure:
    """
    A file that could not be rendered, and why.
    """

    source: Path
    reason: str


@attrs.frozen
class Output:
    """
    A document rendered by a worker: its bytes, and the notes on it (texts
    without a version in its language).
    """

    data: bytes
    notes: tuple[str, ...] = ()


@attrs.frozen
class Note:
    """
    A note on the document rendered from a file.
    """

    source: Path
    text: str


def _sources(
    inputs: Sequence[str], skip: Path | None = None
) -> Iterator[tuple[Path, Path]]:
    """
    Every input file with the name its output takes: a file's own name,
    or a folder's report files (searched through its subfolders, except
    *skip*, the output folder) by their place in it.
    """
    for name in inputs:
        path = Path(name)
        if not path.is_dir():
            yield path, Path(path.name)
            continue
        for source in sorted(path.rglob("*")):
            if source.suffix.lower() not in REPORT_SUFFIXES:
                continue
            if skip is not None and source.resolve().is_relative_to(skip):
                continue
            if source.is_file():
                yield source, source.relative_to(path)


def plan(inputs: Sequence[str], folder: str, suffix: str) -> list[Job]:
    """
    Pair every input with its output in *folder*, named as its input with
    *suffix*. A file named twice is rendered once; the output folder's
    own files are not inputs.

    Raises:
        ~hcc_report.errors.HccReportError: An input folder holds no report
            file, two inputs would write the same output, or an output
            would replace an input.
    """
    out = Path(folder).resolve()
    for name in inputs:
        if Path(name).is_dir() and Path(name).resolve() == out:
            msg = (
                f"{folder} is the input folder {name}: the outputs would "
                "go among the reports; choose another folder"
            )
            raise HccReportError(msg)
    found = list(_sources(inputs, skip=out))
    for name in inputs:
        if Path(name).is_dir() and not any(
            source.is_relative_to(name) for source, _ in found
        ):
            msg = f"{name}: no report file (.toml or .json) in this folder"
            raise HccReportError(msg)
    sources = {source.resolve() for source, _ in found}
    jobs: list[Job] = []
    seen: dict[Path, Path] = {}
    done: set[Path] = set()
    for source, relative in found:
        if source.resolve() in done:
            continue  # the same file, named twice
        done.add(source.resolve())
        target = Path(folder, relative).with_suffix(suffix)
        if target.resolve() in sources:
            msg = f"{target} would replace the report {source}"
            raise HccReportError(msg)
        if target in seen:
            msg = (
                f"{seen[target]} and {source} would both be written to "
                f"{target}"
            )
            raise HccReportError(msg)
        seen[target] = source
        jobs.append(Job(source, target))
    return jobs


#: What a worker renders with: a report file's path to its output.
Renderer = Callable[[Path], Output]
#: What writes an output: its path and bytes.
Writer = Callable[[Path, bytes], None]


def _render_one(render: Renderer, source: Path) -> Output | str:
    """
    The output of *source*, or why it failed (a library error).
    """
    try:
        return render(source)
    except HccReportError as error:
        return str(error)


def _render_chunk(
    render: Renderer, chunk: list[tuple[int, Path]]
) -> list[tuple[int, Output | str]]:
    """
    Render a task's files, each output or failure by its job's number.
    """
    return [(index, _render_one(render, source)) for index, source in chunk]


class Progress:
    """
    A progress bar on a terminal; nothing on a pipe or a file.
    """

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.shown = stream.isatty()

    def advance(self, count: int) -> None:
        self.done += count
        if not self.shown:
            return
        width = 30
        filled = width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def _chunks(jobs: Sequence[Job], workers: int) -> list[list[tuple[int, Path]]]:
    """
    The jobs' sources by number, in tasks of up to `CHUNK`, at least four
    for each worker, so that the workers share them out evenly.
    """
    size = max(1, min(CHUNK, math.ceil(len(jobs) / (4 * workers))))
    numbered = [(i, job.source) for i, job in enumerate(jobs)]
    return [numbered[i : i + size] for i in range(0, len(numbered), size)]


def run(
    jobs: Sequence[Job],
    render: Renderer,
    write: Writer,
    *,
    workers: int,
    progress: TextIO = sys.stderr,
) -> tuple[list[Failure], list[Note]]:
    """
    Render every job with *render*, in *workers* processes (in this one
    when 1), write each output with *write* here, and return the failures
    and the notes on the outputs written, in the order of the jobs.

    Only this process writes, so Ctrl-C, which stops the workers at once,
    leaves every output whole or absent. *render* must be picklable (a
    module-level function or a `functools.partial` of one).
    """
    bar = Progress(len(jobs), progress)
    chunks = _chunks(jobs, workers)
    failures: list[Failure] = []
    notes: list[Note] = []

    def done(results: list[tuple[int, Output | str]]) -> None:
        for index, result in results:
            job = jobs[index]
            if isinstance(result, str):
                failures.append(Failure(job.source, result))
                continue
            try:
                write(job.target, result.data)
            except HccReportError as error:
                failures.append(Failure(job.source, str(error)))
                continue
            notes.extend(Note(job.source, text) for text in result.notes)
        bar.advance(len(results))

    try:
        if workers <= 1 or len(chunks) <= 1:
            for chunk in chunks:
                done(_render_chunk(render, chunk))
        else:
            _in_processes(render, chunks, min(workers, len(chunks)), done)
    finally:
        bar.close()
    order = {job.source: i for i, job in enumerate(jobs)}
    return (
        sorted(failures, key=lambda failure: order[failure.source]),
        sorted(notes, key=lambda note: order[note.source]),
    )


def _ignore_interrupts() -> None:
    """
    In a worker: leave Ctrl-C to the main process, which stops the batch.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _in_processes(
    render: Renderer,
    chunks: list[list[tuple[int, Path]]],
    workers: int,
    done: Callable[[list[tuple[int, Output | str]]], None],
) -> None:
    # Imported here: only a batch of many files starts processes.
    import multiprocessing  # noqa: PLC0415

    pool = multiprocessing.Pool(workers, initializer=_ignore_interrupts)
    try:
        task = functools.partial(_render_chunk, render)
        for results in pool.imap_unordered(task, chunks):
            done(results)
    except BaseException:
        # Ctrl-C or a bug: the workers stop now; they write nothing.
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()


def default_workers() -> int:
    """
    The number of cores this process may use.
    """
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover (not Linux)
