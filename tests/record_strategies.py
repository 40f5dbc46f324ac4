"""
Hypothesis strategies for dossier records, and the records as columns
for the dataframe engines.

Times cluster around the edges of February 2023, the period the tests
count, so that every rule meets its boundaries: received the day before
the period or on its first or last day, due on the last day, finished
the day after, no deadline, still pending.
"""

from __future__ import annotations

import datetime as dt

from typing import Any

from hypothesis import strategies as st

from hcc_report import Period
from hcc_report.records import Dossier


PERIOD = Period.month(2023, 2)
AGENCIES = ("Sở Tư pháp", "Sở Y tế", "Công an tỉnh")
FIELDS = (
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
        agency=draw(st.sampled_from(AGENCIES)),
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
    columns: dict[str, list[Any]] = {field: [] for field in FIELDS}
    for record in records:
        for field in FIELDS:
            value = getattr(record, field)
            columns[field].append(getattr(value, "value", value))
    return columns


def polars_frame(records: list[Dossier]) -> Any:
    """
    The records as a Polars dataframe with typed columns (also when
    there are none).
    """
    import polars as pl  # noqa: PLC0415

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
