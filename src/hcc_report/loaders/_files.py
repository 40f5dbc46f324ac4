"""
Reading and writing files: UTF-8 text in, atomic writes out, and every
failure a `~hcc_report.errors.FileError` naming the file.

Writing is atomic: a reader sees the old file or the new one, never half
of one, and a failure leaves no partial file behind.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

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


#: Bytes gathered before a write to the disk, when pieces are written.
_BUFFER = 1 << 20


def write_atomic(
    path: str | os.PathLike[str], data: bytes | Iterable[bytes]
) -> None:
    """
    Write *data*, bytes or pieces of them (written as they come), to
    *path* through a temporary file in the same folder.

    What is at *path* decides how:

    - a new path, or a regular file, is written to a temporary file that
      is then renamed over it, so that a reader sees the old file or the
      new one, never half of one; a new file gets the usual permissions
      (0666 less the umask), a file that is replaced keeps its own;
    - a symbolic link is followed: the file it points to is replaced, and
      the link stays;
    - a device or a named pipe (``/dev/stdout``, ``/dev/null``) is
      written straight, as the shell's ``>`` writes it;
    - a read-only file is refused, as an editor refuses it.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp(), "report.md")
    >>> write_atomic(path, "# Báo cáo".encode())
    >>> path.read_text(encoding="utf-8")
    '# Báo cáo'

    Raises:
        ~hcc_report.errors.FileError: The file cannot be written, naming
            it as given; nothing is left behind.

    An error raised while the pieces are made leaves nothing behind either:
    a device or pipe is written once all the pieces are made.
    """
    given = Path(path)
    try:
        info = given.stat()  # through a link
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise file_error("write", given, error) from error
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_straight(given, data)
        return
    if info is not None and not info.st_mode & 0o222:
        reason = "the file is read-only"
        msg = f"cannot write {os.fspath(given)!r}: {reason}"
        raise FileError(
            msg,
            errno=errno.EACCES,
            strerror=reason,
            filename=os.fspath(given),
        )
    # A link's own file is replaced; the link stays.
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise file_error("write", given, error) from error
    try:
        with os.fdopen(fd, "wb", buffering=_BUFFER) as stream:
            _write_all(stream, data)
            stream.flush()
            os.fsync(stream.fileno())
        if info is not None:
            temporary.chmod(stat.S_IMODE(info.st_mode))
        temporary.replace(target)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise file_error("write", given, error) from error
        raise


def _write_straight(path: Path, data: bytes | Iterable[bytes]) -> None:
    """
    Write *data* into a device or named pipe as it is, once all of it is
    made: an error while it is made writes nothing.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        data = b"".join(data)
    try:
        with path.open("wb") as stream:
            _write_all(stream, data)
    except OSError as error:
        raise file_error("write", path, error) from error


def _write_all(stream: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    if isinstance(data, (bytes, bytearray, memoryview)):
        stream.write(data)
        return
    stream.writelines(data)
