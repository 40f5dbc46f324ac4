"""
The ``hcc-report`` command line.

This is the only module that reads arguments, prints, or exits. It exits
with `OK` (0) when all is well, `FIGURES_WRONG` (1) when the audit found a
wrong figure, `UNUSABLE` (2) when the input or the command could not be
used, `INTERRUPTED` (130) on Ctrl-C, and `CLOSED_PIPE` (141), quietly,
when the reader of standard output closed it. It catches only the
library's own errors: anything else is a bug, and shows as one.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import select
import sys

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from hcc_report import _batch, records
from hcc_report.auditing import Finding, Severity, audit, describe
from hcc_report.errors import (
    FileError,
    HccReportError,
    Problem,
    ValidationError,
)
from hcc_report.examples import (
    binh_thuan_2023_02,
    binh_thuan_2023_02_published,
)
from hcc_report.formatting import format_number
from hcc_report.languages import (
    DEFAULT,
    check_lang,
    fallback_note,
    is_vietnamese,
    translations,
)
from hcc_report.loaders import (
    RecordFile,
    dumps_counts,
    dumps_report,
    load_report,
    load_report_or_published,
    load_style,
    open_records,
    write_atomic,
)
from hcc_report.model import Period, Report
from hcc_report.presentation import (
    collect_notes,
    present,
    printed_figures,
)
from hcc_report.published import PublishedReport
from hcc_report.renderers import (
    available,
    check_options,
    get_renderer,
    render,
    stream,
)
from hcc_report.rounding import MAX_PLACES
from hcc_report.schema import schema_text
from hcc_report.styles import STYLES, Style, get_style


__all__ = [
    "CLOSED_PIPE",
    "FIGURES_WRONG",
    "INTERRUPTED",
    "OK",
    "UNUSABLE",
    "main",
]

#: All is well.
OK = 0
#: The audit found a wrong figure.
FIGURES_WRONG = 1
#: The input or the command could not be used (an unreadable or invalid
#: file, an unknown format or style, a bad option).
UNUSABLE = 2
#: Interrupted by Ctrl-C (128 + SIGINT, as shells report it).
INTERRUPTED = 130
#: The reader of standard output closed it (``| head -1``): the command
#: ends quietly, with the status Unix tools end with then (128 + SIGPIPE).
CLOSED_PIPE = 141


def _style(name: str) -> Style:
    """
    A preset by its name, or a style file (.toml), read once a process
    while it is unchanged, not once a file of a batch.
    """
    if name in STYLES or not name.endswith(".toml"):
        return get_style(name)
    try:
        status = Path(name).stat()
        stamp = (status.st_mtime_ns, status.st_size)
    except OSError:
        stamp = None  # load_style says what is wrong
    return _style_file(name, stamp)


@functools.lru_cache(maxsize=8)
def _style_file(path: str, stamp: tuple[int, int] | None) -> Style:
    del stamp  # a part of the cache's key only
    return load_style(path)


def _format_for(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.output:
        suffix = Path(args.output).suffix.lower()
        for name in available():
            if get_renderer(name).suffix == suffix:
                return name
        msg = (
            f"cannot tell the format from {args.output!r}; "
            "pass --format (see 'hcc-report formats')"
        )
        raise HccReportError(msg)
    return "text"


def _render_options(args: argparse.Namespace) -> dict[str, str]:
    options = {}
    if args.template_dir:
        options["template_dir"] = args.template_dir
    if args.template:
        options["template"] = args.template
    return options


def _command_render(args: argparse.Namespace, out: TextIO) -> int:
    inputs = list(args.input or [])
    if (
        len(inputs) > 1
        or any(Path(name).is_dir() for name in inputs)
        or (inputs and args.output and Path(args.output).is_dir())
    ):
        return _render_batch(args, inputs)
    report = binh_thuan_2023_02() if args.example else load_report(inputs[0])
    style = _style(args.style)
    with collect_notes() as editions:
        # In pieces as they are made: a big document is never held whole.
        pieces = stream(
            report,
            _format_for(args),
            style=style,
            lang=args.lang,
            **_render_options(args),
        )
        data = (p.encode("utf-8") if isinstance(p, str) else p for p in pieces)
        if args.output:
            write_atomic(args.output, data)
        else:
            document = b"".join(data)
    for note in _notes_on(editions, report, style, args.lang):
        _note(args.lang, note)
    if not args.output:
        _write(out, document)
    return OK


def _render_file(
    source: Path, *, fmt: str, style: str, lang: str, options: dict[str, str]
) -> _batch.Output:
    """
    Render one report file of a batch (in a worker process), with the
    notes of its edition.
    """
    report, chosen = load_report(source), _style(style)
    with collect_notes() as editions:
        document = render(report, fmt, style=chosen, lang=lang, **options)
    data = document.encode("utf-8") if isinstance(document, str) else document
    # The language's own note is written once for the batch.
    notes = _notes_on(editions, report, chosen, lang)
    return _batch.Output(
        data, tuple(note for note in notes if note != fallback_note(lang))
    )


def _notes_on(
    editions: list[tuple[str, ...]], report: Report, style: Style, lang: str
) -> list[str]:
    """
    The notes on a document in *lang*, once each: which texts had no
    version in it, and whether it has a catalogue of its own. They are
    those of the editions *editions* presented while it was made, or of
    its presentation when its renderer made none.
    """
    if is_vietnamese(lang):
        return []
    if not editions:
        editions = [present(report, style, lang=lang).notes]
    return list(dict.fromkeys(note for notes in editions for note in notes))


def _write_into(target: Path, data: bytes) -> None:
    """
    Write one output of a batch into its folder, made if need be.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        msg = f"cannot make the folder {str(target.parent)!r}: {reason}"
        raise FileError(msg, errno=error.errno, strerror=reason) from error
    write_atomic(target, data)


