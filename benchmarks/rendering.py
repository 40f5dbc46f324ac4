"""
Time per render of the example report, next to a plain Jinja2 render of the
same template, measured in one run.

``hcc_report.render`` does the whole job: the presentation step (every
figure, rate and string), then the sandboxed template. The reference is
Jinja2 alone: a plain ``Environment`` rendering the same template with a
view computed once beforehand, so the difference is what the presentation
step and the sandbox cost.
"""

from __future__ import annotations

import sys
import timeit

import jinja2

from hcc_report import present, render
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.renderers._html import HTML
from hcc_report.renderers._templates import configure
from hcc_report.renderers._text import TEXT


ROUNDS = 7
NUMBER = 200


def plain_environment() -> jinja2.Environment:
    # The same settings as hcc_report's, without the sandbox.
    return configure(
        jinja2.Environment(  # noqa: S701  (configure() sets autoescape)
            loader=jinja2.PackageLoader("hcc_report", "templates")
        )
    )


def per_call(function: object) -> float:
    timer = timeit.Timer(function)  # type: ignore[arg-type]
    return min(timer.repeat(repeat=ROUNDS, number=NUMBER)) / NUMBER


def main() -> None:
    report = binh_thuan_2023_02()
    env = plain_environment()
    print(
        f"{'format':<8}{'hcc_report.render':>20}{'plain Jinja2':>16}"
        f"{'ratio':>8}"
    )
    for fmt, template_name, helpers in (
        ("text", "report.txt.j2", TEXT.helpers),
        ("html", "report.html.j2", HTML.helpers),
    ):
        view = present(report)
        template = env.get_template(template_name)
        plain = template.render(view=view, style=view.style, **helpers)
        ours = render(report, fmt)
        if plain != ours:
            sys.exit(f"{fmt}: the plain Jinja2 render differs")
        context = {"view": view, "style": view.style, **helpers}
        mine = per_call(lambda fmt=fmt: render(report, fmt))
        theirs = per_call(
            lambda template=template, context=context: template.render(
                **context
            )
        )
        print(
            f"{fmt:<8}{mine * 1e3:>17.2f} ms{theirs * 1e3:>13.2f} ms"
            f"{mine / theirs:>7.1f}×"
        )


if __name__ == "__main__":
    main()
