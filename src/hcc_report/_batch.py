"""
Rendering many report files at once, in parallel, for the command line.

`plan` pairs every input (files, and the report files of folders) with
its output in an output folder; `run` renders them in worker processes,
keeps going past a file that fails, and returns every failure. Each
output is written atomically, so a failure or Ctrl-C leaves no partial
file.
"""

from __future__ import annotations

import os
import sys

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TextIO

import attrs

from hcc_report.errors import HccReportError


__all__ = ["Failure", "Job", "plan", "run"]

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


def _sources(inputs: Sequence[str]) -> Iterator[tuple[Path, Path]]:
    """
    Every input file with the name its output takes: a file's own name,
    or a folder's report files (searched through its subfolders) by their
    place in it.
    """
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()
            )
            for source in found:
                yield source, source.relative_to(path)
        else:
            yield path, Path(path.name)


def plan(inputs: Sequence[str], folder: str, suffix: str) -> list[Job]:
    """
    Pair every input with its output in *folder*, named as its input with
    *suffix*.

    Raises:
        ~hcc_report.errors.HccReportError: An input folder holds no report
            file, or two inputs would write the same output.
    """
    jobs: list[Job] = []
    seen: dict[Path, Path] = {}
    for name in inputs:
        if Path(name).is_dir() and not any(_sources([name])):
            msg = f"{name}: no report file (.toml or .json) in this folder"
            raise HccReportError(msg)
    for source, relative in _sources(inputs):
        target = Path(folder, relative).with_suffix(suffix)
        if target in seen:
            msg = (
                f"{seen[target]} and {source} would both be written to "
                f"{target}"
            )
            raise HccReportError(msg)
        seen[target] = source
        jobs.append(Job(source, target))
    return jobs


#: What a worker renders with: a report file's path and its output's.
Renderer = Callable[[Path, Path], None]


def _render_one(render: Renderer, job: Job) -> Failure | None:
    """
    Render *job*; a library error is its failure.
    """
    try:
        render(job.source, job.target)
    except HccReportError as error:
        return Failure(job.source, str(error))
    return None


def _render_chunk(render: Renderer, jobs: list[Job]) -> list[Failure]:
    """
    Render *jobs* one by one, collecting their failures.
    """
    results = (_render_one(render, job) for job in jobs)
    return [failure for failure in results if failure is not None]


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


def run(
    jobs: Sequence[Job],
    render: Renderer,
    *,
    workers: int,
    progress: TextIO = sys.stderr,
) -> list[Failure]:
    """
    Render every job with *render*, in *workers* processes (in this one
    when 1), and return the failures in the order of the jobs.

    *render* must be picklable (a module-level function or a
    `functools.partial` of one) to go to other processes.
    """
    for folder in {job.target.parent for job in jobs}:
        folder.mkdir(parents=True, exist_ok=True)
    bar = Progress(len(jobs), progress)
    chunks = [list(jobs[i : i + CHUNK]) for i in range(0, len(jobs), CHUNK)]
    failures: list[Failure] = []
    try:
        if workers <= 1 or len(chunks) <= 1:
            for chunk in chunks:
                failures.extend(_render_chunk(render, chunk))
                bar.advance(len(chunk))
        else:
            failures = _in_processes(render, chunks, workers, bar)
    finally:
        bar.close()
    order = {job.source: i for i, job in enumerate(jobs)}
    return sorted(failures, key=lambda failure: order[failure.source])


def _in_processes(
    render: Renderer,
    chunks: list[list[Job]],
    workers: int,
    bar: Progress,
) -> list[Failure]:
    failures: list[Failure] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: dict[Future[list[Failure]], int] = {
            pool.submit(_render_chunk, render, chunk): len(chunk)
            for chunk in chunks
        }
        try:
            for future in as_completed(pending):
                failures.extend(future.result())
                bar.advance(pending[future])
        except BaseException:
            # Ctrl-C or a bug: stop what has not started.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return failures


def default_workers() -> int:
    """
    The number of cores this process may use.
    """
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)  # pragma: no cover (not Linux)