def _render_batch(args: argparse.Namespace, inputs: list[str]) -> int:
    """
    Render several report files, or folders of them, into the folder
    ``-o``, in parallel; every failure is listed at the end.
    """
    if not args.output:
        msg = "rendering several files needs an output folder: -o FOLDER"
        raise HccReportError(msg)
    if not args.format:
        msg = "rendering several files needs a format: -f FORMAT"
        raise HccReportError(msg)
    if Path(args.output).exists() and not Path(args.output).is_dir():
        msg = f"{args.output} is not a folder"
        raise HccReportError(msg)
    # A wrong format, style or option stops the batch before it starts.
    renderer = get_renderer(args.format)
    options = _render_options(args)
    check_options(args.format, **options)
    _style(args.style)
    jobs = _batch.plan(inputs, args.output, renderer.suffix)
    work = functools.partial(
        _render_file,
        fmt=args.format,
        style=args.style,
        lang=args.lang,
        options=options,
    )
    workers = args.jobs or _batch.default_workers()
    failures, notes = _batch.run(
        jobs, work, _write_into, workers=workers, progress=sys.stderr
    )
    if (fallback := fallback_note(args.lang)) is not None:
        _note(args.lang, fallback)
    for note in notes:
        _note(args.lang, f"{note.source}: {note.text}")
    for failure in failures:
        # Every failure names its file, once.
        reason = failure.reason
        if not reason.startswith(str(failure.source)):
            reason = f"{failure.source}: {reason}"
        print(f"hcc-report: {reason}", file=sys.stderr)  # noqa: T201
    words = translations(args.lang)
    done = len(jobs) - len(failures)
    summary = words.ngettext(
        "{done} of {count} file rendered to {folder}",
        "{done} of {count} files rendered to {folder}",
        len(jobs),
    ).format(
        done=format_number(done, lang=args.lang),
        count=format_number(len(jobs), lang=args.lang),
        folder=args.output,
    )
    if failures:
        summary += words.ngettext(
            ", {count} failed", ", {count} failed", len(failures)
        ).format(count=format_number(len(failures), lang=args.lang))
    print(f"hcc-report: {summary}", file=sys.stderr)  # noqa: T201
    return UNUSABLE if failures else OK


def _note(lang: str, note: str) -> None:
    """
    Write "hcc-report: note: ..." on standard error, in *lang*.
    """
    word = translations(lang).gettext("note")
    print(f"hcc-report: {word}: {note}", file=sys.stderr)  # noqa: T201


