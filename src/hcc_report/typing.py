"""
Types for annotating code that uses hcc_report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from hcc_report.calculation import CountsLike, HasCounts


if TYPE_CHECKING:
    from collections.abc import Iterator

    from hcc_report.model import Report
    from hcc_report.styles import Style


__all__ = [
    "CountsLike",
    "HasCounts",
    "Options",
    "Renderer",
    "StreamingRenderer",
]

#: The options of a renderer: what its `Renderer.options` builds.
Options = TypeVar("Options")


@runtime_checkable
class Renderer(Protocol[Options]):
    """
    **Protocol:** an output format, as `hcc_report.render` uses it.

    A renderer declares its options as a class (usually an attrs class)
    whose keyword arguments are the options; `hcc_report.render` builds it
    from the caller's keywords and refuses those it does not take with a
    `~hcc_report.errors.RendererOptionError`. A renderer without options
    uses `hcc_report.renderers.NoOptions`.

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

    @property
    def options(self) -> type[Options]:
        """
        The class of its options, built from keyword arguments.
        """
        ...

    def render(
        self, report: Report, *, style: Style, options: Options, lang: str
    ) -> str | bytes:
        """
        Return the whole document in the language *lang*
        (`hcc_report.languages`): `str` for text formats, `bytes` else.
        """
        ...


@runtime_checkable
class StreamingRenderer(Renderer[Options], Protocol[Options]):
    """
    **Protocol:** a text renderer that can also give its document in
    pieces as it makes them, so that a big one is written without being
    held whole; `hcc_report.renderers.stream` uses it. The pieces joined
    are what `Renderer.render` returns.
    """

    def stream(
        self, report: Report, *, style: Style, options: Options, lang: str
    ) -> Iterator[str]:
        """
        Yield the document's text in pieces.
        """
        ...
