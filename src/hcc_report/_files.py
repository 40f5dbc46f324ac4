"""
Writing files atomically: a reader sees the old file or the new one, never
half of one, and a failure leaves no partial file behind.
"""

from __future__ import annotations

import os
import tempfile

from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """
    Write *data* to *path* through a temporary file in the same folder.
    """
    target = Path(path)
    fd, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