def _write(out: TextIO, data: bytes) -> None:
    """
    Write a document's bytes: UTF-8 whatever the terminal's encoding, and
    all of them, also to a pipe that takes a few at a time (a
    non-blocking one, as some programs hand their children).

    Raises:
        BrokenPipeError: The reader closed standard output (`main` ends
            quietly then).
        ~hcc_report.errors.FileError: Standard output cannot be written.
    """
    try:
        out.flush()
        try:
            fd = out.fileno()
        except (AttributeError, OSError, ValueError):  # not a file (tests)
            fd = None
        if fd is not None:
            _write_all(fd, data)
        elif (buffer := getattr(out, "buffer", None)) is not None:
            buffer.write(data)
            buffer.flush()
        else:  # a stream of text only (io.StringIO)
            out.write(data.decode("utf-8"))
    except BrokenPipeError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        msg = f"cannot write to standard output: {reason}"
        raise FileError(msg, errno=error.errno, strerror=reason) from error


def _write_all(fd: int, data: bytes) -> None:
    """
    Write every byte of *data* to the file descriptor *fd*, waiting while
    a non-blocking one is full.
    """
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BlockingIOError:
            select.select([], [fd], [])
            continue
        view = view[written:]


def _command_formats(args: argparse.Namespace, out: TextIO) -> int:
    del args
    out.writelines(f"{name:<10} {_describe(name)}\n" for name in available())
    return OK


def _describe(name: str) -> str:
    try:
        renderer = get_renderer(name)
    except HccReportError as error:
        return f"(unavailable: {error})"
    return f"{renderer.suffix:<11} {renderer.media_type}"


def _tally(counts: Counter[Severity], lang: str) -> str:
    """
    "1 lỗi, 0 cảnh báo, 2 ghi chú"; "1 error, 0 warnings, 2 notes".
    """
    words = translations(lang)
    forms = {
        Severity.ERROR: words.ngettext(
            "{count} error", "{count} errors", counts[Severity.ERROR]
        ),
        Severity.WARNING: words.ngettext(
            "{count} warning", "{count} warnings", counts[Severity.WARNING]
        ),
        Severity.NOTE: words.ngettext(
            "{count} note", "{count} notes", counts[Severity.NOTE]
        ),
    }
    return ", ".join(
        form.format(count=format_number(counts[severity], lang=lang))
        for severity, form in forms.items()
    )


def _load_published(path: str, args: argparse.Namespace) -> PublishedReport:
    loaded = load_report_or_published(
        path,
        decimal_mark=args.decimal_mark,
        places=args.places,
        basis=args.basis,
        notation=args.notation,
    )
    if isinstance(loaded, Report):
        # A report file is checked as the style prints it.
        return printed_figures(loaded, _style(args.style or "decree-30"))
    if args.style is not None:
        msg = f"{path} holds published figures: --style is for report files"
        raise HccReportError(msg)
    return loaded


def _jobs(text: str) -> int:
    """
    ``--jobs``: a number of processes, at least 1.
    """
    if not text.isdigit() or int(text) < 1:
        msg = f"must be a number of processes from 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def _places(text: str) -> int | str:
    """
    ``--places``: a number of decimals, or "as-printed".
    """
    if text == "as-printed":
        return text
    try:
        places = int(text)
    except ValueError:
        places = -1
    if not 0 <= places <= MAX_PLACES:
        msg = (
            f"must be a number of decimals from 0 to {MAX_PLACES} or "
            f"'as-printed', got {text!r}"
        )
        raise argparse.ArgumentTypeError(msg)
    return places


