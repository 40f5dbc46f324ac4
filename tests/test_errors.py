"""
Tests for hcc_report.errors.
"""

from __future__ import annotations

import errno
import pickle

from decimal import Decimal

import pytest

import hcc_report

from hcc_report import HccReportError, Problem, ValidationError, formatting
from hcc_report.errors import ParseError
from hcc_report.styles import Style


def test_message_lists_every_problem_with_the_source():
    """
    The message names the file, the subject and each problem on a line.
    """
    error = ValidationError(
        [Problem("a.b", "is required"), Problem("", "is empty")],
        subject="report",
        source="report.toml",
    )

    assert (
        "report.toml: invalid report, 2 problems:\n"
        "  - a.b: is required\n"
        "  - is empty"
    ) == str(error)


def test_is_a_value_error_and_a_library_error():
    """
    Code catching ValueError or HccReportError catches it.
    """
    error = ValidationError([Problem("x", "bad")])

    assert isinstance(error, ValueError)
    assert isinstance(error, HccReportError)


def test_needs_a_problem():
    """
    An error without a problem is a programming mistake.
    """
    with pytest.raises(ValueError, match="at least one problem"):
        ValidationError([])


def test_pickles():
    """
    Errors survive pickling (logging handlers, multiprocessing).
    """
    error = ValidationError(
        [Problem("x", "bad")], subject="Counts", source="f.json"
    )

    again = pickle.loads(pickle.dumps(error))  # noqa: S301

    assert (error.problems, error.subject, error.source, str(error)) == (
        again.problems,
        again.subject,
        again.source,
        str(again),
    )


def test_parse_error_quotes_the_text_and_pickles():
    """
    A ParseError names the text, what was expected and why, and survives
    pickling.
    """
    error = ParseError("10.07", "a number", "bad grouping")

    again = pickle.loads(pickle.dumps(error))  # noqa: S301

    assert "cannot read '10.07' as a number: bad grouping" == str(again)
    assert ("10.07", "a number", "bad grouping") == (
        again.text,
        again.expected,
        again.reason,
    )
    assert isinstance(again, ValueError)


def _finding():
    return hcc_report.audit(
        hcc_report.examples.binh_thuan_2023_02_published()
    )[0]


