"""
Writing files atomically: a reader sees the old file or the new one, never
half of one, and a failure leaves no partial file behind.
"""

from __future__ import annotations

import os
import secrets
import stat

from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """
    Write *data* to *path* through a temporary file in the same folder.

    A new file gets the usual permissions (0666 less the umask); a file
    that is replaced keeps its own.
    """
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            temporary.chmod(stat.S_IMODE(target.stat().st_mode))
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
