"""
Reading and writing files: UTF-8 text in, atomic writes out, and every
failure a `~hcc_report.errors.FileError` naming the file.

Writing is atomic: a reader sees the old file or the new one, never half
of one, and a failure leaves no partial file behind.
"""

from __future__ import annotations

import os
import secrets
import stat

from pathlib import Path

from hcc_report.errors import FileError, Problem, ValidationError


def file_error(
    action: str, path: str | os.PathLike[str], error: OSError
) -> FileError:
    """
    A `FileError` saying what could not be done with *path*, and why.
    """
    reason = error.strerror or str(error)
    return FileError(
        f"cannot {action} {os.fspath(path)!r}: {reason}",
        errno=error.errno,
        strerror=reason,
        filename=os.fspath(path),
    )


def read_text(path: str | os.PathLike[str], *, subject: str) -> str:
    """
    The text of a UTF-8 file (a byte order mark is dropped).

    Raises:
        ~hcc_report.errors.ValidationError: The file is not UTF-8.
        ~hcc_report.errors.FileError: The file cannot be read.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise file_error("read", path, error) from error
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = raw[error.start : error.start + 1]
        problem = Problem(
            "", f"is not UTF-8 text (byte {error.start}: {byte!r})"
        )
        raise ValidationError(
            [problem], subject=subject, source=str(path)
        ) from None


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """
    Write *data* to *path* through a temporary file in the same folder.

    A new file gets the usual permissions (0666 less the umask); a file
    that is replaced keeps its own.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp(), "report.md")
    >>> write_atomic(path, "# Báo cáo".encode())
    >>> path.read_text(encoding="utf-8")
    '# Báo cáo'

    Raises:
        ~hcc_report.errors.FileError: The file cannot be written; nothing
            is left behind.
    """
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise file_error("write", target, error) from error
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            temporary.chmod(stat.S_IMODE(target.stat().st_mode))
        temporary.replace(target)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise file_error("write", target, error) from error
        raise
