"""
Vietnamese administrative formatting, and its strict inverse.

Pure functions with no global locale: numbers and percentages ("10.078",
"99,79%"), dates ("ngày 02 tháng 3 năm 2023", "09/3/2023"), periods
("tháng 02 năm 2023", "quý I/2023") and document numbers ("Số:
04/BC-TTHCC"), as Decree 30/2020/NĐ-CP and the Accounting Law write them.
Each formatter shows exactly the digits it is given and never rounds;
rounding belongs to `hcc_report.rate`.

Each parser is the strict inverse of a formatter: what it cannot read
unambiguously raises `~hcc_report.errors.ParseError`, quoting the text; it
never guesses.

Every formatter takes ``lang``: English (``lang="en"``) writes "10,078",
"99.79%", "2 March 2023" and "February 2023"; numbers and dates in other
languages are written by Babel from CLDR, imported only then, and their
words come from the message catalogues (`hcc_report.languages`). This
package imports nothing from hcc_report but its exceptions, its calendar
helper and its catalogues.
"""

from hcc_report.errors import ParseError
from hcc_report.formatting._dates import (
    format_date,
    format_place_date,
    format_short_date,
    month_name,
    month_text,
    parse_date,
    parse_place_date,
    parse_short_date,
)
from hcc_report.formatting._documents import (
    DocumentType,
    format_doc_number,
    parse_doc_number,
)
from hcc_report.formatting._numbers import (
    format_number,
    format_percent,
    parse_number,
    parse_percent,
)
from hcc_report.formatting._periods import (
    PeriodLike,
    PeriodParts,
    format_cumulative,
    format_period,
    format_period_end,
    parse_period,
)


__all__ = [
    "DocumentType",
    "ParseError",
    "PeriodLike",
    "PeriodParts",
    "format_cumulative",
    "format_date",
    "format_doc_number",
    "format_number",
    "format_percent",
    "format_period",
    "format_period_end",
    "format_place_date",
    "format_short_date",
    "month_name",
    "month_text",
    "parse_date",
    "parse_doc_number",
    "parse_number",
    "parse_percent",
    "parse_period",
    "parse_place_date",
    "parse_short_date",
]