#: Mistakes a caller can make, with the built-in exception that fits.
MISTAKES = [
    (lambda: hcc_report.rate("1", 2), TypeError),
    (lambda: hcc_report.rate(1, 2, places=-1), ValueError),
    (lambda: hcc_report.rate(1, 2, zero="as-100"), TypeError),
    (lambda: hcc_report.rate(-1, 2), ValueError),
    (lambda: hcc_report.apportion([]), ValueError),
    (lambda: hcc_report.total([1]), TypeError),
    (lambda: hcc_report.Counts(received=-1), ValueError),
    (lambda: hcc_report.Period.month(2023, 13), ValueError),
    (lambda: hcc_report.rate_of(hcc_report.Counts(), "speed"), LookupError),
    (lambda: hcc_report.figures.get("speed"), LookupError),
    (lambda: hcc_report.get_style("nd30"), ValueError),
    (lambda: hcc_report.get_style(None), TypeError),
    (lambda: hcc_report.describe(_finding(), "français"), ValueError),
    (lambda: formatting.format_number(1.5), TypeError),
    (lambda: formatting.format_percent(Decimal("99.795")), ValueError),
    (lambda: formatting.format_date("2023-03-02"), TypeError),
    (lambda: formatting.format_doc_number(0, "BC", "X"), ValueError),
    (lambda: formatting.parse_number("10.07"), ValueError),
    (lambda: formatting.month_text(13), ValueError),
    (lambda: hcc_report.load_report("no-such-file.toml"), OSError),
    (lambda: hcc_report.load_report("report.yaml"), ValueError),
    (lambda: hcc_report.loads_report("", "yaml"), ValueError),
    (lambda: hcc_report.loads_report("[", "toml"), ValueError),
    (lambda: hcc_report.load_published("no-such-file.csv"), OSError),
    (lambda: hcc_report.loads_published("", "csv"), ValueError),
    (lambda: hcc_report.load_style("no-such-file.toml"), OSError),
    (lambda: hcc_report.render(_seed(), "pdf9"), LookupError),
    (lambda: hcc_report.render(_seed(), "text", colour=True), TypeError),
    (lambda: hcc_report.render(_seed(), "text", style="x"), ValueError),
    (lambda: hcc_report.present(_seed(), "x"), LookupError),
    (
        lambda: hcc_report.renderers.register("text", "x:y"),
        ValueError,
    ),
    (lambda: Style(name="x", columns=("speed",)), ValueError),
    # Wrong types to public functions: the library's TypeError, never a
    # bare AttributeError or TypeError from inside.
    (lambda: hcc_report.on_time_rate(None), TypeError),
    (lambda: hcc_report.to_handle(5), TypeError),
    (lambda: hcc_report.cumulative(5, hcc_report.Counts()), TypeError),
    (lambda: hcc_report.period_from_cumulative(1, 2), TypeError),
    (lambda: hcc_report.totals_by_group([1]), TypeError),
    (lambda: hcc_report.total(None), TypeError),
    (lambda: hcc_report.Counts.sum([1]), TypeError),
    (lambda: hcc_report.Counts.sum(None), TypeError),
    (lambda: hcc_report.apportion(None), TypeError),
    (lambda: hcc_report.render(5), TypeError),
    (lambda: hcc_report.render(_seed(), ["x"]), TypeError),
    (lambda: hcc_report.present(5), TypeError),
    (lambda: hcc_report.audit(5), TypeError),
    (lambda: hcc_report.describe(5), TypeError),
    (lambda: hcc_report.Authority.parse(5), ValueError),
    (lambda: hcc_report.figures.rate("on_time_rate").of(5), TypeError),
    (lambda: hcc_report.figures.find(5), TypeError),
    (lambda: hcc_report.figures.find("Đúng hạn", beside="early"), TypeError),
    (lambda: hcc_report.loads_report(5, "toml"), TypeError),
    (lambda: hcc_report.loads_published(5, "csv"), TypeError),
    (lambda: hcc_report.loads_published(5, "json"), TypeError),
    (lambda: hcc_report.dumps_report(5, "toml"), TypeError),
    (lambda: hcc_report.report_to_dict(5), TypeError),
    (lambda: hcc_report.save_report(5, "r.toml"), TypeError),
    (lambda: hcc_report.save_report(_seed(), 5), TypeError),
    (lambda: hcc_report.load_report(5), TypeError),
    (lambda: hcc_report.load_style(5), TypeError),
]


def _seed():
    return hcc_report.examples.binh_thuan_2023_02()


@pytest.mark.parametrize(("mistake", "builtin"), MISTAKES)
def test_every_mistake_is_the_librarys_error(
    mistake, builtin, tmp_path, monkeypatch
):
    """
    A caller's mistake raises a subclass of HccReportError, which is also
    the built-in exception that fits, so both kinds of code can catch it.
    """
    monkeypatch.chdir(tmp_path)

    with pytest.raises(HccReportError) as info:
        mistake()

    assert isinstance(info.value, builtin)


def test_a_file_error_keeps_what_caused_it(tmp_path):
    """
    A missing file is a FileError (an OSError) with errno, strerror and
    filename, also after pickling.
    """
    path = tmp_path / "no-such.toml"

    with pytest.raises(hcc_report.errors.FileError) as info:
        hcc_report.load_report(path)
    again = pickle.loads(pickle.dumps(info.value))  # noqa: S301

    for error in (info.value, again):
        assert isinstance(error, OSError)
        assert (errno.ENOENT, str(path)) == (error.errno, error.filename)
        assert error.strerror
        assert f"cannot read {str(path)!r}: " in str(error)