def _command_check(args: argparse.Namespace, out: TextIO) -> int:
    if args.example:
        if args.input:
            msg = "give --example or an INPUT file, not both"
            raise HccReportError(msg)
        if args.style is not None:
            msg = "--style is for report files, not --example"
            raise HccReportError(msg)
        published = binh_thuan_2023_02_published()
    elif args.input:
        published = _load_published(args.input, args)
    else:
        msg = "give an INPUT file, or --example"
        raise HccReportError(msg)
    previous = None
    if args.previous:
        previous = _load_published(args.previous, args)
    between = [_load_published(path, args) for path in args.between]
    if between and previous is None:
        msg = "--between needs the PREVIOUS report they follow"
        raise HccReportError(msg)
    findings = audit(published, previous, between=between)
    counts = Counter(finding.severity for finding in findings)
    errors = counts[Severity.ERROR]
    if args.format == "json":
        data = {
            "findings": [_finding_data(finding) for finding in findings],
            "errors": errors,
            "warnings": counts[Severity.WARNING],
            "notes": counts[Severity.NOTE],
        }
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        lines = [describe(finding, args.lang) for finding in findings]
        lines.append(_tally(counts, args.lang))
        text = "\n".join(lines) + "\n"
    _write(out, text.encode("utf-8"))
    return FIGURES_WRONG if errors else OK


def _finding_data(finding: Finding) -> dict[str, object]:
    # Every field, in order; the kinds and severities are str enums, which
    # JSON writes as their values.
    return attrs.asdict(finding)


def _command_example(args: argparse.Namespace, out: TextIO) -> int:
    _write(out, dumps_report(binh_thuan_2023_02(), args.format).encode())
    return OK


def _command_schema(args: argparse.Namespace, out: TextIO) -> int:
    _write(out, schema_text(args.kind).encode("utf-8"))
    return OK


#: A record of a dataframe, as `hcc_report.records` names it.
_RECORD_PATH = re.compile(r"records\[(\d+)\]\.(\w+)")
#: Records from which counting shows its progress on a terminal.
_PROGRESS_FROM = 500_000


def _command_aggregate(args: argparse.Namespace, out: TextIO) -> int:
    template = load_report(args.report) if args.report else None
    period = _period_to_count(args, template)
    by = [field.strip() for field in args.by.split(",")]
    file = open_records(args.records, columns=dict(args.column))
    batches = file.batches()
    if sys.stderr.isatty():
        total = file.count()
        if total >= _PROGRESS_FROM:
            batches = _progress(batches, total, sys.stderr)
    try:
        if template is not None:
            filled = records.fill_report(template, batches)
            data = dumps_report(filled, args.format or "toml")
        else:
            table = records.aggregate(batches, period=period, by=by)
            data = dumps_counts(
                table, args.format or "toml", period=period, by=by
            )
    except ValidationError as error:
        raise _located(error, file) from None
    if args.output:
        write_atomic(args.output, data.encode("utf-8"))
    else:
        _write(out, data.encode("utf-8"))
    return OK


def _period_to_count(
    args: argparse.Namespace, template: Report | None
) -> Period:
    """
    The period ``aggregate`` counts: ``--period`` (from 1 January with
    ``--cumulative``), or the report's own.
    """
    period = None if args.period is None else Period.parse(args.period)
    if template is None:
        if period is None:
            msg = "give the period to count: --period 2023-02 (or --report)"
            raise HccReportError(msg)
        return period.year_to_date() if args.cumulative else period
    if args.cumulative:
        msg = (
            "--cumulative is for a table of counts: a report gets the "
            "figures of its period and from 1 January"
        )
        raise HccReportError(msg)
    if args.format == "csv":
        msg = "a report is written as toml or json, not csv"
        raise HccReportError(msg)
    if period is not None and period != template.period:
        msg = (
            f"--period {args.period} is not the period of {args.report} "
            f"({template.period!r}), whose text names its own: give one "
            "or the other"
        )
        raise HccReportError(msg)
    return template.period


def _located(error: ValidationError, file: RecordFile) -> ValidationError:
    """
    *error*, if about records, naming the file and each record's row.
    """
    if error.subject != "records":
        return error
    problems = []
    for problem in error.problems:
        found = _RECORD_PATH.fullmatch(problem.path)
        path = problem.path
        if found:
            index, column = int(found[1]), found[2]
            path = f"{file.where(index)}, column {column!r}"
        problems.append(Problem(path, problem.message, row=problem.row))
    return ValidationError(
        problems, subject=error.subject, source=error.source or file.path
    )


