"""
Renderers: the whole report in an output format.

`render` is the entry point; `available` lists the formats. Built-ins:
``text``, ``markdown``, ``html`` (each a `TemplateRenderer`, with
`TemplateOptions`) and ``json`` (with `NoOptions`). More come from packages
that advertise a renderer in the ``hcc_report.renderers`` entry-point
group, or from `register`.
"""

from __future__ import annotations

import functools
import inspect

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from hcc_report._checks import check_type
from hcc_report.errors import (
    MissingDependencyError,
    RendererError,
    RendererOptionError,
    TemplateError,
    UnknownRendererError,
)
from hcc_report.languages import check_lang, is_vietnamese
from hcc_report.model import Report
from hcc_report.renderers._registry import (
    ENTRY_POINT_GROUP,
    NoOptions,
    RendererRegistry,
    build_options,
)
from hcc_report.styles import Style, get_style
from hcc_report.typing import Renderer, StreamingRenderer


if TYPE_CHECKING:
    from hcc_report.renderers._templates import (
        TemplateOptions,
        TemplateRenderer,
    )


__all__ = [
    "ENTRY_POINT_GROUP",
    "MissingDependencyError",
    "NoOptions",
    "Renderer",
    "RendererError",
    "RendererOptionError",
    "RendererRegistry",
    "TemplateError",
    "TemplateOptions",
    "TemplateRenderer",
    "UnknownRendererError",
    "available",
    "check_options",
    "get_renderer",
    "register",
    "registry",
    "render",
    "stream",
]


