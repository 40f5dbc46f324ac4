"""
Tests for hcc_report.errors.
"""

from __future__ import annotations

import pickle

import pytest

from hcc_report import HccReportError, Problem, ValidationError
from hcc_report.errors import ParseError


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
