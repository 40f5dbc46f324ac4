"""
Types for annotating code that uses hcc_report.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from hcc_report.model.counts import Counts


__all__ = ["CountsLike", "HasCounts"]


@runtime_checkable
class HasCounts(Protocol):
    """
    **Protocol:** anything with a `~hcc_report.Counts` as ``counts``, such
    as an `~hcc_report.AppendixRow`.
    """

    @property
    def counts(self) -> Counts:
        """
        The counts of this thing.
        """
        ...


#: What `hcc_report.total` accepts: counts, or things that have counts.
CountsLike = Counts | HasCounts
