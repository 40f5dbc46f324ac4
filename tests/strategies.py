"""
Hypothesis strategies for every type of the model.

A new model type gets a strategy here, so that the round-trip and
rendering properties cover it.
"""

from __future__ import annotations

import datetime as dt

from typing import Any

from hypothesis import strategies as st

from hcc_report import (
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Basis,
    Bullet,
    Counts,
    DocumentNumber,
    FiguresParagraph,
    Issuer,
    Paragraph,
    Period,
    Report,
    Section,
    Signer,
    figures,
    total,
)
from hcc_report.formatting import DocumentType
from hcc_report.records import Dossier


COUNT_FIELDS = tuple(count.key for count in figures.counts())


#: Letters of Vietnamese text, with every diacritic, and a few others.
VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
    "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    "0123456789 ,.;:-()/&%<>\"'"
)

#: Any text a user might type: Vietnamese mostly, anything visible now and
#: then (the model refuses control, invisible and non-characters:
#: hcc_report._checks.INVISIBLE_RANGES).
texts = st.one_of(
    st.text(alphabet=VIETNAMESE, min_size=1, max_size=40),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"),
            blacklist_characters="\ufffe\uffff\u00ad\u200b\u200c\u200d"
            "\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
            "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
            "\ufeff",
        ),
        min_size=1,
        max_size=20,
    ),
).filter(lambda text: text.strip() != "")

#: A text's English version, or none: English words, or any text.
english = (
    st.none()
    | st.text(
        alphabet="abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ,.-'()&",
        min_size=1,
        max_size=60,
    ).filter(lambda text: text.strip() != "")
    | texts
)

counts_values = st.integers(min_value=0, max_value=10**7)


@st.composite
def full_counts(draw: st.DrawFn, *, max_value: int = 10**7) -> dict[str, int]:
    """
    Draw a complete, consistent set of figures, as a dict.
    """
    value = st.integers(min_value=0, max_value=max_value)
    figures = {
        name: draw(value)
        for name in (
            "received_online",
            "received_in_person",
            "received_postal",
            "carried_over",
            "early",
            "on_due_date",
            "late",
            "pending_in_time",
            "pending_overdue",
            "withdrawn",
            "returned",
        )
    }
    figures["received"] = (
        figures["received_online"]
        + figures["received_in_person"]
        + figures["received_postal"]
    )
    figures["on_time"] = figures["early"] + figures["on_due_date"]
    figures["processed"] = figures["on_time"] + figures["late"]
    figures["pending"] = (
        figures["pending_in_time"] + figures["pending_overdue"]
    )
    return figures


@st.composite
def valid_count_sets(
    draw: st.DrawFn, *, max_value: int = 10**7
) -> dict[str, int | None]:
    """
    Draw keyword arguments that `Counts` must accept: a consistent set of
    figures with any of them left out.
    """
    figures: dict[str, int | None] = dict(
        draw(full_counts(max_value=max_value))
    )
    for name in draw(st.sets(st.sampled_from(COUNT_FIELDS))):
        figures[name] = None
    return figures


def counts(*, max_value: int = 10**7) -> st.SearchStrategy[Counts]:
    """
    Draw valid counts.
    """
    return valid_count_sets(max_value=max_value).map(lambda kw: Counts(**kw))


