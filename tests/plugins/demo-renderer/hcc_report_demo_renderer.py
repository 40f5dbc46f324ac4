"""
A third-party renderer: the text rendering, shouted.
"""

from __future__ import annotations

from typing import Any


class ShoutRenderer:
    """
    Renders a report as upper-case text; it takes the text renderer's
    options.
    """

    name = "shout"
    media_type = "text/plain; charset=utf-8"
    suffix = ".shout.txt"

    @property
    def options(self) -> Any:
        """
        The options of the text renderer.
        """
        from hcc_report.renderers import TemplateOptions  # noqa: PLC0415

        return TemplateOptions

    def render(
        self, report: Any, *, style: Any, options: Any, lang: str = "vi"
    ) -> str:
        """
        Render the text format, in upper case.
        """
        from hcc_report import render  # noqa: PLC0415  (no hard dependency)

        text = render(
            report,
            "text",
            style=style,
            lang=lang,
            template_dir=options.template_dir,
        )
        return str(text).upper()
