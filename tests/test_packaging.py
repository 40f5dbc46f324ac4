"""
Tests of the package as published: version, public names, import cost.
"""

from __future__ import annotations

import ast
import doctest
import importlib.metadata
import inspect
import subprocess
import sys

from importlib import resources
from pathlib import Path

import pytest

import hcc_report


def test_version():
    """
    __version__ is the installed distribution's version.
    """
    assert importlib.metadata.version("hcc-report") == hcc_report.__version__


def test_unknown_attribute():
    """
    A missing attribute is an AttributeError, as for any module.
    """
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        hcc_report.nope  # noqa: B018


@pytest.mark.parametrize(
    "module",
    [
        "hcc_report",
        "hcc_report.figures",
        "hcc_report.model",
        "hcc_report.calculation",
        "hcc_report.loaders",
        "hcc_report.rounding",
        "hcc_report.serialization",
        "hcc_report.errors",
        "hcc_report.examples",
        "hcc_report.typing",
        "hcc_report.cli",
        "hcc_report.formatting",
        "hcc_report.presentation",
        "hcc_report.renderers",
        "hcc_report.styles",
        "hcc_report.published",
        "hcc_report.auditing",
        "hcc_report.schema",
    ],
)
def test_all_lists_the_public_names(module):
    """
    __all__ has no duplicates, and every name in it exists and is
    documented.
    """
    mod = __import__(module, fromlist=["_"])
    names = mod.__all__

    assert len(set(names)) == len(names)
    for name in names:
        obj = getattr(mod, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__, f"{module}.{name} has no docstring"


def test_public_names_have_no_underscore_duplicates():
    """
    Everything public at the top is in __all__, and every name in it is
    there, once all are loaded.
    """
    for name in hcc_report.__all__:
        getattr(hcc_report, name)
    modules = {
        name
        for name, value in vars(hcc_report).items()
        if isinstance(value, type(hcc_report))
    }
    public = {
        name
        for name in vars(hcc_report)
        if not name.startswith("_")
        and name not in {"annotations", "TYPE_CHECKING"}
    }

    assert public - modules == set(hcc_report.__all__) - modules


def test_ships_typing_marker_and_example():
    """
    py.typed and the example data are installed with the package.
    """
    root = resources.files("hcc_report")

    assert root.joinpath("py.typed").is_file()
    assert root.joinpath("examples/binh_thuan_2023_02.toml").is_file()


def _imported_by(code: str) -> set[str]:
    """
    The modules a fresh interpreter has imported after running *code*,
    beyond those it imports on its own.
    """
    script = (
        "import sys; before = set(sys.modules); "
        f"{code}; "
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        check=True,
        encoding="utf-8",
    )
    return set(result.stdout.split())


#: What only the loaders, the audit, the renderers or a message need.
HEAVY = {
    "typing",
    "babel",
    "jinja2",
    "cattrs",
    "docx",
    "csv",
    "json",
    "tomllib",
    "tomli",
    "difflib",
    "secrets",
    "hypothesis",
}


def test_import_is_light():
    """
    `import hcc_report` imports nothing of the package but itself, and
    nothing heavy.
    """
    imported = _imported_by("import hcc_report")

    assert {"hcc_report"} == {m for m in imported if m.startswith("hcc")}
    assert set() == imported & HEAVY


def test_the_model_does_not_load_the_rest():
    """
    Building counts and a period loads the model, not the presentation,
    the audit, the loaders, the renderers or their dependencies.
    """
    imported = _imported_by(
        "import hcc_report; "
        "hcc_report.Counts(received=1); hcc_report.Period.month(2023, 2); "
        "hcc_report.on_time_rate(hcc_report.Counts(processed=1, on_time=1))"
    )

    ours = {m.split(".")[1] for m in imported if m.startswith("hcc_report.")}
    assert set() == ours & {
        "presentation",
        "auditing",
        "loaders",
        "renderers",
        "serialization",
        "styles",
        "cli",
    }
    assert set() == {m.split(".")[0] for m in imported} & HEAVY - {"typing"}


def test_readme_example():
    """
    The README's example runs as shown.
    """
    readme = Path(__file__).parent.parent / "README.md"

    result = doctest.testfile(
        str(readme),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )

    assert 0 == result.failed
    assert result.attempted >= 5


@pytest.mark.parametrize("layer", ["errors.py", "rounding.py", "formatting"])
def test_lowest_layers_import_nothing_above_them(layer):
    """
    rounding and formatting are pure: from the package they import only
    its exceptions (and formatting its message catalogues); errors imports
    nothing from it.
    """
    root = Path(hcc_report.__file__).parent / layer
    files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
    allowed = (
        {"hcc_report.errors", "hcc_report._calendar", "hcc_report._checks"}
        if layer != "errors.py"
        else set()
    )
    if layer == "formatting":
        allowed.update({"hcc_report.formatting", "hcc_report.languages"})

    imported = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                imported.add("." * node.level + (node.module or ""))
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    ours = {
        name
        for name in imported
        if name == "hcc_report" or name.startswith((".", "hcc_report."))
    }

    assert ours <= {
        name
        for name in ours
        if any(name == a or name.startswith(a + ".") for a in allowed)
    }
