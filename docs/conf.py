"""
Sphinx configuration for the hcc-report documentation.
"""

from __future__ import annotations

import doctest
import sys

from importlib.metadata import version as _version
from pathlib import Path


# The project's own extensions (the figure catalogue's tables).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))


project = "hcc-report"
author = "The hcc-report developers"
copyright = "2026, The hcc-report developers"
release = _version("hcc-report")
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "figure_catalogue",
    "attrs_signatures",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# `name` in docstrings refers to Python objects.
default_role = "py:obj"
nitpicky = True
# No network here, so no intersphinx: the standard library's names stay
# unlinked, and only they may.
nitpick_ignore_regex = [
    (
        r"py:(class|obj|data|func|exc)",
        r"(datetime|decimal|fractions|enum|collections\.abc|typing|os|pathlib|gettext)\..*",
    ),
    (
        r"py:(class|obj)",
        r"(int|str|bool|bytes|object|type|dict|list|tuple|float|None|Decimal|Fraction|Path|Mapping|Iterable|Sequence|Callable|Any|T|E|ValueError|TypeError|OSError|Exception|Literal|TypeAlias)",
    ),
    (
        r"py:class",
        r"Iterable\[.*\]|Sequence\[.*\]|Mapping\[.*\]|dict\[.*\]|tuple\[.*\]|list\[.*\]|type\[.*\]",
    ),
    (r"py:class", r"hcc_report\.(serialization|_checks)\.(T|E|Path)"),
    (r"py:class", r"(cattrs|docutils)\..*"),
    (r"py:class", r"os\.PathLike\[str\]"),
    (r"py:(class|obj|func)", r"(attrs|jinja2)\..*"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "undoc-members": False}
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# Attributes sections as fields, not as objects autodoc documents again.
napoleon_use_ivar = True

html_theme = "furo"
html_title = "hcc-report"

doctest_default_flags = (
    doctest.ELLIPSIS
    | doctest.IGNORE_EXCEPTION_DETAIL
    | doctest.DONT_ACCEPT_TRUE_FOR_1
    | doctest.NORMALIZE_WHITESPACE
)
doctest_global_setup = """
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import hcc_report
# The catalogue's own names first: rounding's `rate` below takes that name.
from hcc_report.figures import *
from hcc_report import *
from hcc_report.calculation import *
from hcc_report.errors import *
from hcc_report.examples import *
from hcc_report.languages import *
from hcc_report.formatting import *
from hcc_report.presentation import *
from hcc_report.renderers import *
from hcc_report.styles import *
from hcc_report.auditing import *
from hcc_report.published import *
import attrs
from hcc_report.model import *
from hcc_report.rounding import *
from hcc_report.serialization import *
from hcc_report.loaders import *
from hcc_report.records import *
from hcc_report import figures
"""
