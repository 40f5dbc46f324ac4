"""
Types for annotating code that uses hcc_report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from hcc_report.model.counts import Counts


if TYPE_CHECKING:
    from hcc_report.model import Report
    from hcc_report.styles import Style


__all__ = ["CountsLike", "HasCounts", "Renderer"]


@runtime_checkable
class HasCounts(Protocol):
    """
    **Protocol:** anything with a `~hcc_report.Counts` as ``counts``, such
    as an `~hcc_report.AppendixRow`.
    """

    @property
    def counts(self) -> Counts:
        """
        The counts of this thing.
        """
        ...


#: What `hcc_report.total` accepts: counts, or things that have counts.
CountsLike = Counts | HasCounts


@runtime_checkable
class Renderer(Protocol):
    """
    **Protocol:** an output format, as `hcc_report.render` uses it.

    Register one with `hcc_report.renderers.register`, or advertise it in
    the ``hcc_report.renderers`` entry-point group of your package.
    """

    @property
    def name(self) -> str:
        """
        The name users pick it by (``"text"``, ``"html"``).
        """
        ...

    @property
    def media_type(self) -> str:
        """
        The media type of its output (``"text/html; charset=utf-8"``).
        """
        ...

    @property
    def suffix(self) -> str:
        """
        The file suffix of its output (``".html"``).
        """
        ...

    def render(
        self, report: Report, *, style: Style | str = ..., **options: Any
    ) -> str | bytes:
        """
        Return the whole document: `str` for text formats, `bytes` else.
        """
        ...
