"""
The exceptions of hcc_report.

Every error the library raises on purpose derives from `HccReportError`.
This module imports nothing else from the package, so every layer can use
it.
Bad input data raises `ValidationError`, which carries *every* problem
found, each with the path of the value it concerns, so that a person can
fix a whole file in one pass instead of one problem per run.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs


__all__ = [
    "ArgumentError",
    "ArgumentTypeError",
    "FileError",
    "HccReportError",
    "MissingCatalogueError",
    "MissingDependencyError",
    "ParseError",
    "Problem",
    "RendererDependencyError",
    "RendererError",
    "RendererOptionError",
    "TemplateError",
    "UnknownFigureError",
    "UnknownNameError",
    "UnknownRendererError",
    "UnknownStyleError",
    "ValidationError",
]


class HccReportError(Exception):
    """
    Base class of the errors hcc_report raises on purpose.

    Every mistake of a caller (bad data, a bad argument, an unknown name,
    a file that cannot be read) raises a subclass of it, so that an
    application can tell them from a bug. Each is also the built-in
    exception that fits (`ValueError`, `LookupError`, `TypeError`,
    `OSError`), so code that catches those keeps working.
    """


class ArgumentError(HccReportError, ValueError):
    """
    An argument has a value the function cannot use, such as a negative
    number of places; the message names the argument and the value.
    """


class ArgumentTypeError(HccReportError, TypeError):
    """
    An argument has a type the function does not take, such as a float
    where a count must be an `int`.
    """


class UnknownNameError(HccReportError, LookupError):
    """
    Nothing has the name asked for; the message lists the names that
    exist, or the closest ones.
    """


class UnknownFigureError(UnknownNameError):
    """
    No figure of the catalogue (`hcc_report.figures`) has the key asked
    for.
    """


class UnknownStyleError(UnknownNameError, ValueError):
    """
    No style preset has the name asked for. It is also a `ValueError`,
    as a style's name is an argument's value.
    """


class FileError(HccReportError, OSError):
    """
    A file cannot be read or written; the message names the file and
    says why.

    It is an `OSError` with the ``errno``, ``strerror`` and ``filename``
    of the error that caused it (a missing file is ``errno.ENOENT``, where
    Python would raise `FileNotFoundError`).

    >>> import errno
    >>> error = FileError("cannot read 'r.toml': No such file or directory",
    ...                   errno=errno.ENOENT, filename="r.toml")
    >>> print(error)
    cannot read 'r.toml': No such file or directory
    >>> error.errno == errno.ENOENT, error.filename
    (True, 'r.toml')
    """

    def __init__(
        self,
        message: str,
        *,
        errno: int | None = None,
        strerror: str | None = None,
        filename: str | None = None,
    ) -> None:
        super().__init__(message)
        self.errno = errno
        self.strerror = strerror
        self.filename = filename

    def __str__(self) -> str:
        # The message as given, not OSError's "[Errno 2] ..." form.
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[object, ...]:
        # Keeps errno, strerror and filename through pickling.
        return (
            _rebuild_file_error,
            (str(self), self.errno, self.strerror, self.filename),
        )


def _rebuild_file_error(
    message: str, errno: int | None, strerror: str | None, filename: str | None
) -> FileError:
    return FileError(
        message, errno=errno, strerror=strerror, filename=filename
    )


#: Characters quoted of a long value in a message.
_EXCERPT = 60


def excerpt(value: object) -> str:
    """
    *value* quoted for a message: whole if short, else its start and its
    length.

    >>> excerpt("Sở Y tế")
    "'Sở Y tế'"
    >>> print(excerpt("x" * 1000)[-22:])
    xx…' (1000 characters)
    """
    if isinstance(value, str) and len(value) > _EXCERPT:
        return f"{value[:_EXCERPT]!r}"[:-1] + f"…' ({len(value)} characters)"
    text = repr(value)
    if len(text) > 2 * _EXCERPT:
        return f"{text[:_EXCERPT]}… ({len(text)} characters)"
    return text


class ParseError(HccReportError, ValueError):
    """
    Text could not be read as the value asked for.

    Raised by the strict parsers of `hcc_report.formatting`; the message
    quotes the text and says what was expected. It is a `ValueError`.

    Attributes:
        text: The text that could not be read.
        expected: What it should have been, as a phrase ("a number").
        reason: What is wrong with it, or ``""``.

    >>> print(ParseError("10.07", "a number", "a dot must be followed by "
    ...                  "three digits"))
    cannot read '10.07' as a number: a dot must be followed by three digits
    """

    text: object
    expected: str
    reason: str

    def __init__(self, text: object, expected: str, reason: str = "") -> None:
        self.text = text
        self.expected = expected
        self.reason = reason
        message = f"cannot read {excerpt(text)} as {expected}"
        if reason:
            message += f": {reason}"
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.text, self.expected, self.reason))


class RendererError(HccReportError):
    """
    A renderer cannot be found, loaded or used.
    """


class UnknownRendererError(RendererError, UnknownNameError):
    """
    No renderer has the name asked for; the message lists those that do.
    """


class RendererOptionError(RendererError, TypeError):
    """
    A renderer was given an option it does not take; the message names
    the renderer and the options it takes.
    """


class MissingDependencyError(HccReportError, ImportError):
    """
    A feature needs a package that is not installed; the message says
    which extra to install (``pip install "hcc-report[docx]"``).
    """


class RendererDependencyError(MissingDependencyError, RendererError):
    """
    A renderer needs a package that is not installed: both a
    `MissingDependencyError` and a `RendererError`.
    """


class MissingCatalogueError(HccReportError, LookupError):
    """
    A compiled message catalogue is not where the package keeps it: the
    package was not built (``pip install`` compiles the catalogues), or a
    file was removed.
    """


class TemplateError(HccReportError):
    """
    A template failed: a syntax error, a missing value, or something the
    sandbox forbids. The message names the template and, when known, the
    line.
    """


@attrs.frozen
class Problem:
    """
    One problem found in input data.

    Attributes:
        path: Where the problem is, as a dotted path with list indexes
            (``appendix.rows[8].late``); empty when it concerns the input
            as a whole.
        message: What is wrong, naming the offending value.
        row: The appendix row the problem is in as the document prints
            it, its number (Stt) and name, when a report file's reader
            knows it; else ``""``.

    >>> str(Problem("appendix.rows[8].late", "must not be negative, got -1"))
    'appendix.rows[8].late: must not be negative, got -1'
    >>> print(Problem("appendix.rows[9].processed", "must equal 1280",
    ...               row="Stt 10, Sở Tư pháp"))
    appendix.rows[9].processed (Stt 10, Sở Tư pháp): must equal 1280
    """

    path: str
    message: str
    row: str = ""

    def __str__(self) -> str:
        where = f"{self.path} ({self.row})" if self.row else self.path
        if where:
            return f"{where}: {self.message}"
        return self.message


class ValidationError(HccReportError, ValueError):
    """
    Input data is invalid; `problems` lists everything that is wrong.

    It is a `ValueError`, so code that catches that keeps working.

    Attributes:
        problems: Every problem found, in the order they were found.
        source: Where the data came from (a file name), or ``""``.

    >>> error = ValidationError(
    ...     [Problem("late", "must not be negative, got -1")], subject="Counts"
    ... )
    >>> print(error)
    invalid Counts: late: must not be negative, got -1
    """

    problems: tuple[Problem, ...]
    source: str
    subject: str

    def __init__(
        self,
        problems: Iterable[Problem],
        *,
        subject: str = "data",
        source: str = "",
    ) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            msg = "a ValidationError needs at least one problem"
            raise ValueError(msg)
        self.subject = subject
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"{self.source}: " if self.source else ""
        if len(self.problems) == 1:
            return f"{where}invalid {self.subject}: {self.problems[0]}"
        lines = [
            f"{where}invalid {self.subject}, {len(self.problems)} problems:"
        ]
        lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)

    def __reduce__(self) -> tuple[object, ...]:
        # Keeps errors picklable (multiprocessing, logging handlers).
        return (
            _rebuild_validation_error,
            (self.problems, self.subject, self.source),
        )


def _rebuild_validation_error(
    problems: tuple[Problem, ...], subject: str, source: str
) -> ValidationError:
    return ValidationError(problems, subject=subject, source=source)
