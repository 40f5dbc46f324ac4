"""
Signatures of attrs classes as a reader writes them.

attrs generates the ``__init__`` of its classes, and autodoc shows the
generated defaults: ``received=attr_dict['received'].default``,
``counts=NOTHING``. This extension writes each signature from the class's
fields instead: keyword-only where the class is, each argument under the
name it is passed by, its default as a value (``None``, ``()``,
``Rounding.HALF_UP``), none where it is required.
"""

from __future__ import annotations

import enum

from typing import Any

import attrs


def _default(field: attrs.Attribute[Any]) -> str | None:
    """
    The default of *field* as source would write it; ``None`` when it has
    none.
    """
    default = field.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, attrs.Factory):
        if default.takes_self:
            return "..."
        default = default.factory()
    if isinstance(default, enum.Enum):
        return f"{type(default).__name__}.{default.name}"
    return repr(default)


def signature(cls: type) -> str:
    """
    The signature of *cls*'s constructor, from its fields.
    """
    fields = [field for field in attrs.fields(cls) if field.init]
    keyword_only = any(field.kw_only for field in fields)
    parts = ["*"] if keyword_only and fields else []
    for field in fields:
        name = field.alias or field.name
        default = _default(field)
        parts.append(name if default is None else f"{name}={default}")
    return "(" + ", ".join(parts) + ")"


def _process_signature(  # noqa: PLR0917  (Sphinx's event)
    app: Any,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    sig: str | None,
    return_annotation: str | None,
) -> tuple[str | None, str | None] | None:
    del app, name, options, sig
    if what in {"class", "exception"} and attrs.has(obj):
        return signature(obj), return_annotation
    return None


def setup(app: Any) -> dict[str, Any]:
    app.connect("autodoc-process-signature", _process_signature)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