def __getattr__(name: str) -> Any:
    # The template renderers import Jinja2: only when they are asked for.
    if name in {"TemplateOptions", "TemplateRenderer"}:
        from hcc_report.renderers import _templates  # noqa: PLC0415

        return getattr(_templates, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


#: The default registry, holding the built-in renderers.
registry = RendererRegistry()
registry.register("text", "hcc_report.renderers._text:TEXT")
registry.register("markdown", "hcc_report.renderers._markdown:MARKDOWN")
registry.register("html", "hcc_report.renderers._html:HTML")
registry.register("json", "hcc_report.renderers._json:JSON")
# The office formats need their extra: hcc-report[docx], [xlsx], [pdf].
registry.register("docx", "hcc_report.renderers._docx:DOCX", extra="docx")
registry.register("xlsx", "hcc_report.renderers._xlsx:XLSX", extra="xlsx")
registry.register("pdf", "hcc_report.renderers._pdf:PDF", extra="pdf")


def register(
    name: str,
    renderer: Renderer[Any] | str,
    *,
    extra: str | None = None,
    install: str | None = None,
    replace: bool = False,
) -> None:
    """
    Register a renderer in the default registry.

    See `RendererRegistry.register`: a renderer of another distribution
    names what to install with *install* (``"acme-renderers[pdf]"``).

    >>> register("text", "my_renderers:Plain")
    Traceback (most recent call last):
    ...
    hcc_report.errors.ArgumentError: a renderer named 'text' is already
    registered
    """
    registry.register(
        name, renderer, extra=extra, install=install, replace=replace
    )


def get_renderer(name: str) -> Renderer[Any]:
    """
    Return the renderer called *name* from the default registry.

    See `RendererRegistry.get`.

    >>> renderer = get_renderer("markdown")
    >>> renderer.media_type, renderer.suffix
    ('text/markdown; charset=utf-8', '.md')
    """
    return registry.get(name)


def available() -> list[str]:
    """
    Return the names of every renderer: built-ins first, then plug-ins.

    >>> available()[:4]
    ['text', 'markdown', 'html', 'json']
    """
    return registry.names()


def check_options(format: str, **options: Any) -> None:  # noqa: A002
    """
    Check, before rendering anything, that the renderer *format* exists
    and takes *options*, as `render` would: a batch of reports is refused
    up front rather than once a report.

    >>> check_options("html", template_dir=None)
    >>> check_options("html", template="ours.docx")
    Traceback (most recent call last):
    ...
    hcc_report.errors.RendererOptionError: the 'html' renderer has no
    option 'template'; its options are template_dir

    Raises:
        ~hcc_report.errors.UnknownRendererError: No renderer has that name.
        ~hcc_report.errors.MissingDependencyError: Its extra is missing.
        ~hcc_report.errors.RendererOptionError: It takes no such option.
    """
    build_options(registry.get(check_type("format", format, str)), options)


def render(
    report: Report,
    format: str = "text",  # noqa: A002
    *,
    style: Style | str = "decree-30",
    lang: str = "vi",
    **options: Any,
) -> str | bytes:
    """
    Render *report* as *format* in *style*, in the language *lang*.

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> text = render(binh_thuan_2023_02(), "text", style="binh-thuan")
    >>> "Tổng cộng" in text and "99.79%" in text
    True
    >>> english = render(binh_thuan_2023_02(), "text", lang="en")
    >>> "SOCIALIST REPUBLIC OF VIET NAM" in english and "10,078" in english
    True

    Args:
        report: The report.
        format: A renderer's name (see `hcc_report.renderers.available`).
        style: A `~hcc_report.styles.Style` or a preset's name.
        lang: The language of the document's words and notation
            (``"vi"``, ``"en"``, or any other language code: see
            `hcc_report.languages`); the report's own texts are taken in
            English where it gives them, for any language but Vietnamese.
        options: Options of that renderer, such as ``template_dir`` for the
            template-based ones (`~hcc_report.renderers.TemplateOptions`).

    Raises:
        ~hcc_report.errors.UnknownRendererError: No renderer has that name.
        ~hcc_report.errors.MissingDependencyError: Its extra is missing.
        ~hcc_report.errors.RendererOptionError: It takes no such option.
        ~hcc_report.errors.UnknownStyleError: No style has that name.
        ~hcc_report.errors.ArgumentError: *lang* is not a language code.
        ~hcc_report.errors.TemplateError: A template failed.
    """
    check_type("report", report, Report)
    renderer = registry.get(check_type("format", format, str))
    chosen = get_style(style)
    return renderer.render(
        report,
        style=chosen,
        options=build_options(renderer, options),
        **_language(renderer, "render", check_lang(lang)),
    )


@functools.lru_cache(maxsize=64)
def _takes_lang(cls: type, method: str) -> bool:
    try:
        parameters = inspect.signature(getattr(cls, method)).parameters
    except (TypeError, ValueError):  # no signature to read: trust it
        return True
    return "lang" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


def _language(renderer: Any, method: str, lang: str) -> dict[str, str]:
    """
    The *lang* keyword for *renderer*'s *method*, or none for a renderer
    written before renderers took one: it writes Vietnamese only.
    """
    cls: type = type(renderer)
    if _takes_lang(cls, method):
        return {"lang": lang}
    if is_vietnamese(lang):
        return {}
    msg = (
        f"the {renderer.name!r} renderer writes Vietnamese only: its "
        f"{method}() takes no lang (see hcc_report.typing.Renderer)"
    )
    raise RendererError(msg)


def stream(
    report: Report,
    format: str = "text",  # noqa: A002
    *,
    style: Style | str = "decree-30",
    lang: str = "vi",
    **options: Any,
) -> Iterator[str | bytes]:
    """
    Render *report* as `hcc_report.render` does, in pieces as the renderer
    makes them when it can (a `~hcc_report.typing.StreamingRenderer`:
    ``text``, ``html`` and ``json`` can), else as one piece: for writing a
    big document to a file without holding it whole.

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> report = binh_thuan_2023_02()
    >>> pieces = list(stream(report, "json"))
    >>> len(pieces) > 1 and "".join(pieces) == render(report, "json")
    True

    Raises:
        ~hcc_report.errors.UnknownRendererError: No renderer has that name.
        ~hcc_report.errors.MissingDependencyError: Its extra is missing.
        ~hcc_report.errors.RendererOptionError: It takes no such option.
        ~hcc_report.errors.UnknownStyleError: No style has that name.
        ~hcc_report.errors.TemplateError: A template failed, when the piece
            where it failed is asked for.
    """
    check_type("report", report, Report)
    renderer = registry.get(check_type("format", format, str))
    chosen = get_style(style)
    built = build_options(renderer, options)
    lang = check_lang(lang)
    if isinstance(renderer, StreamingRenderer):
        return renderer.stream(
            report,
            style=chosen,
            options=built,
            **_language(renderer, "stream", lang),
        )
    return iter(
        [
            renderer.render(
                report,
                style=chosen,
                options=built,
                **_language(renderer, "render", lang),
            )
        ]
    )