def seed_like_counts() -> st.SearchStrategy[Counts]:
    """
    Draw counts with the seed's five figures, all known.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Counts:
        received = draw(counts_values)
        online = draw(st.integers(min_value=0, max_value=received))
        on_time = draw(counts_values)
        late = draw(counts_values)
        return Counts(
            received=received,
            received_online=online,
            processed=on_time + late,
            on_time=on_time,
            late=late,
        )

    return build()


years = st.integers(min_value=1900, max_value=2100)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """
    Draw a period of any kind.
    """
    year = draw(years)
    kind = draw(
        st.sampled_from(["month", "quarter", "half", "first", "year", "range"])
    )
    if kind == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    if kind == "quarter":
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind == "half":
        return Period.half(year, draw(st.integers(1, 2)))
    if kind == "first":
        return Period.first_months(year, draw(st.integers(1, 12)))
    if kind == "year":
        return Period.year(year)
    start = draw(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
    end = draw(st.dates(start, dt.date(2100, 12, 31)))
    return Period.between(start, end)


agencies = st.builds(
    Agency,
    name=texts,
    short_name=st.none() | texts,
    code=st.none() | texts,
    group=st.none() | texts,
)


@st.composite
def appendices(draw: st.DrawFn) -> Appendix:
    """
    Draw an appendix with agencies of distinct names.
    """
    names = draw(st.lists(texts, min_size=1, max_size=6, unique=True))
    groups = {"Sở": "Departments", "Ngành dọc": "Central agencies"}
    rows = []
    for name in names:
        group = draw(st.none() | st.sampled_from(sorted(groups)))
        rows.append(
            AppendixRow(
                agency=Agency(
                    name=name,
                    short_name=draw(st.none() | texts),
                    group=group,
                    name_en=draw(english),
                    group_en=None
                    if group is None or not draw(st.booleans())
                    else groups[group],
                ),
                counts=draw(counts()),
            )
        )
    return Appendix(
        title=draw(texts),
        rows=rows,
        basis=draw(st.sampled_from(Basis)),
        title_en=draw(english),
    )


blocks = st.one_of(
    st.builds(Paragraph, text=texts, text_en=english),
    st.builds(Bullet, text=texts, text_en=english),
    st.just(FiguresParagraph()),
)

subsections = st.builds(
    Section,
    heading=texts,
    blocks=st.lists(blocks, max_size=3),
    heading_en=english,
)

sections = st.builds(
    Section,
    heading=texts,
    blocks=st.lists(blocks, max_size=3),
    subsections=st.lists(subsections, max_size=3),
    heading_en=english,
)

type_codes = st.sampled_from(DocumentType) | st.from_regex(
    r"[A-ZĐ][A-Za-zĐđ]{0,4}", fullmatch=True
)

document_numbers = st.builds(
    DocumentNumber,
    number=st.integers(min_value=1, max_value=9999),
    type_code=type_codes,
    issuer_code=st.from_regex(
        r"[A-ZĐ0-9][A-Za-zĐđ0-9]{0,5}(-[A-ZĐ0-9][A-Za-zĐđ0-9]{0,5}){0,2}",
        fullmatch=True,
    ),
)


@st.composite
def signers(draw: st.DrawFn) -> Signer:
    """
    Draw a signer under any authority.
    """
    authority = draw(st.none() | st.sampled_from(Authority))
    on_behalf = authority not in (None, Authority.Q)
    return Signer(
        name=draw(texts),
        title=draw(texts),
        authority=authority,
        on_behalf_of=draw(texts) if on_behalf else None,
        title_en=draw(english),
        on_behalf_of_en=draw(english) if on_behalf else None,
    )


@st.composite
def issuers(draw: st.DrawFn) -> Issuer:
    """
    Draw an issuer, with English names or not.
    """
    parent = draw(st.none() | texts)
    return Issuer(
        name=draw(texts),
        parent=parent,
        full_name=draw(st.none() | texts),
        name_en=draw(english),
        parent_en=None if parent is None else draw(english),
        full_name_en=draw(english),
    )


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """
    Draw a complete, valid report.
    """
    period = draw(periods())
    # A period from 1 January is its own cumulative span.
    from_new_year = period.is_year_to_date
    appendix = draw(st.none() | appendices())
    if appendix is None:
        figures = draw(counts())
        cumulative = None
        if draw(st.booleans()):
            # The cumulative figures include the period's.
            cumulative = figures if from_new_year else figures + draw(counts())
    else:
        # The body states the appendix's total, and the period is a part
        # of the cumulative figures.
        rows = [row.counts for row in appendix.rows]
        table = total(rows)
        part = (
            table
            if from_new_year
            else total(rows[: draw(st.integers(0, len(rows)))])
        )
        if appendix.basis is Basis.CUMULATIVE:
            figures, cumulative = part, table
        else:
            figures = table
            cumulative = None
            if draw(st.booleans()):
                cumulative = table if from_new_year else table + draw(counts())
    addressees = draw(st.lists(texts, max_size=2))
    recipients = draw(st.lists(texts, max_size=4))
    return Report(
        issuer=draw(issuers()),
        number=draw(document_numbers),
        place=draw(texts),
        # Issued once the period has ended, as a report is (the audit warns
        # of one issued before).
        issued=period.end + dt.timedelta(days=draw(st.integers(0, 90))),
        title=draw(texts),
        period=period,
        figures=figures,
        cumulative=cumulative,
        appendix=appendix,
        opening=draw(st.lists(blocks, max_size=2)),
        sections=draw(st.lists(sections, max_size=3)),
        tasks=draw(st.none() | sections),
        addressees=addressees,
        recipients=recipients,
        archive=draw(st.lists(texts, min_size=1, max_size=3)),
        signer=draw(signers()),
        title_en=draw(english),
        addressees_en=draw(
            st.just(()) | st.lists(texts, min_size=n, max_size=n)
            if (n := len(addressees))
            else st.just(())
        ),
        recipients_en=draw(
            st.just(()) | st.lists(texts, min_size=m, max_size=m)
            if (m := len(recipients))
            else st.just(())
        ),
    )


# Dossier records ------------------------------------------------------------
#
# Times cluster around the edges of February 2023, the period the tests
# count, so that every rule meets its boundaries: received the day before
# the period or on its first or last day, due on the last day, finished
# the day after, no deadline, still pending.

RECORDS_PERIOD = Period.month(2023, 2)
RECORD_AGENCIES = ("Sở Tư pháp", "Sở Y tế", "Công an tỉnh")
RECORD_COLUMNS = (
    "agency",
    "received",
    "due",
    "finished",
    "online",
    "channel",
    "level",
    "outcome",
    "id",
)
#: Days that matter: the period's edges and their neighbours, and a few
#: far from them.
_DAYS = sorted(
    {
        dt.date(2022, 12, 15),
        dt.date(2023, 1, 1),
        dt.date(2023, 1, 30),
        dt.date(2023, 1, 31),
        dt.date(2023, 2, 1),
        dt.date(2023, 2, 2),
        dt.date(2023, 2, 14),
        dt.date(2023, 2, 27),
        dt.date(2023, 2, 28),
        dt.date(2023, 3, 1),
        dt.date(2023, 3, 2),
        dt.date(2023, 4, 10),
    }
)
_TIMES = (dt.time(0, 0), dt.time(8, 30), dt.time(17, 0), dt.time(23, 59))


@st.composite
def dossiers(draw: st.DrawFn, *, datetimes: bool = False) -> Dossier:
    """
    A valid dossier, its times dates (or datetimes) near the period's
    edges.
    """

    def when(earliest: dt.date | dt.datetime) -> dt.date | dt.datetime:
        if datetimes:
            day = draw(st.sampled_from(_DAYS))
            value: dt.date = dt.datetime.combine(
                day, draw(st.sampled_from(_TIMES))
            )
        else:
            value = draw(st.sampled_from(_DAYS))
        return max(value, earliest)

    received: dt.date = (
        dt.datetime.combine(
            draw(st.sampled_from(_DAYS)), draw(st.sampled_from(_TIMES))
        )
        if datetimes
        else draw(st.sampled_from(_DAYS))
    )
    due = draw(st.none() | st.just(0).map(lambda _: when(received)))
    finished = draw(st.none() | st.just(0).map(lambda _: when(received)))
    online = draw(st.booleans())
    channel = draw(
        st.none()
        | (
            st.just("online")
            if online
            else st.sampled_from(("in_person", "postal"))
        )
    )
    outcome = (
        None
        if finished is None
        else draw(st.none() | st.sampled_from(("withdrawn", "returned")))
    )
    return Dossier(
        agency=draw(st.sampled_from(RECORD_AGENCIES)),
        received=received,
        due=due,
        finished=finished,
        online=online,
        channel=channel,
        level=draw(st.none() | st.sampled_from(("tỉnh", "huyện"))),
        outcome=outcome,
    )


def record_lists(
    *, datetimes: bool | None = None, max_size: int = 40
) -> st.SearchStrategy[list[Dossier]]:
    """
    Lists of dossiers, all of dates or all of datetimes.
    """
    if datetimes is None:
        return st.booleans().flatmap(
            lambda d: record_lists(datetimes=d, max_size=max_size)
        )
    return st.lists(dossiers(datetimes=datetimes), max_size=max_size)


def as_columns(records: list[Dossier]) -> dict[str, list[Any]]:
    """
    The records as columns, enums by their values.
    """
    columns: dict[str, list[Any]] = {field: [] for field in RECORD_COLUMNS}
    for record in records:
        for field in RECORD_COLUMNS:
            value = getattr(record, field)
            columns[field].append(getattr(value, "value", value))
    return columns


def polars_frame(records: list[Dossier]) -> Any:
    """
    The records as a Polars dataframe with typed columns (also when
    there are none).
    """
    import polars as pl  # noqa: PLC0415  # only where it is installed

    datetimes = bool(records) and isinstance(records[0].received, dt.datetime)
    time = pl.Datetime("us") if datetimes else pl.Date
    schema = {
        "agency": pl.String,
        "received": time,
        "due": time,
        "finished": time,
        "online": pl.Boolean,
        "channel": pl.String,
        "level": pl.String,
        "outcome": pl.String,
        "id": pl.String,
    }
    return pl.DataFrame(as_columns(records), schema=schema)