def _progress(
    batches: Iterable[Any], total: int, stream: TextIO
) -> Iterator[Any]:
    """
    Pass *batches* on, drawing a bar of the records counted on *stream*.
    """
    done = 0
    width = 30
    try:
        for batch in batches:
            yield batch
            done += len(batch)
            filled = width * done // max(total, 1)
            stream.write(
                f"\rhcc-report: [{'#' * filled}{' ' * (width - filled)}] "
                f"{done:,} / {total:,} records"
            )
            stream.flush()
    finally:
        # Ends the bar's line, also before an error's message.
        stream.write("\n")


def _field_column(text: str) -> tuple[str, str]:
    field, sep, column = text.partition("=")
    if not sep or not field or not column:
        msg = f"must be FIELD=COLUMN, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return field.strip(), column.strip()


def _lang(text: str) -> str:
    """
    ``--lang``: a language code.
    """
    try:
        return check_lang(text)
    except HccReportError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _lang_in(arguments: Sequence[str]) -> str:
    """
    The ``--lang`` of a command line, read before it is parsed so that its
    help is written in that language; ``"vi"`` when it has none or a
    wrong one (which the parser then refuses).
    """
    for i, argument in enumerate(arguments):
        if argument == "--":
            break
        value = None
        if argument == "--lang" and i + 1 < len(arguments):
            value = arguments[i + 1]
        elif argument.startswith("--lang="):
            value = argument.partition("=")[2]
        if value is not None:
            try:
                return check_lang(value)
            except HccReportError:
                return DEFAULT
    return DEFAULT


class _Parser(argparse.ArgumentParser):
    """
    An argument parser whose own words (the usage line, the headings of
    the options, the help option) are in the command line's language.
    """

    def __init__(self, *args: Any, lang: str = DEFAULT, **kwargs: Any) -> None:
        self.lang = lang
        _ = translations(lang).gettext
        kwargs.setdefault("formatter_class", _formatter(lang))
        kwargs["add_help"] = False  # its own -h, in the language
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help=_("show this help message and exit"),
        )
        self.add_argument(
            "--lang",
            type=_lang,
            default=argparse.SUPPRESS,
            metavar="LANG",
            help=_(
                "the language of what the command writes: vi (default), "
                "en, or another language's code (numbers and dates in that "
                "language, words in English)"
            ),
        )


def _formatter(lang: str) -> type[argparse.HelpFormatter]:
    usage = translations(lang).gettext("usage: ")

    class Formatter(argparse.HelpFormatter):
        def add_usage(
            self,
            usage_text: str | None,
            actions: Iterable[argparse.Action],
            groups: Iterable[Any],
            prefix: str | None = None,
        ) -> None:
            super().add_usage(
                usage_text,
                actions,
                groups,
                usage if prefix is None else prefix,
            )

    return Formatter


def _add_input(parser: argparse.ArgumentParser, lang: str) -> None:
    _ = translations(lang).gettext
    # Not a mutually exclusive group: argparse takes an empty "*" for a
    # given argument there. `main` checks that one of them is given.
    parser.add_argument(
        "input",
        nargs="*",
        help=_(
            "a report file (.toml or .json); several files or folders "
            "are rendered into the folder -o, in parallel"
        ),
    )
    parser.add_argument(
        "--example",
        action="store_true",
        help=_("use the built-in example (Bình Thuận, February 2023)"),
    )
    parser.set_defaults(one_input=parser)


