"""
Jinja2 templates: the environment, and renderers built on a template.

Templates ship in ``hcc_report/templates``. A user can override any of them
by passing a folder of their own (``template_dir``); templates then come
from that folder first. Every template runs in Jinja2's immutable sandbox,
undefined values fail loudly, and HTML templates are autoescaped.
"""

from __future__ import annotations

import functools
import os
import re

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import jinja2

from jinja2.sandbox import ImmutableSandboxedEnvironment

from hcc_report import formatting
from hcc_report.errors import ArgumentError, TemplateError
from hcc_report.model import Report
from hcc_report.presentation import ReportView, present
from hcc_report.styles import DECREE_30, Style


_INLINE = re.compile(r"([\\`*_~\[\]<>|&])")
#: What starts a block at the start of a line: a heading, a list item, a
#: numbered item.
_LINE_START = re.compile(r"^(\s*)([#+-]|\d+[.)])(?=\s|$)")
#: A line of dashes, which Markdown draws as a rule ("---").
_RULE = re.compile(r"^-(?=[-\s]*$)")


def md(text: str) -> str:
    """
    Escape *text* so that Markdown shows it as it is.

    >>> md("Sở Văn hóa TT&DL | <b> *x*")
    'Sở Văn hóa TT\\\\&DL \\\\| \\\\<b\\\\> \\\\*x\\\\*'
    >>> md("1. Kết quả")
    '1\\\\. Kết quả'
    >>> md("~~~"), md("---"), md("    code")
    ('\\\\~\\\\~\\\\~', '\\\\---', 'code')

    Spaces at the start are dropped (four would make a code block), and
    what would start a block there is escaped.
    """
    escaped = _RULE.sub(r"\\-", _INLINE.sub(r"\\\1", str(text).lstrip()))
    return _LINE_START.sub(
        lambda m: m[1] + m[2][:-1] + "\\" + m[2][-1], escaped
    )


#: Filters available to every template: the formatters, and ``md``.
FILTERS: Mapping[str, Callable[..., Any]] = {
    "number": formatting.format_number,
    "percent": formatting.format_percent,
    "date": formatting.format_date,
    "short_date": formatting.format_short_date,
    "period": formatting.format_period,
    "md": md,
}


def configure(env: jinja2.Environment) -> jinja2.Environment:
    """
    Give *env* the settings every hcc_report template relies on.

    Undefined values fail, HTML (only) is escaped, blocks leave no blank
    lines, and the formatters are filters.
    """
    env.undefined = jinja2.StrictUndefined
    env.autoescape = jinja2.select_autoescape(
        enabled_extensions=("html", "htm", "xml", "html.j2"),
        default_for_string=False,
    )
    env.keep_trailing_newline = True
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.filters.update(FILTERS)
    return env


class FolderLoader(jinja2.FileSystemLoader):
    """
    Templates from a user's folder, and only from it: a template reached
    through a symbolic link that leads out of the folder is not found, as
    ``..`` in a name is not.
    """

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        inside = any(
            os.path.commonpath([os.path.realpath(filename), root]) == root
            for root in map(os.path.realpath, self.searchpath)
        )
        if not inside:
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


@functools.lru_cache(maxsize=16)
def environment(template_dir: str | None) -> jinja2.Environment:
    """
    Return the (cached) environment for a user folder, or none.
    """
    loaders: list[jinja2.BaseLoader] = [
        jinja2.PackageLoader("hcc_report", "templates")
    ]
    if template_dir is not None:
        loaders.insert(0, FolderLoader(template_dir))
    return configure(
        ImmutableSandboxedEnvironment(loader=jinja2.ChoiceLoader(loaders))
    )


def _location(error: BaseException) -> str:
    """
    Find the template and line where *error* happened, if in a template.
    """
    lineno = getattr(error, "lineno", None)
    name = getattr(error, "filename", None) or getattr(error, "name", None)
    if lineno is None:
        traceback = error.__traceback__
        while traceback is not None:
            filename = traceback.tb_frame.f_code.co_filename
            if filename.endswith(".j2"):
                name, lineno = filename, traceback.tb_lineno
            traceback = traceback.tb_next
    if name and lineno:
        return f"{Path(name).name}, line {lineno}: "
    if name:
        return f"{Path(name).name}: "
    return ""


def _folder(value: str | os.PathLike[str] | None) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)):
        msg = f"template_dir must be a folder's path, got {value!r}"
        raise ArgumentError(msg)
    path = Path(value)
    if not path.is_dir():
        msg = f"template folder {str(path)!r} does not exist"
        raise ArgumentError(msg)
    return path.resolve()


@attrs.frozen(kw_only=True)
class TemplateOptions:
    """
    The options of the renderers built on a template (``text``,
    ``markdown``, ``html``).

    >>> TemplateOptions().template_dir is None
    True
    """

    #: A folder whose templates replace the built-in ones of the same name.
    template_dir: Path | None = attrs.field(default=None, converter=_folder)


_NO_OPTIONS = TemplateOptions()


def render_template(
    name: str,
    *,
    template_dir: Path | None,
    **context: Any,
) -> str:
    """
    Render the template *name* with *context*, taking templates from
    *template_dir* first.

    Raises:
        ~hcc_report.errors.TemplateError: The template is missing, wrong,
            refers to a missing value or does something forbidden.
    """
    folder = None if template_dir is None else str(template_dir)
    try:
        template = environment(folder).get_template(name)
        return template.render(**context)
    except jinja2.TemplateNotFound as error:
        msg = f"template {error.name!r} not found"
        raise TemplateError(msg) from error
    except jinja2.TemplateError as error:
        msg = f"{_location(error)}{error.message or error}"
        raise TemplateError(msg) from error
    except Exception as error:
        # A template's own mistake ({{ 1 / 0 }}, a filter given text ...)
        # is the template's error, named with its place.
        msg = f"{_location(error)}{type(error).__name__}: {error}"
        raise TemplateError(msg) from error


@attrs.frozen(kw_only=True)
class TemplateRenderer:
    """
    A renderer that renders a `~hcc_report.presentation.ReportView` with
    a Jinja2 template, in the sandbox; its options are `TemplateOptions`.

    >>> renderer = TemplateRenderer(name="mine", media_type="text/markdown",
    ...                             suffix=".md", template="report.md.j2")
    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> "<b>BÁO CÁO</b>" in renderer.render(binh_thuan_2023_02())
    True
    """

    name: str
    media_type: str
    suffix: str
    #: The template's name, looked up in the options' folder first.
    template: str
    #: Extra values for the template, such as layout helpers.
    helpers: Mapping[str, Any] = attrs.field(factory=dict)
    #: A last touch on the rendered text (for example tidying blank lines).
    finish: Callable[[str], str] | None = None

    @property
    def options(self) -> type[TemplateOptions]:
        """
        `TemplateOptions`.
        """
        return TemplateOptions

    def render(
        self,
        report: Report,
        *,
        style: Style = DECREE_30,
        options: TemplateOptions = _NO_OPTIONS,
    ) -> str:
        """
        Render *report* in *style*.
        """
        view: ReportView = present(report, style)
        text = render_template(
            self.template,
            template_dir=options.template_dir,
            view=view,
            style=view.style,
            **self.helpers,
        )
        return text if self.finish is None else self.finish(text)
