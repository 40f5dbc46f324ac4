"""
The ``markdown`` renderer: the document as Markdown, readable on a
code-hosting site, with the appendix as a Markdown table.

Its template escapes text with the ``md`` filter.
"""

from __future__ import annotations

import re

from hcc_report.renderers._templates import TemplateRenderer


def tidy(text: str) -> str:
    """
    Leave at most one blank line between blocks, and none at the ends.
    """
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


MARKDOWN = TemplateRenderer(
    name="markdown",
    media_type="text/markdown; charset=utf-8",
    suffix=".md",
    template="report.md.j2",
    finish=tidy,
)
