"""
Jinja2 templates: the environment, and renderers built on a template.

Templates ship in ``hcc_report/templates``. A user can override any of them
by passing a folder of their own (``template_dir``); templates then come
from that folder first. Every template runs in Jinja2's immutable sandbox,
undefined values fail loudly, HTML templates are autoescaped, and the work
of one rendering is bounded (`MAX_TEMPLATE_LOOPS`, `MAX_TEMPLATE_ITEMS`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import math
import os
import re
import string

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs
import jinja2

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

from hcc_report import formatting
from hcc_report.errors import ArgumentError, TemplateError
from hcc_report.languages import translations
from hcc_report.model import Report
from hcc_report.presentation import ReportView, present
from hcc_report.styles import DECREE_30, Style


T = TypeVar("T")

_INLINE = re.compile(r"([\\`*_~\[\]<>|&])")
#: What starts a block at the start of a line: a heading, a list item, a
#: numbered item.
_LINE_START = re.compile(r"^(\s*)([#+-]|\d+[.)])(?=\s|$)")
#: A line of dashes, which Markdown draws as a rule ("---").
_RULE = re.compile(r"^-(?=[-\s]*$)")
#: Text `md` leaves as it is: no character to escape, no space first, and
#: nothing that starts a block ("#", "+", "-", "1." or "1)").
_PLAIN = re.compile(r"(?![\s#+-]|\d+[.)](?:\s|$))[^\\`*_~\[\]<>|&]*")


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
    text = str(text)
    if _PLAIN.fullmatch(text):  # most cells: nothing to escape
        return text
    escaped = _RULE.sub(r"\\-", _INLINE.sub(r"\\\1", text.lstrip()))
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


def _plain_fields(cls: type) -> frozenset[str]:
    """
    The fields of *cls* if it is one of the library's plain, immutable
    classes of data that templates read (the views and the style), else
    nothing.
    """
    try:
        return _FIELDS[cls]
    except KeyError:
        fields: frozenset[str] = frozenset()
        if cls.__module__ in _PLAIN_MODULES and attrs.has(cls):
            fields = frozenset(field.name for field in attrs.fields(cls))
        _FIELDS[cls] = fields
        return fields


_FIELDS: dict[type, frozenset[str]] = {}


#: The modules whose attrs classes are plain data for templates.
_PLAIN_MODULES = frozenset(("hcc_report.presentation", "hcc_report.styles"))


#: The most times the loops of one rendering may go round, all loops
#: together: a nested loop counts its inner loop's turns each time. The
#: built-in templates go round about 7 times a row of the appendix.
MAX_TEMPLATE_LOOPS = 10_000_000
#: The longest text or list a template may make (with ``*``, ``+``, ``~``,
#: ``%``, ``format`` or a filter such as ``center``), and the most digits
#: of a power it may take with ``**``.
MAX_TEMPLATE_ITEMS = 10_000_000
#: The largest count a filter may be given to make that many things
#: (``slice``, ``batch``, ``lipsum``), as Jinja2's sandbox bounds
#: ``range()``.
MAX_TEMPLATE_COUNT = 100_000

#: A width or precision in a format: ``%08.2f``, ``{:>10}``.
_WIDTH = re.compile(r"[0-9]+")

#: The turns left to the rendering under way, in this thread or task.
_LOOPS_LEFT: contextvars.ContextVar[list[int]] = contextvars.ContextVar(
    "hcc_report_loops_left"
)


@contextlib.contextmanager
def bounded_work(budget: list[int] | None = None) -> Iterator[None]:
    """
    Give the renderings within the turns left in *budget*, by default a
    new one of `MAX_TEMPLATE_LOOPS`.
    """
    token = _LOOPS_LEFT.set([MAX_TEMPLATE_LOOPS] if budget is None else budget)
    try:
        yield
    finally:
        _LOOPS_LEFT.reset(token)


def _counted(items: Iterable[T]) -> Iterator[T]:
    """
    *items*, each counted against the budget of the rendering.
    """
    left = _LOOPS_LEFT.get(None)
    if left is None:  # a template rendered outside the library's renderers
        left = [MAX_TEMPLATE_LOOPS]
    for item in items:
        left[0] -= 1
        if left[0] < 0:
            msg = (
                f"the template's loops went round more than "
                f"{MAX_TEMPLATE_LOOPS:,} times (the limit of one rendering)"
            )
            raise _TooMuchWorkError(msg)
        yield item


class _TooMuchWorkError(SecurityError):
    """
    A template did more work than one rendering may.
    """


def _sized(value: T) -> T:
    """
    *value*, if a text or list no longer than `MAX_TEMPLATE_ITEMS`.
    """
    if (
        isinstance(value, (str, list, tuple))
        and len(value) > MAX_TEMPLATE_ITEMS
    ):
        raise _TooMuchWorkError(_TOO_LONG)
    return value


_TOO_LONG = (
    f"the template made a text or list longer than {MAX_TEMPLATE_ITEMS:,}"
)


def _check_widths(specs: Iterable[str]) -> None:
    """
    Refuse a width or precision in *specs* that would make a text longer
    than `MAX_TEMPLATE_ITEMS`.
    """
    for spec in specs:
        for width in _WIDTH.findall(spec):
            if len(width) > 8 or int(width) > MAX_TEMPLATE_ITEMS:  # noqa: PLR2004
                raise _TooMuchWorkError(_TOO_LONG)


def _percent_specs(text: str) -> list[str]:
    return re.findall(r"%[-+ #0]*[0-9]*(?:\.[0-9]*)?", text)


def _bounded_filter(
    filter_function: Callable[..., Any],
    check: Callable[[Any, tuple[Any, ...]], None],
) -> Callable[..., Any]:
    """
    *filter_function*, its value and arguments first given to *check*, its
    result no longer than `MAX_TEMPLATE_ITEMS`.
    """
    # A filter that is passed the context or environment gets it first.
    skip = 1 if getattr(filter_function, "jinja_pass_arg", None) else 0

    @functools.wraps(filter_function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        check(args[skip], args[skip + 1 :])
        return _sized(filter_function(*args, **kwargs))

    return bounded


def _at_most(
    limit: int, *positions: int
) -> Callable[[Any, tuple[Any, ...]], None]:
    """
    A check that the arguments at *positions* are at most *limit*.
    """

    def check(value: Any, args: tuple[Any, ...]) -> None:
        del value
        for position in positions:
            if position < len(args):
                number = args[position]
                if isinstance(number, int) and number > limit:
                    msg = (
                        f"a count or width in a template is at most "
                        f"{limit:,}, got {number:,}"
                    )
                    raise _TooMuchWorkError(msg)

    return check


def _replaced_size(value: Any, args: tuple[Any, ...]) -> None:
    old, new = (*args, None, None)[:2]
    if (
        isinstance(value, str)
        and isinstance(old, str)
        and isinstance(new, str)
    ):
        times = len(value) + 1 if not old else value.count(old)
        if len(value) + times * len(new) > MAX_TEMPLATE_ITEMS:
            raise _TooMuchWorkError(_TOO_LONG)


def _format_widths(value: Any, args: tuple[Any, ...]) -> None:
    del args
    if isinstance(value, str):
        _check_widths(_percent_specs(value))


def _nothing(value: Any, args: tuple[Any, ...]) -> None:
    del value, args


class Sandbox(ImmutableSandboxedEnvironment):
    """
    Jinja2's immutable sandbox, with a bound on work, that reads the fields
    of the views and the style straight away: they are frozen data with
    nothing to guard, and checking every read was most of the time of
    rendering a big table.

    Loops go round at most `MAX_TEMPLATE_LOOPS` times in all; no operator,
    format or filter makes a text or list longer than `MAX_TEMPLATE_ITEMS`
    or a power of more digits; ``slice``, ``batch`` and ``lipsum`` take
    counts of at most `MAX_TEMPLATE_COUNT`.
    """

    intercepted_binops = frozenset(("*", "**", "+", "%"))

    def __init__(self, **options: Any) -> None:
        # {% trans %} and _(): the words of the catalogue of the language
        # rendered, given with each rendering (`gettext_functions`).
        extensions = [*options.pop("extensions", ()), "jinja2.ext.i18n"]
        super().__init__(extensions=extensions, **options)
        self.newstyle_gettext = True
        self.filters["_counted"] = _counted
        self.filters["_sized"] = _sized
        checks = {
            "center": _at_most(MAX_TEMPLATE_COUNT, 0),
            "indent": _at_most(MAX_TEMPLATE_COUNT, 0),
            "slice": _at_most(MAX_TEMPLATE_COUNT, 0),
            "batch": _at_most(MAX_TEMPLATE_COUNT, 0),
            "format": _format_widths,
            "replace": _replaced_size,
            "join": _nothing,
            "string": _nothing,
        }
        for name, check in checks.items():
            self.filters[name] = _bounded_filter(self.filters[name], check)
        self.globals["lipsum"] = _lipsum

    def _parse(
        self, source: str, name: str | None, filename: str | None
    ) -> nodes.Template:
        # Each {% for %} loop goes through _counted, each "~" through _sized.
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(
                loop.iter, "_counted", [], [], None, None, lineno=loop.lineno
            )
        for parent in list(tree.find_all(nodes.Node)):
            for field in parent.fields:
                child = getattr(parent, field, None)
                if isinstance(child, nodes.Concat):
                    setattr(parent, field, _sized_node(child))
                elif isinstance(child, list):
                    child[:] = [
                        _sized_node(c) if isinstance(c, nodes.Concat) else c
                        for c in child
                    ]
        return tree

    def call_binop(
        self, context: Context, operator: str, left: Any, right: Any
    ) -> Any:
        if operator == "**" and _too_big_power(left, right):
            msg = (
                f"{left!r} ** {right!r} would have more than "
                f"{MAX_TEMPLATE_ITEMS:,} digits"
            )
            raise _TooMuchWorkError(msg)
        if operator == "*" and _too_long(left, right):
            raise _TooMuchWorkError(_TOO_LONG)
        if operator == "%" and isinstance(left, str):
            _check_widths(_percent_specs(left))
        return _sized(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        formatter = super().wrap_str_format(value)
        if formatter is None:
            return None
        text = getattr(value, "__self__", "")
        _check_widths(
            spec or "" for _, _, spec, _ in string.Formatter().parse(text)
        )
        return formatter

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute in _plain_fields(type(obj)):
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: str | Any) -> Any:
        if type(argument) is str and argument in _plain_fields(type(obj)):
            return getattr(obj, argument)
        return super().getitem(obj, argument)


def _sized_node(node: nodes.Concat) -> nodes.Filter:
    return nodes.Filter(node, "_sized", [], [], None, None, lineno=node.lineno)


def _lipsum(
    n: int = 5,
    html: bool = True,  # Jinja2's own signature
    min: int = 20,  # noqa: A002
    max: int = 100,  # noqa: A002
) -> str:
    """
    Jinja2's ``lipsum()``, of at most `MAX_TEMPLATE_COUNT` paragraphs and
    words.
    """
    _at_most(MAX_TEMPLATE_COUNT, 0, 1, 2)(None, (n, min, max))
    return str(generate_lorem_ipsum(n, html, min, max))


def _too_big_power(base: object, exponent: object) -> bool:
    if not isinstance(base, (int, float)) or not isinstance(exponent, int):
        return False
    if abs(base) <= 1 or exponent <= 0:
        return False
    return exponent * math.log10(abs(base)) > MAX_TEMPLATE_ITEMS


def _too_long(left: object, right: object) -> bool:
    for items, times in ((left, right), (right, left)):
        if isinstance(items, (str, list, tuple)) and isinstance(times, int):
            return len(items) * times > MAX_TEMPLATE_ITEMS
    return False


def gettext_functions(lang: str) -> dict[str, Callable[..., str]]:
    """
    Return ``gettext``, ``ngettext``, ``pgettext`` and ``_`` in *lang*,
    for a template's context: ``{% trans %}`` and ``_()`` use them as
    Jinja2's "new style" gettext does. Variables are given by name and
    filled into ``%(name)s`` (escaped where the template escapes), as
    ``{% trans %}`` writes them; the library's own messages have
    ``{name}`` placeholders, filled with ``.format()``.

    >>> template = environment(None).from_string(
    ...     "{{ _('Recipients:') }} {{ ngettext('{count} dossier', "
    ...     "'{count} dossiers', 2).format(count=2) }} "
    ...     "{% trans n=5 %}{{ n }} of 100%{% endtrans %}"
    ... )
    >>> template.render(**gettext_functions("vi"))
    'Nơi nhận: 2 hồ sơ 5 of 100%'
    """
    catalogue = translations(lang)

    def finish(context: Any, text: str, variables: dict[str, Any]) -> str:
        if context.eval_ctx.autoescape:
            # The catalogue's own text, trusted; the variables are escaped.
            text = Markup(text)  # noqa: S704
        # As the sandbox's "%": no width that makes a text too long.
        _check_widths(_percent_specs(text))
        return _sized(text % variables)

    @jinja2.pass_context
    def gettext(context: Any, message: str, /, **variables: Any) -> str:
        return finish(context, catalogue.gettext(message), variables)

    @jinja2.pass_context
    def ngettext(
        context: Any,
        singular: str,
        plural: str,
        count: int,
        /,
        **variables: Any,
    ) -> str:
        variables.setdefault("num", count)
        text = catalogue.ngettext(singular, plural, count)
        return finish(context, text, variables)

    @jinja2.pass_context
    def pgettext(
        context: Any, where: str, message: str, /, **variables: Any
    ) -> str:
        text = catalogue.pgettext(where, message)
        return finish(context, text, variables)

    return {
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "_": gettext,
    }


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
    return configure(Sandbox(loader=jinja2.ChoiceLoader(loaders)))


def _location(error: BaseException) -> str:
    """
    Find the template and line where *error* happened, if in a template.
    """
    lineno = getattr(error, "lineno", None)
    name = getattr(error, "filename", None) or getattr(error, "name", None)
    if isinstance(error, jinja2.TemplateNotFound):
        name = None  # the template missing, not the one it is missed in
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
    return "".join(stream_template(name, template_dir=template_dir, **context))


#: The pieces of template output joined into one piece of a stream.
_PIECES = 4096


def stream_template(
    name: str,
    *,
    template_dir: Path | None,
    **context: Any,
) -> Iterator[str]:
    """
    `render_template`, in pieces of text as the template makes them.

    Raises:
        ~hcc_report.errors.TemplateError: As `render_template` does, when
            the piece where it goes wrong is asked for.
    """
    folder = None if template_dir is None else str(template_dir)
    with _template_errors():
        template = environment(folder).get_template(name)
        made = template.generate(**context)
    budget = [MAX_TEMPLATE_LOOPS]
    while True:
        # The budget is this rendering's while it runs, whatever else runs
        # between two pieces.
        with bounded_work(budget), _template_errors():
            pieces = list(itertools.islice(made, _PIECES))
        if not pieces:
            return
        yield "".join(pieces)


@contextlib.contextmanager
def _template_errors() -> Iterator[None]:
    """
    Turn what a template raises into a `TemplateError` naming its place.
    """
    try:
        yield
    except jinja2.TemplateNotFound as error:
        # Named where it is included, if it is ("report.txt.j2, line 3: ").
        msg = f"{_location(error)}template {error.name!r} not found"
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
        lang: str = "vi",
    ) -> str:
        """
        Render *report* in *style* and *lang*.
        """
        text = "".join(self._pieces(report, style, options, lang))
        return text if self.finish is None else self.finish(text)

    def stream(
        self,
        report: Report,
        *,
        style: Style = DECREE_30,
        options: TemplateOptions = _NO_OPTIONS,
        lang: str = "vi",
    ) -> Iterator[str]:
        """
        Render *report* in *style* and *lang*, in pieces as the template
        makes them (the whole text at once if a last touch needs it
        whole): for writing a big document without holding it.

        >>> from hcc_report.examples import binh_thuan_2023_02
        >>> from hcc_report.renderers import get_renderer
        >>> html = get_renderer("html")
        >>> report = binh_thuan_2023_02()
        >>> "".join(html.stream(report)) == html.render(report)
        True
        """
        if self.finish is not None:
            yield self.render(report, style=style, options=options, lang=lang)
            return
        yield from self._pieces(report, style, options, lang)

    def _pieces(
        self,
        report: Report,
        style: Style,
        options: TemplateOptions,
        lang: str,
    ) -> Iterator[str]:
        view: ReportView = present(report, style, lang=lang)
        return stream_template(
            self.template,
            template_dir=options.template_dir,
            lang=view.lang.replace("_", "-"),  # as HTML writes it: vi-VN
            **gettext_functions(view.lang),
            view=view,
            style=view.style,
            **self.helpers,
        )
