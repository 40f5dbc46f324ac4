"""
A third-party renderer: the text rendering, shouted.
"""

from __future__ import annotations

from typing import Any


class ShoutRenderer:
    """
    Renders a report as upper-case text.
    """

    name = "shout"
    media_type = "text/plain; charset=utf-8"
    suffix = ".shout.txt"

    def render(
        self, report: Any, *, style: Any = "decree-30", **options: Any
    ) -> str:
        """
        Render the text format, in upper case.
        """
        from hcc_report import render  # noqa: PLC0415  (no hard dependency)

        return str(render(report, "text", style=style, **options)).upper()
