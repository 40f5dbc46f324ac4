"""
The words of the audit's findings, as messages of the catalogue.

Keys are parts of a report, severities (``severity-error``) and kinds of
finding (``rate``); the names of figures are the figure catalogue's
(`hcc_report.figures`). Each is an English message in the context
``audit``, translated by the catalogues (`hcc_report.languages`);
sentences are kept whole, for those who translate them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from hcc_report.languages import NP_, catalogue_language, translations


MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "severity-error": NP_("audit", "ERROR"),
        "severity-warning": NP_("audit", "WARNING"),
        "severity-note": NP_("audit", "NOTE"),
        "table": NP_("audit", "appendix"),
        "period-table": NP_("audit", "appendix, the period's figures"),
        "period": NP_("audit", "period figures"),
        "cumulative": NP_("audit", "cumulative figures"),
        "row": NP_("audit", "row"),
        "column": NP_("audit", "column"),
        "printed": NP_("audit", "printed"),
        "empty": NP_("audit", "(empty)"),
        "expected": NP_("audit", "expected"),
        "split": NP_("audit", "does not match the sum of its parts"),
        "total": NP_(
            "audit", "the total row differs from the sum of the rows"
        ),
        "rate": NP_(
            "audit", "the rate differs from the rate of the printed figures"
        ),
        "zero-rate": NP_(
            "audit", "a rate over zero dossiers, printed by convention"
        ),
        "rate-not-shown": NP_("audit", "the rate is not shown"),
        "convention": NP_("audit", "the rates are not written alike"),
        "paragraph": NP_(
            "audit", "the body's figure differs from the appendix"
        ),
        "period-exceeds-cumulative": NP_(
            "audit", "the cumulative figure is below the period's"
        ),
        "cumulative-sum": NP_(
            "audit",
            "previous cumulative plus this period is not this cumulative",
        ),
        "cumulative-decreased": NP_(
            "audit",
            "the cumulative figure went down since the previous report",
        ),
        "not-consecutive": NP_(
            "audit", "the previous report is not of the period just before"
        ),
        "issued-early": NP_(
            "audit", "the report is dated before its period ends"
        ),
        "header": NP_("audit", "number, symbol and date"),
        "not-compared": NP_(
            "audit", "nothing could be compared with the previous report"
        ),
        "previous": NP_("audit", "previous report"),
        "reason-half-even": NP_(
            "audit", "perhaps rounded half to even instead of half up"
        ),
        "reason-truncated": NP_(
            "audit", "perhaps truncated instead of rounded"
        ),
        "reason-decimal-mark": NP_("audit", "in their decimal mark"),
        "reason-decimal-places": NP_("audit", "in their decimal places"),
        "reason-new-year": NP_(
            "audit", "as cumulative figures restart on 1 January"
        ),
        "reason-as-printed": NP_(
            "audit", "each rate checked at the decimals it shows"
        ),
        "reason-at-least": NP_(
            "audit",
            "so only a lower bound of the cumulative figures is checked",
        ),
        "rate-base": NP_("audit", "the rate is correct when computed over"),
        "not-over": NP_("audit", "not over"),
        "subtotal": NP_(
            "audit", "the group's subtotal differs from the sum of its rows"
        ),
        "heading": NP_("audit", "read the heading"),
        "not-checked": NP_(
            "audit", "not checked: a column the library does not know"
        ),
        "notation": NP_(
            "audit",
            "counts are written in both notations, each read as it is written",
        ),
        "consolidation": NP_(
            "audit", "the figure differs from the sum of the centres' reports"
        ),
        "consolidation-missing-row": NP_(
            "audit", "a row of the centres' reports is not printed"
        ),
        "consolidation-extra-row": NP_(
            "audit", "the row is in none of the centres' reports"
        ),
    }
)


def words(lang: str) -> Mapping[str, str]:
    """
    Return the audit's words in *lang*, by key.
    """
    return _words(catalogue_language(lang))


@cache
def _words(language: str) -> Mapping[str, str]:
    catalogue = translations(language)
    return MappingProxyType(
        {
            key: catalogue.pgettext("audit", message)
            for key, message in MESSAGES.items()
        }
    )