def _parser(lang: str = DEFAULT) -> argparse.ArgumentParser:
    """
    The command line's parser, its help in *lang*.
    """
    _ = translations(lang).gettext
    parser = _Parser(
        prog="hcc-report",
        lang=lang,
        description=_(
            "Periodic reports of public administration service centres "
            "(Trung tâm Hành chính công)."
        ),
        epilog=_(
            "Exit status: 0 all is well, 1 the audit found a wrong figure, "
            "2 the input or the command could not be used, 130 "
            "interrupted, 141 standard output closed by its reader."
        ),
    )
    parser.set_defaults(lang=DEFAULT)
    commands = parser.add_subparsers(
        dest="command",
        required=True,
        parser_class=_Parser,
        title=_("commands"),
    )

    render = commands.add_parser(
        "render",
        lang=lang,
        help=_("render a report as text, Markdown, HTML, JSON ..."),
        description=_(
            "Render a report file (or the built-in example) in a format, "
            "to standard output or to a file written atomically. Several "
            "files, or folders of them, are rendered into the folder -o in "
            "parallel, each output named as its input; a file that fails "
            "does not stop the others, and every failure is listed at the "
            "end (status 2). With --lang, the report is written in that "
            "language, and a note on standard error names its texts that "
            "have no version in it."
        ),
    )
    _add_input(render, lang)
    render.add_argument(
        "-f",
        "--format",
        help=_(
            "the output format (default: from --output's suffix, else text)"
        ),
    )
    render.add_argument(
        "-s",
        "--style",
        default="decree-30",
        help=_(
            "a style preset (decree-30, binh-thuan, form-06) or a style file "
            "(.toml); default: decree-30"
        ),
    )
    render.add_argument(
        "-o",
        "--output",
        help=_("write to this file instead of standard output"),
    )
    render.add_argument(
        "--template-dir",
        help=_("a folder of templates that replace the built-in ones"),
    )
    render.add_argument(
        "--template",
        metavar="FILE",
        help=_(
            "for docx: a Word file written as a template (docxtpl) to "
            "fill instead of the built-in layout"
        ),
    )
    render.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help=_(
            "for several files: how many to render at once (default: "
            "the number of cores)"
        ),
    )
    render.set_defaults(handler=_command_render)

    check = commands.add_parser(
        "check",
        lang=lang,
        help=_("audit the figures of a published report or a report file"),
        description=_(
            "Check the figures of a published report as printed: the rows "
            "and their splits, the total row, every rate, the body's "
            "figures against the appendix, and, with PREVIOUS, the "
            "cumulative figures against the previous report of the year. "
            "A report file (what 'hcc-report example' writes) is checked "
            "as its rendering in --style prints it; one whose figures do "
            "not add up is refused as 'render' refuses it (status 2). "
            "Exits with 1 when a figure is wrong, 2 when a file cannot be "
            "used."
        ),
    )
    check.add_argument(
        "input",
        nargs="?",
        help=_(
            "published figures (.toml, .json, or .csv of the appendix), "
            "or a report file"
        ),
    )
    check.add_argument(
        "previous", nargs="?", help=_("the previous report's figures")
    )
    check.add_argument(
        "--example",
        action="store_true",
        help=_("check the published Bình Thuận report of February 2023"),
    )
    check.add_argument(
        "-s",
        "--style",
        help=_(
            "for a report file: the style whose printing is checked "
            "(a preset or a style file); default: decree-30"
        ),
    )
    check.add_argument(
        "-f",
        "--format",
        choices=("text", "json"),
        default="text",
        help=_("text (default) or json"),
    )
    check.add_argument(
        "--decimal-mark",
        choices=(",", "."),
        metavar="MARK",
        help=_(
            "the rates' decimal mark, ',' or '.', if the file does not say "
            "(detected)"
        ),
    )
    check.add_argument(
        "--places",
        type=_places,
        help=_(
            "the rates' decimals, or 'as-printed' to check each rate at "
            "the decimals it shows, if the file does not say (detected)"
        ),
    )
    check.add_argument(
        "--notation",
        choices=("vi", "en"),
        help=_(
            "the notation of the counts and rates (vi: 10.078 and 99,79%%; "
            "en: 10,078 and 99.79%%), if the file does not say (either is "
            "read)"
        ),
    )
    check.add_argument(
        "--between",
        action="append",
        default=[],
        metavar="FILE",
        help=_(
            "a report between PREVIOUS and INPUT, in order (repeat it): "
            "their periods are added to PREVIOUS's cumulative figures"
        ),
    )
    check.add_argument(
        "--basis",
        choices=("cumulative", "period"),
        help=_("what the table's rows cover, if the file does not say"),
    )
    check.set_defaults(handler=_command_check)

    aggregate = commands.add_parser(
        "aggregate",
        lang=lang,
        help=_("count a period's figures from dossier records"),
        description=_(
            "Count the figures of a period from dossier records (a CSV or "
            "Parquet file, or a folder of Parquet files) by the rules of "
            "hcc_report.records. With --report, write that report file "
            "with its figures, cumulative figures and appendix rows "
            "counted; else write the counts of each unit (--by) as TOML, "
            "JSON or CSV. A record that cannot be used is named by its "
            "line (CSV) or row (Parquet) and column (status 2). Needs "
            'pip install "hcc-report[records]".'
        ),
    )
    aggregate.add_argument(
        "records", help=_("a .csv or .parquet file, or a folder")
    )
    aggregate.add_argument(
        "--period",
        help=_(
            "the period: 2023-02, 2023-Q1, 2023-H1, 2023, or as reports "
            "write it ('tháng 02 năm 2023'); with --report, its own"
        ),
    )
    aggregate.add_argument(
        "--cumulative",
        action="store_true",
        help=_("count from 1 January to the end of the period (lũy kế)"),
    )
    aggregate.add_argument(
        "--by",
        default="agency",
        help=_(
            "the field(s) to count by, joined by commas: {fields} "
            "(default: agency)"
        ).format(fields=", ".join(records.GROUP_FIELDS)),
    )
    aggregate.add_argument(
        "--report",
        metavar="FILE",
        help=_(
            "a report file to fill with the counts (its text, header "
            "and appendix rows are kept)"
        ),
    )
    aggregate.add_argument(
        "--column",
        type=_field_column,
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=_(
            "read a field from a column named otherwise (repeat it): "
            "--column agency=MaDonVi"
        ),
    )
    aggregate.add_argument(
        "-f",
        "--format",
        choices=("toml", "json", "csv"),
        help=_("default: toml (csv: the table of counts only)"),
    )
    aggregate.add_argument(
        "-o",
        "--output",
        help=_("write to this file instead of standard output"),
    )
    aggregate.set_defaults(handler=_command_aggregate)

    formats = commands.add_parser(
        "formats",
        lang=lang,
        help=_("list the output formats"),
        description=_("List the renderers: name, file suffix and media type."),
    )
    formats.set_defaults(handler=_command_formats)

    example = commands.add_parser(
        "example",
        lang=lang,
        help=_("print the built-in example report file"),
        description=_(
            "Print the built-in example report (Bình Thuận, February 2023) "
            "as a file to start from."
        ),
    )
    example.add_argument(
        "-f",
        "--format",
        choices=("toml", "json"),
        default="toml",
        help=_("toml (default) or json"),
    )
    example.set_defaults(handler=_command_example)

    schema = commands.add_parser(
        "schema",
        lang=lang,
        help=_("print the JSON Schema of report files or published figures"),
        description=_(
            "Print the JSON Schema (draft 2020-12) of a report file "
            "(report) or of published figures (published), for checking "
            "files in other languages. It checks their shape and values; "
            "'hcc-report check' checks that the figures add up."
        ),
    )
    schema.add_argument(
        "kind",
        choices=("report", "published"),
        help=_("report or published"),
    )
    schema.set_defaults(handler=_command_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line with *argv* (default: ``sys.argv[1:]``).

    Returns the exit status: `OK` (0), `FIGURES_WRONG` (1) when the audit
    found a wrong figure, `UNUSABLE` (2) when the input or the command
    could not be used (argparse exits with 2 itself for a wrong command
    line), `INTERRUPTED` (130) on Ctrl-C, `CLOSED_PIPE` (141) when the
    reader of standard output closed it.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        args = _parser(_lang_in(arguments)).parse_args(arguments)
        command = getattr(args, "one_input", None)
        if command is not None and bool(args.example) == bool(args.input):
            command.error("give INPUT files or --example, one of them")
        status: int = args.handler(args, sys.stdout)
    except HccReportError as error:
        # The library's errors are written in English, in every language,
        # and so is the word before them.
        print(f"hcc-report: error: {error}", file=sys.stderr)  # noqa: T201
        return UNUSABLE
    except KeyboardInterrupt:
        # Written files are atomic, so nothing is left half-way.
        return INTERRUPTED
    except BrokenPipeError:
        _stop_writing(sys.stdout)
        return CLOSED_PIPE
    return status


def _stop_writing(out: TextIO) -> None:
    """
    Point *out* at the null device, so that Python's flush at exit does
    not complain of the closed pipe.
    """
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):  # not a file (tests)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)
