"""
The renderer registry: names mapped to renderers, loaded on first use.
"""

from __future__ import annotations

import importlib

from typing import Any

import attrs

from hcc_report.errors import (
    ArgumentError,
    HccReportError,
    RendererDependencyError,
    RendererError,
    RendererOptionError,
    UnknownRendererError,
)
from hcc_report.typing import Renderer


#: The entry-point group third-party packages advertise renderers in.
ENTRY_POINT_GROUP = "hcc_report.renderers"


@attrs.frozen
class NoOptions:
    """
    The options of a renderer that takes none.
    """


def _option_names(factory: Any) -> list[str] | None:
    """
    The keywords *factory* takes, or ``None`` when it takes any.
    """
    if attrs.has(factory):
        return [a.alias for a in attrs.fields(factory) if a.init]
    # Imported here: inspect is slow to import and rarely needed.
    import inspect  # noqa: PLC0415

    try:
        parameters = inspect.signature(factory).parameters.values()
    except (TypeError, ValueError):  # a built-in class such as dict
        return None
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return [p.name for p in parameters]


def build_options(renderer: Renderer[Any], given: dict[str, Any]) -> Any:
    """
    Build *renderer*'s options from the keyword arguments *given*.

    Raises:
        ~hcc_report.errors.RendererOptionError: It does not take one of
            them, or they do not fit together; the message names the
            options it takes.
    """
    factory = renderer.options
    names = _option_names(factory)
    takes = (
        "it takes no options"
        if names == []
        else f"its options are {', '.join(names or ['any'])}"
    )
    unknown = [
        name for name in given if names is not None and name not in names
    ]
    if unknown:
        msg = (
            f"the {renderer.name!r} renderer has no option "
            f"{', '.join(map(repr, unknown))}; {takes}"
        )
        raise RendererOptionError(msg)
    try:
        return factory(**given)
    except HccReportError:
        raise  # already says what is wrong (a folder that does not exist)
    except (TypeError, ValueError) as error:
        msg = f"the {renderer.name!r} renderer cannot take {given}: {error}"
        raise RendererOptionError(msg) from error


@attrs.define
class _Entry:
    #: A renderer, a "module:attribute" path, or an entry point.
    target: object
    #: What to install when its import fails, as pip takes it
    #: ("hcc-report[docx]", "acme-renderers[pdf]"), if known.
    install: str | None
    #: Where it came from, for error messages.
    origin: str


def _import(path: str) -> object:
    module_name, _, attribute = path.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module


class RendererRegistry:
    """
    Renderers by name, loaded lazily.

    Built-in renderers are registered by dotted path, so that importing
    hcc_report imports none of their dependencies. Third-party renderers
    advertised in the ``hcc_report.renderers`` entry-point group are found
    on the first lookup; a built-in keeps its name.

    A registry is an ordinary object: tests and applications can build
    their own instead of changing the default one.

    >>> registry = RendererRegistry(entry_points=False)
    >>> registry.register("text", "hcc_report.renderers._text:TEXT")
    >>> registry.names()
    ['text']
    >>> registry.get("text").media_type
    'text/plain; charset=utf-8'
    """

    def __init__(self, *, entry_points: bool = True) -> None:
        self._entries: dict[str, _Entry] = {}
        self._loaded: dict[str, Renderer[Any]] = {}
        self._discovered = not entry_points

    def register(
        self,
        name: str,
        renderer: Renderer[Any] | str,
        *,
        extra: str | None = None,
        install: str | None = None,
        replace: bool = False,
    ) -> None:
        """
        Register *renderer* under *name*.

        Args:
            name: The name users ask for.
            renderer: A renderer, or the ``"module:attribute"`` path of one
                (a class is instantiated without arguments), imported on
                first use.
            extra: The extra of hcc-report to install when its import
                fails (``"docx"``), for the library's own renderers.
            install: What to install when its import fails, as pip takes
                it (``"acme-renderers[pdf]"``), for a renderer of another
                distribution.
            replace: Replace a renderer of the same name instead of
                refusing to.

        Raises:
            ~hcc_report.errors.ArgumentError: *name* is taken and
                *replace* is false, or is not a name.
        """
        if not isinstance(name, str) or not name:
            msg = f"a renderer's name must be a non-empty string, got {name!r}"
            raise ArgumentError(msg)
        if name in self._entries and not replace:
            msg = f"a renderer named {name!r} is already registered"
            raise ArgumentError(msg)
        if extra is not None and install is not None:
            msg = "give extra (of hcc-report) or install, not both"
            raise ArgumentError(msg)
        requirement = install or (
            None if extra is None else f"hcc-report[{extra}]"
        )
        self._entries[name] = _Entry(renderer, requirement, "registered")
        self._loaded.pop(name, None)

    def names(self) -> list[str]:
        """
        Return the names of every renderer, built-ins first.
        """
        self._discover()
        return list(self._entries)

    def get(self, name: str) -> Renderer[Any]:
        """
        Return the renderer called *name*, importing it if needed.

        Raises:
            ~hcc_report.errors.UnknownRendererError: No renderer has that
                name (the message lists those that do).
            ~hcc_report.errors.MissingDependencyError: Its dependencies are
                not installed (the message names the extra to install).
            ~hcc_report.errors.RendererError: It cannot be loaded, or what
                was loaded is not a renderer.
        """
        if name in self._loaded:
            return self._loaded[name]
        self._discover()
        entry = self._entries.get(name)
        if entry is None:
            available = ", ".join(self._entries) or "none"
            msg = f"no renderer is called {name!r}; available: {available}"
            raise UnknownRendererError(msg)
        renderer = self._load(name, entry)
        self._loaded[name] = renderer
        return renderer

    def _discover(self) -> None:
        if self._discovered:
            return
        self._discovered = True
        # Imported here: importlib.metadata is slow to import and to scan.
        from importlib import metadata  # noqa: PLC0415

        found = sorted(
            metadata.entry_points(group=ENTRY_POINT_GROUP),
            key=lambda ep: ep.name,
        )
        for point in found:
            if point.name in self._entries:
                continue  # a built-in or registered renderer keeps its name
            dist = getattr(point, "dist", None)
            origin = f"entry point of {dist.name}" if dist else "entry point"
            self._entries[point.name] = _Entry(point, None, origin)

    def _load(self, name: str, entry: _Entry) -> Renderer[Any]:
        target: Any = entry.target
        try:
            if isinstance(target, str):
                target = _import(target)
            elif not isinstance(target, Renderer) and hasattr(target, "load"):
                target = target.load()  # an entry point
        except ModuleNotFoundError as error:
            extra = (
                f'pip install "{entry.install}"'
                if entry.install
                else "install the package that provides it"
            )
            msg = (
                f"the {name!r} renderer needs the module {error.name!r}, "
                f"which is not installed: {extra}"
            )
            raise RendererDependencyError(msg, name=error.name) from error
        except Exception as error:
            msg = (
                f"the {name!r} renderer ({entry.origin}) failed to load: "
                f"{error}"
            )
            raise RendererError(msg) from error
        if isinstance(target, type):
            target = target()
        if not isinstance(target, Renderer):
            msg = (
                f"the {name!r} renderer ({entry.origin}) is not a renderer: "
                f"{target!r} lacks name, media_type, suffix, options or "
                "render()"
            )
            raise RendererError(msg)
        return target
