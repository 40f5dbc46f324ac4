"""
The office renderers' doctests need their extras: without its library a
module cannot be imported, so pytest leaves it out rather than fail to
collect (``nox -s tests`` installs every extra and runs them all).
"""

from __future__ import annotations

import importlib.util


_NEEDS = {"docx": "docx", "xlsx": "xlsxwriter", "pdf": "weasyprint"}

collect_ignore = [
    f"src/hcc_report/renderers/_{name}.py"
    for name, library in _NEEDS.items()
    if importlib.util.find_spec(library) is None
]
