"""
One dossier (hồ sơ) as the one-stop-shop information system records it.
"""

from __future__ import annotations

import datetime as dt
import enum

from typing import Any

import attrs

from hcc_report._checks import Checker, as_enum, nfc, nfc_optional


__all__ = ["TIME_FIELDS", "Channel", "Dossier", "Outcome"]


class Channel(str, enum.Enum):
    """
    How a dossier was submitted (Biểu 06/VPCP/KSTT's reception columns).
    """

    #: Online, through the public service portal (trực tuyến).
    ONLINE = "online"
    #: In person, at the one-stop desk (trực tiếp).
    IN_PERSON = "in_person"
    #: By public postal service (dịch vụ bưu chính công ích).
    POSTAL = "postal"

    def __str__(self) -> str:
        return self.value


class Outcome(str, enum.Enum):
    """
    How a dossier ended other than by being resolved.

    A dossier with an outcome ended on its ``finished`` date without a
    result: it is counted as withdrawn or returned, not as processed.
    """

    #: The applicant withdrew it (công dân rút hồ sơ).
    WITHDRAWN = "withdrawn"
    #: It was returned to the applicant (hồ sơ trả lại).
    RETURNED = "returned"

    def __str__(self) -> str:
        return self.value


#: The fields of a record, as a dataframe's columns are named.
FIELDS = (
    "agency",
    "received",
    "due",
    "finished",
    "online",
    "channel",
    "level",
    "field",
    "procedure",
    "outcome",
    "id",
)
#: The fields that hold a point in time, compared with each other and
#: with the period.
TIME_FIELDS = ("received", "due", "finished")


def _channel(value: object) -> Any:
    return None if value is None else as_enum(Channel, value)


def _outcome(value: object) -> Any:
    return None if value is None else as_enum(Outcome, value)


def _time_kind(value: object) -> type[dt.date] | None:
    """
    `datetime.datetime`, `datetime.date` or, for anything else, ``None``.
    """
    if isinstance(value, dt.datetime):
        return dt.datetime
    if isinstance(value, dt.date):
        return dt.date
    return None


@attrs.frozen(kw_only=True)
class Dossier:
    """
    One dossier: which unit it is counted under, when it was received and
    is due, and when and how it ended.

    The three points in time are all dates or all datetimes (local times
    without a time zone), and are compared as given: a date stands for
    the whole day. Every record is checked when it is built, and every
    problem is reported at once, naming the record by its `id` when it
    has one: a dossier cannot be finished, or due, before it was
    received, an outcome needs the day the dossier ended, and a channel
    must agree with `online`.

    >>> import datetime as dt
    >>> d = Dossier(agency="Sở Tư pháp", received=dt.date(2023, 2, 1),
    ...             due=dt.date(2023, 2, 6), finished=dt.date(2023, 2, 3),
    ...             online=True)
    >>> d.finished < d.due
    True
    >>> Dossier(id="H01", agency="Sở Y tế", received=dt.date(2023, 2, 9),
    ...         due=None, finished=dt.date(2023, 2, 8), online=False)
    Traceback (most recent call last):
        ...
    hcc_report.errors.ValidationError: invalid Dossier 'H01': finished: must
    not be before received (2023-02-09), got 2023-02-08
    """

    #: The unit the dossier is counted under, an agency's name or code.
    agency: str = attrs.field(converter=nfc)
    #: When it was received (ngày tiếp nhận).
    received: dt.date
    #: When it is due (ngày hẹn trả), ``None`` when the procedure sets no
    #: deadline; such a dossier is never early or late.
    due: dt.date | None
    #: When it ended (ngày có kết quả, or the day it was withdrawn or
    #: returned), ``None`` while it is pending.
    finished: dt.date | None = None
    #: Whether it was submitted online.
    online: bool
    #: How it was submitted, when known; a `Channel` or its value.
    channel: Channel | None = attrs.field(default=None, converter=_channel)
    #: The administrative level that handles it ("Cấp tỉnh"), if known.
    level: str | None = attrs.field(default=None, converter=nfc_optional)
    #: The field of its procedure ("Đất đai"), if known.
    field: str | None = attrs.field(default=None, converter=nfc_optional)
    #: Its administrative procedure (a name or code), if known.
    procedure: str | None = attrs.field(default=None, converter=nfc_optional)
    #: How it ended without a result, if it did; an `Outcome` or its value.
    outcome: Outcome | None = attrs.field(default=None, converter=_outcome)
    #: The record's identifier in its system (mã hồ sơ), if known; errors
    #: name the record by it.
    id: str | None = None

    def __attrs_post_init__(self) -> None:
        subject = "Dossier" if self.id is None else f"Dossier {self.id!r}"
        checker = Checker(subject)
        checker.text("agency", self.agency)
        for name in ("level", "field", "procedure", "id"):
            checker.text(name, getattr(self, name), optional=True)
        self._check_times(checker)
        if not isinstance(self.online, bool):
            checker.add(
                "online", f"must be True or False, got {self.online!r}"
            )
        self._check_ending(checker)
        checker.raise_if_any()

    def _check_times(self, checker: Checker) -> None:
        """
        The times are all dates or all datetimes, local, and none is
        before the dossier was received.
        """
        kinds = {}
        for name in TIME_FIELDS:
            value = getattr(self, name)
            if value is None and name != "received":
                continue
            kind = _time_kind(value)
            if kind is None:
                checker.add(name, f"must be a date or datetime, got {value!r}")
            elif kind is dt.datetime and value.tzinfo is not None:
                checker.add(
                    name, f"must be a local time without a zone, got {value}"
                )
            else:
                kinds[name] = kind
        if len(set(kinds.values())) > 1:
            given = ", ".join(
                f"{name} a {kind.__name__}" for name, kind in kinds.items()
            )
            checker.add("", f"must give all dates or all datetimes: {given}")
            return
        if "received" not in kinds:
            return
        for name in ("finished", "due"):
            if name in kinds and getattr(self, name) < self.received:
                checker.add(
                    name,
                    f"must not be before received ({self.received}), "
                    f"got {getattr(self, name)}",
                )

    def _check_ending(self, checker: Checker) -> None:
        """
        The channel agrees with `online`; an outcome has its day.
        """
        if (
            self.channel is not None
            and checker.choice("channel", self.channel, Channel)
            and (self.channel is Channel.ONLINE) is not self.online
        ):
            checker.add(
                "channel",
                f"must agree with online={self.online}, "
                f"got {self.channel.value!r}",
            )
        if (
            self.outcome is not None
            and checker.choice("outcome", self.outcome, Outcome)
            and self.finished is None
        ):
            checker.add(
                "finished",
                f"must give the day the dossier was "
                f"{self.outcome.value}, got None",
            )
