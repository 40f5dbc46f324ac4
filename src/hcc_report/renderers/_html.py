"""
The ``html`` renderer: one self-contained, printable HTML page.

The page follows the layout of Decree 30/2020/NĐ-CP: the issuer on the
left and the national title on the right with their rules, Times New Roman
(Liberation Serif as its metric twin), A4 with the Decree's margins in print
CSS, and the appendix on a page of its own. It has no script and loads
nothing: everything is in the one file. Its template is autoescaped.
"""

from __future__ import annotations

from hcc_report.renderers._templates import TemplateRenderer


#: More figure columns than this and the appendix is printed on a
#: landscape page, as Decree 30/2020 allows for tables.
WIDE_TABLE = 8

HTML = TemplateRenderer(
    name="html",
    media_type="text/html; charset=utf-8",
    suffix=".html",
    template="report.html.j2",
    helpers={"wide_table": WIDE_TABLE},
)
