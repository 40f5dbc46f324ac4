"""
The figure catalogue: every count and every rate the library knows, each
defined once.

An entry says what a figure is: its key, its kind (``"count"`` or
``"rate"``), the headings reports print for it (Vietnamese, the
canonical one first, then the variants real reports print) and its
English heading. A count says which counts it is the sum of (its split)
and how it behaves over time; a rate says which counts it divides by
which, and what it is over zero dossiers.

Everything else reads the catalogue: `hcc_report.Counts` checks its splits
and derives missing wholes from it, the rate functions compute from it,
the presentation step takes its column headings from it, the audit
recomputes printed rates with it, and the loaders recognise the headings
of a printed table through it. Adding a rate is adding one `Rate` to
`FIGURES`.

>>> from hcc_report import figures
>>> on_time = figures.get("on_time_rate")
>>> on_time.kind, on_time.numerator, on_time.denominator
('rate', ('on_time',), ('processed',))
>>> figures.get("received").kind
'count'
>>> on_time.of({"on_time": 9705, "processed": 9725})
Decimal('99.79')
>>> figures.find("Tỷ lệ đúng hạn (%)")
'on_time_rate'

This module is pure: it imports only the exceptions, the rounding of
rates (``hcc_report.rounding``) and the message catalogues
(``hcc_report.languages``), which write its English headings in other
languages.
"""

from __future__ import annotations

import re
import unicodedata

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Literal, TypeAlias, TypeVar

import attrs

from hcc_report.errors import (
    ArgumentError,
    ArgumentTypeError,
    UnknownFigureError,
    excerpt,
)
from hcc_report.languages import N_, is_vietnamese, translations
from hcc_report.rounding import Rounding, ZeroPolicy
from hcc_report.rounding import rate as percentage


__all__ = [
    "CATALOGUE",
    "FIGURES",
    "TOTAL_HEADINGS",
    "Catalogue",
    "Count",
    "Figure",
    "Rate",
    "Split",
    "count",
    "counts",
    "find",
    "get",
    "heading_key",
    "plain_key",
    "rate",
    "rates",
    "splits",
]

#: How a count behaves over time: a flow adds up from period to period
#: (received, processed ...); an opening stock is what a period starts with
#: (carried over); a closing stock is what it ends with (pending); a mixed
#: count is the sum of counts of different timings (the dossiers due,
#: processed plus pending overdue), never added up over time but computed
#: again from its parts.
Timing: TypeAlias = Literal["flow", "opening", "closing", "mixed"]

#: What a rate over zero dossiers is: what the style says (the on-time
#: rate), the complement of that (the late rate: 100 % on time goes with
#: 0 % late), or not applicable (every other rate).
ZeroRule: TypeAlias = Literal["style", "complement", "not-applicable"]


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class _Entry:
    """
    What every figure of the catalogue has.
    """

    #: The key, the name in files, in a style's columns and in
    #: `hcc_report.Counts`.
    key: str
    #: What it means, in a sentence, with where reports use it.
    doc: str
    #: The headings reports print, the canonical Vietnamese one first.
    headings: tuple[str, ...] = attrs.field(converter=_texts)
    #: The English heading, as a sentence uses it ("on time").
    heading_en: str

    @property
    def heading(self) -> str:
        """
        The canonical Vietnamese heading, the one tables print.
        """
        return self.headings[0]

    def heading_in(self, lang: str) -> str:
        """
        Return the heading tables print in *lang*: the Vietnamese heading,
        or the English heading in *lang*'s words (`hcc_report.languages`),
        with a capital.

        >>> CATALOGUE.get("on_time_rate").heading_in("vi")
        'Tỷ lệ đúng hẹn'
        >>> CATALOGUE.get("on_time_rate").heading_in("en")
        'On-time rate'
        """
        if is_vietnamese(lang):
            return self.heading
        text = translations(lang).gettext(self.heading_en)
        return text[:1].upper() + text[1:]


@attrs.frozen(kw_only=True)
class Count(_Entry):
    """
    A count of dossiers: a field of `hcc_report.Counts`.

    >>> get("on_time").parts
    ('early', 'on_due_date')
    """

    #: The counts this one is the sum of (its split), if any.
    parts: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    #: Headings that mean this count only where the other parts of its
    #: split are printed too: Biểu 06/VPCP/KSTT prints "Đúng hạn" next to
    #: "Trước hạn" for the dossiers processed on the due date itself.
    part_headings: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    #: How it behaves over time (see `~hcc_report.figures.Timing`).
    timing: Timing = "flow"

    @property
    def kind(self) -> Literal["count"]:
        """
        ``"count"``.
        """
        return "count"


def _value_of(figures: object) -> Callable[[str], int | None]:
    if isinstance(figures, Mapping):
        # A printed table gives "Trước hạn" and "Đúng hạn" but not their
        # sum: a whole whose parts are all known is their sum.
        return CATALOGUE.derive(figures).get

    def value(key: str) -> int | None:
        try:
            figure: int | None = getattr(figures, key)
        except AttributeError:
            msg = (
                "figures must be counts or a mapping of counts by key, "
                f"got {figures!r}"
            )
            raise ArgumentTypeError(msg) from None
        return figure

    return value


def _add_up(
    keys: tuple[str, ...], value: Callable[[str], int | None]
) -> int | None:
    result = 0
    for key in keys:
        figure = value(key)
        if figure is None:
            return None
        result += figure
    return result


@attrs.frozen(kw_only=True)
class Rate(_Entry):
    """
    A rate: the sum of some counts as a percentage of the sum of others.

    >>> completion = get("completion_rate")
    >>> completion.denominator
    ('handled',)
    >>> completion.of({"processed": 4561, "received": 5000,
    ...                "carried_over": 650}, places=1)
    Decimal('80.7')
    """

    #: The counts added up over the line.
    numerator: tuple[str, ...] = attrs.field(converter=_texts)
    #: The counts added up under the line.
    denominator: tuple[str, ...] = attrs.field(converter=_texts)
    #: What the rate is over zero dossiers (see
    #: `~hcc_report.figures.ZeroRule`).
    zero: ZeroRule = "not-applicable"

    @property
    def kind(self) -> Literal["rate"]:
        """
        ``"rate"``.
        """
        return "rate"

    def terms(self, figures: object) -> tuple[int | None, int | None]:
        """
        Return the numerator and the denominator of this rate for
        *figures*: a mapping of counts by key, or an object with them as
        attributes (a `hcc_report.Counts`). A term is ``None`` when one of
        its counts is unknown.

        >>> get("on_time_rate").terms({"on_time": 9705, "processed": 9725})
        (9705, 9725)
        """
        value = _value_of(figures)
        return _add_up(self.numerator, value), _add_up(self.denominator, value)

    def of(
        self,
        figures: object,
        *,
        places: int = 2,
        rounding: Rounding = Rounding.HALF_UP,
        zero: ZeroPolicy = ZeroPolicy.NOT_APPLICABLE,
    ) -> Decimal | None:
        """
        Return this rate of *figures* in %, computed exactly and rounded
        once; the options are those of `hcc_report.rate`.

        >>> get("late_rate").of({"late": 20, "processed": 9725})
        Decimal('0.21')
        """
        part, whole = self.terms(figures)
        return percentage(
            part, whole, places=places, rounding=rounding, zero=zero
        )

    def zero_policy(self, style: ZeroPolicy) -> ZeroPolicy:
        """
        Return what this rate is over zero dossiers, given the policy a
        style states for the on-time rate.

        >>> get("late_rate").zero_policy(ZeroPolicy.AS_100)
        <ZeroPolicy.AS_0: 'as-0'>
        """
        if self.zero == "style":
            return style
        if self.zero == "complement":
            return _COMPLEMENT.get(style, ZeroPolicy.NOT_APPLICABLE)
        return ZeroPolicy.NOT_APPLICABLE


_COMPLEMENT = {
    ZeroPolicy.AS_100: ZeroPolicy.AS_0,
    ZeroPolicy.AS_0: ZeroPolicy.AS_100,
}

#: An entry of the catalogue.
Figure: TypeAlias = Count | Rate
_F = TypeVar("_F", Count, Rate)


@attrs.frozen
class Split:
    """
    A count that is the sum of others: ``whole == sum(parts)``.
    """

    whole: str
    parts: tuple[str, ...]


#: Abbreviations tables print in headings, and what they stand for.
_ABBREVIATIONS = {
    "hs": "hồ sơ",
    "tthc": "thủ tục hành chính",
    "gq": "giải quyết",
    "gqtthc": "giải quyết thủ tục hành chính",
    "sl": "số lượng",
    "tl": "tỷ lệ",
    "tỉ": "tỷ",
    "bcci": "bưu chính công ích",
    "dvc": "dịch vụ công",
    "dvctt": "dịch vụ công trực tuyến",
}

#: Punctuation a heading may start or end with.
_END_MARKS = " .:;,-–—*"

#: Words before a figure's name that do not change what it names: "Số hồ
#: sơ đã giải quyết" is "Đã giải quyết".
_LEADING_WORDS = (
    "tổng số lượng hồ sơ ",
    "số lượng hồ sơ ",
    "tổng số hồ sơ ",
    "số hồ sơ ",
    "hồ sơ ",
)

#: A tone mark on the second vowel of "oa", "oe" or "uy" ("hoà", "uỷ"):
#: both placements are in use; headings are compared with the mark on the
#: first ("hòa", "ủy"). (Not after "q": in "quý" the "u" is part of "qu".)
_SECOND_VOWEL_TONE = re.compile(
    "(?<!q)(o|u)([aey])([\u0300\u0301\u0309\u0303\u0323])"
)
_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


def _tone_on_first(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    moved = _SECOND_VOWEL_TONE.sub(
        lambda m: m[1] + m[3] + m[2] if (m[1], m[2]) in _PAIRS else m[0],
        decomposed,
    )
    return unicodedata.normalize("NFC", moved)


def heading_key(heading: str) -> str:
    """
    Return *heading* as headings are compared: Unicode NFC, case folded,
    the percent sign and "(%)" dropped, punctuation at the ends and
    spaces collapsed, old-style tones ("hoà") and the usual abbreviations
    ("HS", "TTHC", "GQ", "TL") written out, and leading words that do not
    change what a heading names ("Số hồ sơ ...") dropped.

    >>> heading_key("  Tỷ lệ  ĐÚNG hẹn (%) ")
    'tỷ lệ đúng hẹn'
    >>> heading_key("Số HS đã GQ:")
    'đã giải quyết'
    """
    text = unicodedata.normalize("NFC", heading).casefold()
    text = text.replace("(%)", "").replace("%", "")
    words = [
        _ABBREVIATIONS.get(word, word)
        for word in text.strip(_END_MARKS).replace("/", " / ").split()
    ]
    text = _tone_on_first(" ".join(words).strip(_END_MARKS))
    for lead in _LEADING_WORDS:
        if text.startswith(lead) and len(text) > len(lead):
            text = text[len(lead) :]
            break
    return text


def plain_key(heading: str) -> str:
    """
    Return `heading_key` of *heading* without diacritics, to recognise a
    heading typed without them ("Da giai quyet").

    >>> plain_key("Đã giải quyết")
    'da giai quyet'
    """
    text = heading_key(heading).replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for lead in _PLAIN_LEADING_WORDS:
        if plain.startswith(lead) and len(plain) > len(lead):
            return plain[len(lead) :]
    return plain


#: `_LEADING_WORDS` without diacritics ("So ho so da giai quyet").
_PLAIN_LEADING_WORDS = (
    "tong so luong ho so ",
    "so luong ho so ",
    "tong so ho so ",
    "so ho so ",
    "ho so ",
)


#: Headings of the column that is the whole of the columns beside it:
#: "Tổng số" under "Số hồ sơ đã giải quyết" is the dossiers processed.
TOTAL_HEADINGS = frozenset(
    map(heading_key, ("Tổng số", "Tổng", "Cộng", "Tổng cộng", "Total", "Số"))
)


class Catalogue:
    """
    The figures, checked and indexed.

    A catalogue refuses entries that contradict each other: two entries of
    one key, a heading that would name two figures, a split or a rate
    over counts it does not have.

    >>> len(CATALOGUE.counts), CATALOGUE.get("pending").parts
    (20, ('pending_in_time', 'pending_overdue'))
    """

    __slots__ = (
        "_by_heading",
        "_by_key",
        "_by_plain",
        "_part_headings",
        "counts",
        "figures",
        "rates",
        "splits",
    )

    figures: tuple[Figure, ...]
    #: The counts, in the order of `hcc_report.Counts`.
    counts: tuple[Count, ...]
    rates: tuple[Rate, ...]
    #: Every split, the inner ones first (``on_time`` before
    #: ``processed``, whose part it is).
    splits: tuple[Split, ...]

    def __init__(self, figures: Iterable[Figure]) -> None:
        self.figures = tuple(figures)
        self.counts = tuple(f for f in self.figures if isinstance(f, Count))
        self.rates = tuple(f for f in self.figures if isinstance(f, Rate))
        self._by_key: dict[str, Figure] = {}
        for figure in self.figures:
            if figure.key in self._by_key:
                msg = f"the catalogue has two figures {figure.key!r}"
                raise ArgumentError(msg)
            self._by_key[figure.key] = figure
        self._check_terms()
        self.splits = _inner_first(
            Split(c.key, c.parts) for c in self.counts if c.parts
        )
        self._by_heading: dict[str, str] = {}
        # Headings typed without diacritics, by the figure they name; None
        # where the headings of two figures read the same without them.
        self._by_plain: dict[str, str | None] = {}
        for figure in self.figures:
            for heading in (figure.key, figure.heading_en, *figure.headings):
                self._index(heading, figure.key)
                plain = plain_key(heading)
                if self._by_plain.setdefault(plain, figure.key) != figure.key:
                    self._by_plain[plain] = None
        self._part_headings = self._index_part_headings()

    def _index_part_headings(
        self,
    ) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """
        "Đúng hạn" next to "Trước hạn": heading -> [(part, its siblings)].
        """
        part_headings: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        canonical = {heading_key(figure.heading) for figure in self.figures}
        for split in self.splits:
            if self.count(split.whole).timing == "mixed":
                # Beside "Đã giải quyết", "Quá hạn" is still the late ones:
                # only the split of pending makes it the pending overdue.
                continue
            for part in split.parts:
                siblings = tuple(p for p in split.parts if p != part)
                for heading in self.count(part).part_headings:
                    if heading_key(heading) in canonical:
                        # A table the library prints must read back as is.
                        msg = (
                            f"{heading!r} is a figure's own heading; it "
                            f"cannot also name {part!r} beside its split"
                        )
                        raise ArgumentError(msg)
                    part_headings.setdefault(heading_key(heading), []).append(
                        (part, siblings)
                    )
        return part_headings

    def _check_terms(self) -> None:
        count_keys = {c.key for c in self.counts}
        for figure in self.figures:
            terms = (
                figure.parts
                if isinstance(figure, Count)
                else (*figure.numerator, *figure.denominator)
            )
            unknown = [key for key in terms if key not in count_keys]
            if unknown:
                msg = f"{figure.key!r} is made of unknown counts {unknown}"
                raise ArgumentError(msg)
            if isinstance(figure, Rate) and not figure.denominator:
                msg = f"the rate {figure.key!r} has no denominator"
                raise ArgumentError(msg)

    def _index(self, heading: str, key: str) -> None:
        normal = heading_key(heading)
        other = self._by_heading.setdefault(normal, key)
        if other != key:
            msg = f"the heading {heading!r} names both {other!r} and {key!r}"
            raise ArgumentError(msg)

    def get(self, key: str) -> Figure:
        """
        Return the figure with *key*.

        >>> CATALOGUE.get("late").heading
        'Trễ hẹn'

        Raises:
            ~hcc_report.errors.UnknownFigureError: No figure has that key;
                the message names the closest ones.
        """
        try:
            return self._by_key[key]
        except (KeyError, TypeError):
            pass
        # Imported here: difflib is only needed for this message.
        import difflib  # noqa: PLC0415

        close = difflib.get_close_matches(str(key), self._by_key, n=3)
        hint = (
            f"; did you mean {' or '.join(map(repr, close))}?"
            if close
            else f"; the figures are {', '.join(self._by_key)}"
        )
        msg = f"no figure has the key {excerpt(key)}{hint}"
        raise UnknownFigureError(msg)

    def count(self, key: str) -> Count:
        """
        Return the count with *key*.

        >>> CATALOGUE.count("carried_over").timing
        'opening'

        Raises:
            ~hcc_report.errors.UnknownFigureError: It is not a count.
        """
        return self._of_kind(key, Count)

    def rate(self, key: str) -> Rate:
        """
        Return the rate with *key*.

        >>> CATALOGUE.rate("late_rate").zero
        'complement'

        Raises:
            ~hcc_report.errors.UnknownFigureError: It is not a rate.
        """
        return self._of_kind(key, Rate)

    def _of_kind(self, key: str, kind: type[_F]) -> _F:
        figure = self.get(key)
        if not isinstance(figure, kind):
            msg = f"{key!r} is a {figure.kind}, not a {kind.__name__.lower()}"
            raise UnknownFigureError(msg)
        return figure

    def find(
        self,
        heading: str,
        beside: Iterable[str] = (),
        within: str | None = None,
    ) -> str | None:
        """
        Return the key of the figure a printed *heading* names, or
        ``None``.

        *beside* are the keys of the columns printed with it: a heading
        such as "Đúng hạn" names the dossiers processed on the due date
        when the other parts of that split ("Trước hạn") are printed too.
        *within* is the count a group heading over the column names
        ("Số hồ sơ đang giải quyết"): under it, "Tổng số" is that count
        and "Quá hạn" the part of it that is overdue.

        >>> CATALOGUE.find("Tỉ lệ đúng hạn (%)")
        'on_time_rate'
        >>> CATALOGUE.find("Quá hạn", within="pending")
        'pending_overdue'
        >>> CATALOGUE.find("Tổng số", within="processed")
        'processed'
        """
        if not isinstance(heading, str):
            msg = f"heading must be text, got {heading!r}"
            raise ArgumentTypeError(msg)
        if isinstance(beside, str):
            msg = f"beside must be keys, not one text: got {beside!r}"
            raise ArgumentTypeError(msg)
        normal = heading_key(heading)
        beside = set(beside)
        if within is not None:
            found = self._find_within(normal, within, beside)
            if found is not None:
                return found
        for part, siblings in self._part_headings.get(normal, ()):
            if not beside.isdisjoint(siblings):
                return part
        found = self._by_heading.get(normal)
        if found is None:
            found = self._by_plain.get(plain_key(heading))
        return found

    def _find_within(
        self, normal: str, within: str, beside: set[str]
    ) -> str | None:
        """
        The figure a heading names under the group heading of *within*: the
        count itself, or one of its parts at any depth. A heading that
        names a part only beside its siblings ("Đúng hạn" after "Trước
        hạn") does so here too, or the group alone makes it one ("Quá hạn"
        under "Đang giải quyết").
        """
        if normal in TOTAL_HEADINGS:
            return within
        if within not in self._by_key:
            return None
        inner = self.descendants(within)
        for part, siblings in self._part_headings.get(normal, ()):
            if part in inner and (
                not beside.isdisjoint(siblings)
                or self._by_heading.get(normal) not in inner
            ):
                return part
        found = self._by_heading.get(normal)
        if found in inner:
            return found
        return None

    def descendants(self, key: str) -> tuple[str, ...]:
        """
        Return the counts *key* is made of, at any depth, the nearest first.

        >>> CATALOGUE.descendants("processed")
        ('on_time', 'late', 'early', 'on_due_date')
        """
        found: list[str] = []
        level = list(self.count(key).parts)
        while level:
            found.extend(level)
            level = [p for part in level for p in self.count(part).parts]
        return tuple(found)

    def wholes(self, key: str) -> tuple[str, ...]:
        """
        Return the counts *key* is a part of, directly.

        >>> CATALOGUE.wholes("pending_overdue")
        ('pending', 'due')
        """
        return tuple(c.key for c in self.counts if key in c.parts)

    def share(self, key: str, of: str | None = None) -> Rate:
        """
        Return the rate a bare "Tỷ lệ" column printed after the count *key*
        stands for: *key* as a share of *of* (the count of a group heading
        over both), or of the whole it is most often printed with.

        A catalogue rate is returned where one is *key* over a single
        count; otherwise a rate is made for the column (``<key>_share``).

        >>> CATALOGUE.share("early").key, CATALOGUE.share("late").key
        ('early_share', 'late_rate')
        >>> share = CATALOGUE.share("pending_in_time")
        >>> share.key, share.denominator
        ('pending_in_time_share', ('pending',))
        """
        count = self.count(key)
        if of is not None:
            self.count(of)
        for rate in self.rates:
            if rate.numerator == (key,) and len(rate.denominator) == 1:
                whole = rate.denominator[0]
                if (of is None and key in self.descendants(whole)) or (
                    whole == of
                ):
                    return rate
        if of is None:
            # The outermost whole of its first split: early is a share of
            # processed, not of on_time.
            wholes = self.wholes(key)
            of = wholes[0] if wholes else None
            while of is not None and self.wholes(of):
                outer = self.wholes(of)[0]
                if self.count(outer).timing != self.count(of).timing:
                    break
                of = outer
        if of is None:
            msg = f"{key!r} is no part of any count, so it is no share"
            raise UnknownFigureError(msg)
        return Rate(
            key=f"{key}_share",
            doc=f"{count.heading_en.capitalize()} as a share of "
            f"{self.count(of).heading_en}.",
            headings=(f"Tỷ lệ {count.heading.lower()}",),
            heading_en=f"{count.heading_en} share",
            numerator=(key,),
            denominator=(of,),
        )

    def derive(
        self, counts: Mapping[str, int], *, differences: bool = False
    ) -> dict[str, int]:
        """
        Return *counts* (by key) with what they imply added: a whole whose
        parts are all known is their sum (the printed "Trước hạn" and
        "Đúng hạn" give the dossiers on time), and, with *differences*,
        the one part left unknown of a known whole is the difference
        ("12.970 processed, 102 late" gives 12.868 on time), as a reader
        of a printed report works it out. Counts that contradict each other
        are taken as printed: the audit reports them.

        >>> CATALOGUE.derive({"early": 3, "on_due_date": 4, "late": 1})
        {'early': 3, 'on_due_date': 4, 'late': 1, 'on_time': 7, 'processed': 8}
        >>> CATALOGUE.derive({"processed": 12970, "late": 102},
        ...                  differences=True)["on_time"]
        12868
        """
        result = {k: v for k, v in counts.items() if v is not None}
        changed = True
        while changed:
            changed = False
            for split in self.splits:
                values = [result.get(part) for part in split.parts]
                missing = [
                    p
                    for p, v in zip(split.parts, values, strict=True)
                    if v is None
                ]
                known = sum(v for v in values if v is not None)
                whole = result.get(split.whole)
                if whole is None and not missing:
                    result[split.whole] = known
                    changed = True
                elif (
                    differences
                    and whole is not None
                    and len(missing) == 1
                    and whole >= known
                ):
                    # "12.970 processed, 102 late": 12.868 on time.
                    result[missing[0]] = whole - known
                    changed = True
        return result


def _inner_first(splits: Iterable[Split]) -> tuple[Split, ...]:
    """
    Order splits so that a split comes before any split it is a part of.
    """
    pending = list(splits)
    ordered: list[Split] = []
    while pending:
        wholes = {split.whole for split in pending}
        ready = [s for s in pending if wholes.isdisjoint(s.parts)]
        if not ready:
            msg = f"the splits of {sorted(wholes)} contain each other"
            raise ArgumentError(msg)
        ordered.extend(ready)
        pending = [s for s in pending if s not in ready]
    return tuple(ordered)


# The figures ----------------------------------------------------------------
#
# Sources of the definitions: ../docs/explanation/figures.md lists them,
# generated from the entries below. Counts are in the order of
# hcc_report.Counts, which follows the columns of Biểu 06/VPCP/KSTT.

#: Every figure the library knows, the counts first, then the rates.
FIGURES: tuple[Figure, ...] = (
    Count(
        key="received",
        doc="Dossiers newly received in the period (hồ sơ tiếp nhận).",
        headings=(
            "Đã tiếp nhận",
            "Tiếp nhận",
            "Hồ sơ tiếp nhận",
            "Số hồ sơ tiếp nhận",
            "Mới tiếp nhận",
            "Tiếp nhận mới",
            "Số mới tiếp nhận",
        ),
        heading_en=N_("received"),
        parts=("received_online", "received_offline"),
    ),
    Count(
        key="received_online",
        doc="Of the dossiers received, those received online "
        "(tiếp nhận trực tuyến).",
        headings=("Trực tuyến", "Tiếp nhận trực tuyến", "Hồ sơ trực tuyến"),
        heading_en=N_("online"),
    ),
    Count(
        key="received_offline",
        doc="Of the dossiers received, those received in person or by post "
        "(trực tiếp, dịch vụ bưu chính), one column of Biểu 06/VPCP/KSTT.",
        headings=(
            "Trực tiếp và bưu chính",
            "Trực tiếp, dịch vụ bưu chính",
            "Trực tiếp, bưu chính",
            "Trực tiếp và qua dịch vụ bưu chính",
            "Trực tiếp và dịch vụ bưu chính",
        ),
        heading_en=N_("in person or by post"),
        parts=("received_in_person", "received_postal"),
    ),
    Count(
        key="received_in_person",
        doc="Of the dossiers received, those received in person "
        "(tiếp nhận trực tiếp).",
        headings=("Trực tiếp", "Tiếp nhận trực tiếp"),
        heading_en=N_("in person"),
    ),
    Count(
        key="received_postal",
        doc="Of the dossiers received, those received by public postal "
        "service (qua dịch vụ bưu chính công ích).",
        headings=(
            "Bưu chính",
            "Qua bưu chính",
            "Dịch vụ bưu chính",
            "Bưu chính công ích",
        ),
        heading_en=N_("by post"),
    ),
    Count(
        key="carried_over",
        doc="Dossiers carried over from the previous period "
        "(từ kỳ trước chuyển qua).",
        headings=(
            "Kỳ trước chuyển qua",
            "Từ kỳ trước",
            "Kỳ trước chuyển sang",
            "Tồn kỳ trước",
        ),
        heading_en=N_("carried over"),
        timing="opening",
    ),
    Count(
        key="processed",
        doc="Dossiers processed, that is resolved (đã giải quyết, đã xử lý).",
        headings=(
            "Đã xử lý",
            "Đã giải quyết",
            "Số hồ sơ đã giải quyết",
            "Hồ sơ đã giải quyết",
        ),
        heading_en=N_("processed"),
        parts=("on_time", "late"),
    ),
    Count(
        key="early",
        doc="Of the dossiers processed, those processed before the due date "
        "(trước hạn).",
        headings=("Trước hạn", "Sớm hẹn", "Trước hẹn"),
        heading_en=N_("early"),
    ),
    Count(
        key="on_due_date",
        doc="Of the dossiers processed, those processed on the due date "
        "itself (đúng hạn, in the strict sense of Biểu 06).",
        headings=("Đúng ngày hẹn",),
        heading_en=N_("on the due date"),
        part_headings=("Đúng hạn",),
    ),
    Count(
        key="on_time",
        doc="Of the dossiers processed, those processed on time, early ones "
        "included, as reports count them (đúng hạn, đúng hẹn, trả đúng và "
        "sớm hẹn).",
        headings=(
            "Đúng hẹn",
            "Đúng hạn",
            "Trả đúng và sớm hẹn",
            "Đúng và trước hạn",
            "Đúng và sớm hẹn",
            "Trước hạn và đúng hạn",
        ),
        heading_en=N_("on time"),
        parts=("early", "on_due_date"),
    ),
    Count(
        key="late",
        doc="Of the dossiers processed, those processed late (quá hạn, trễ "
        "hạn, trễ hẹn).",
        headings=("Trễ hẹn", "Trễ hạn", "Quá hạn", "Chậm hạn", "Chậm trả"),
        heading_en=N_("late"),
    ),
    Count(
        key="pending",
        doc="Dossiers still being processed at the end of the period "
        "(đang giải quyết).",
        headings=(
            "Đang giải quyết",
            "Đang xử lý",
            "Chưa xử lý",
            "Chưa giải quyết",
            "Tồn",
            "Tồn cuối kỳ",
        ),
        heading_en=N_("pending"),
        parts=("pending_in_time", "pending_overdue"),
        timing="closing",
    ),
    Count(
        key="pending_in_time",
        doc="Of the dossiers pending, those still within their deadline "
        "(trong hạn, chưa đến hạn).",
        headings=("Trong hạn", "Chưa đến hạn", "Đang trong hạn"),
        heading_en=N_("pending in time"),
        timing="closing",
    ),
    Count(
        key="pending_overdue",
        doc="Of the dossiers pending, those past their deadline (quá hạn, "
        "đã quá hạn).",
        headings=("Đang quá hạn", "Đã quá hạn"),
        heading_en=N_("pending overdue"),
        part_headings=("Quá hạn", "Trễ hạn", "Chậm hạn"),
        timing="closing",
    ),
    Count(
        key="withdrawn",
        doc="Dossiers withdrawn by the applicant (công dân rút hồ sơ).",
        headings=("Rút hồ sơ", "Công dân rút hồ sơ", "Xin rút"),
        heading_en=N_("withdrawn"),
    ),
    Count(
        key="returned",
        doc="Dossiers returned to the applicant (hồ sơ trả lại).",
        headings=("Trả lại", "Hồ sơ trả lại", "Trả lại hồ sơ"),
        heading_en=N_("returned"),
    ),
    Count(
        key="returned_or_withdrawn",
        doc="Dossiers returned to the applicant or withdrawn, counted "
        "together as Vĩnh Phúc's reports print them (trả lại và rút hồ sơ).",
        headings=(
            "Trả lại và rút hồ sơ",
            "Trả lại, rút hồ sơ",
            "Trả lại hoặc rút hồ sơ",
        ),
        heading_en=N_("returned or withdrawn"),
        parts=("returned", "withdrawn"),
    ),
    Count(
        key="handled",
        doc="Dossiers to handle in the period, received plus carried over "
        "(số hồ sơ nhận giải quyết, phải giải quyết), the first column of "
        "Biểu 06/VPCP/KSTT and the base of the completion rate.",
        headings=(
            "Số hồ sơ nhận giải quyết",
            "Nhận giải quyết",
            "Tổng số hồ sơ phải giải quyết",
            "Phải giải quyết",
            "Tổng số hồ sơ cần giải quyết",
            "Tiếp nhận và kỳ trước chuyển qua",
        ),
        heading_en=N_("to handle"),
        parts=("received", "carried_over"),
        timing="mixed",
    ),
    Count(
        key="due",
        doc="Dossiers that fell due in the period, processed plus pending "
        "past their deadline (hồ sơ đến hạn giải quyết), Vĩnh Phúc's base "
        "of the on-time rate.",
        headings=(
            "Số hồ sơ đến hạn giải quyết",
            "Đến hạn giải quyết",
            "Đến hạn",
            "Hồ sơ đến hạn",
            "Đã đến hạn",
        ),
        heading_en=N_("due"),
        parts=("processed", "pending_overdue"),
        timing="mixed",
    ),
    Count(
        key="processed_or_pending",
        doc="Dossiers processed or still pending (đã và đang giải quyết), "
        'the "Tổng" column some tables print before those two.',
        headings=(
            "Tổng số hồ sơ đã và đang giải quyết",
            "Đã và đang giải quyết",
            "Đã và đang xử lý",
        ),
        heading_en=N_("processed or pending"),
        parts=("processed", "pending"),
        timing="mixed",
    ),
    Rate(
        key="on_time_rate",
        doc="Dossiers processed on time, early ones included, over those "
        "processed: the seed's 9.705 / 9.725, Lâm Đồng's 98,81 %.",
        headings=(
            "Tỷ lệ đúng hẹn",
            "Tỷ lệ đúng hạn",
            "Tỉ lệ đúng hẹn",
            "Tỉ lệ đúng hạn",
            "Tỷ lệ trả đúng hẹn",
            "Tỷ lệ đúng và trước hạn",
            "Tỷ lệ trước hạn và đúng hạn",
        ),
        heading_en=N_("on-time rate"),
        numerator=("on_time",),
        denominator=("processed",),
        zero="style",
    ),
    Rate(
        key="late_rate",
        doc="Dossiers processed late over those processed (Lâm Đồng "
        "1,19 %, Bến Tre 0,2 %).",
        headings=(
            "Tỷ lệ trễ hẹn",
            "Tỷ lệ trễ hạn",
            "Tỷ lệ quá hạn",
            "Tỉ lệ trễ hẹn",
            "Tỉ lệ trễ hạn",
        ),
        heading_en=N_("late rate"),
        numerator=("late",),
        denominator=("processed",),
        zero="complement",
    ),
    Rate(
        key="online_share",
        doc="Dossiers received online over those received (QĐ 766/QĐ-TTg "
        "indicator 3.3, before its sync factor; the seed's 2.786 / 6.227).",
        headings=(
            "Tỷ lệ trực tuyến",
            "Tỷ lệ hồ sơ trực tuyến",
            "Tỷ lệ tiếp nhận trực tuyến",
        ),
        heading_en=N_("online share"),
        numerator=("received_online",),
        denominator=("received",),
    ),
    Rate(
        key="completion_rate",
        doc="Dossiers processed over those to handle, received plus carried "
        "over (Bến Tre 4.561 / 5.650 = 80,7 %).",
        headings=("Tỷ lệ giải quyết", "Tỷ lệ đã giải quyết"),
        heading_en=N_("completion rate"),
        numerator=("processed",),
        denominator=("handled",),
    ),
    Rate(
        key="early_share",
        doc="Dossiers processed before the due date over those processed "
        "(the Thừa Thiên Huế portal's share of trước hạn).",
        headings=("Tỷ lệ trước hạn", "Tỷ lệ sớm hẹn"),
        heading_en=N_("early share"),
        numerator=("early",),
        denominator=("processed",),
    ),
    Rate(
        key="on_due_share",
        doc="Dossiers processed on the due date itself over those processed "
        "(the Thừa Thiên Huế portal's share of đúng hạn).",
        headings=("Tỷ lệ đúng ngày hẹn",),
        heading_en=N_("on-due-date share"),
        numerator=("on_due_date",),
        denominator=("processed",),
    ),
    Rate(
        key="pending_overdue_share",
        doc="Pending dossiers past their deadline over those pending.",
        headings=("Tỷ lệ đang quá hạn", "Tỷ lệ hồ sơ đang quá hạn"),
        heading_en=N_("pending overdue share"),
        numerator=("pending_overdue",),
        denominator=("pending",),
    ),
    Rate(
        key="on_time_rate_766",
        doc="Dossiers processed on time or pending within their deadline "
        "over those processed or pending: QĐ 766/QĐ-TTg indicator 2.1, "
        "which counts a dossier still in time as good.",
        headings=(
            "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
            "Tỷ lệ xử lý trước hạn, đúng hạn",
        ),
        heading_en=N_("on-time rate (Decision 766)"),
        numerator=("on_time", "pending_in_time"),
        denominator=("processed", "pending"),
    ),
    Rate(
        key="on_time_rate_due",
        doc="Dossiers processed on time over the dossiers that fell due, "
        "processed plus pending past their deadline (Vĩnh Phúc: "
        "4.157 / 4.169 = 99,71 %).",
        headings=(
            "Tỷ lệ đúng hạn trên hồ sơ đến hạn",
            "Tỷ lệ trả đúng hạn trên hồ sơ đến hạn",
        ),
        heading_en=N_("on-time rate of dossiers due"),
        numerator=("on_time",),
        denominator=("due",),
    ),
    Rate(
        key="returned_withdrawn_rate",
        doc="Dossiers returned or withdrawn over the dossiers that fell "
        "due (Vĩnh Phúc: 90 / 4.169 = 2,16 %).",
        headings=("Tỷ lệ trả lại, rút hồ sơ", "Tỷ lệ trả lại và rút hồ sơ"),
        heading_en=N_("returned and withdrawn rate"),
        numerator=("returned_or_withdrawn",),
        denominator=("due",),
    ),
    Rate(
        key="overdue_rate_due",
        doc="Dossiers processed late or pending past their deadline over "
        "the dossiers that fell due: what is overdue, as Vĩnh Phúc reads "
        "it.",
        headings=(
            "Tỷ lệ quá hạn trên hồ sơ đến hạn",
            "Tỷ lệ trễ hạn trên hồ sơ đến hạn",
        ),
        heading_en=N_("overdue rate of dossiers due"),
        numerator=("late", "pending_overdue"),
        denominator=("due",),
    ),
    Rate(
        key="returned_share",
        doc="Dossiers returned to the applicant over the dossiers that fell "
        "due.",
        headings=("Tỷ lệ trả lại", "Tỷ lệ hồ sơ trả lại"),
        heading_en=N_("returned share"),
        numerator=("returned",),
        denominator=("due",),
    ),
    Rate(
        key="withdrawn_share",
        doc="Dossiers withdrawn by the applicant over the dossiers that fell "
        "due.",
        headings=("Tỷ lệ rút hồ sơ", "Tỷ lệ xin rút"),
        heading_en=N_("withdrawn share"),
        numerator=("withdrawn",),
        denominator=("due",),
    ),
)

#: The catalogue every part of the library reads (through the functions
#: below, at the time of each call).
CATALOGUE = Catalogue(FIGURES)


def get(key: str) -> Figure:
    """
    Return the figure with *key*.

    >>> get("online_share").numerator
    ('received_online',)
    >>> get("on_time_rat")
    Traceback (most recent call last):
    ...
    hcc_report.errors.UnknownFigureError: no figure has the key
    'on_time_rat'; did you mean 'on_time_rate' or ...?

    Raises:
        ~hcc_report.errors.UnknownFigureError: No figure has that key.
    """
    return CATALOGUE.get(key)


def count(key: str) -> Count:
    """
    Return the count with *key*.

    >>> count("pending").parts
    ('pending_in_time', 'pending_overdue')
    >>> count("on_time_rate")
    Traceback (most recent call last):
    ...
    hcc_report.errors.UnknownFigureError: 'on_time_rate' is a rate, not a count

    Raises:
        ~hcc_report.errors.UnknownFigureError: No count has that key.
    """
    return CATALOGUE.count(key)


def rate(key: str) -> Rate:
    """
    Return the rate with *key*.

    >>> from hcc_report import figures
    >>> figures.rate("completion_rate").denominator
    ('handled',)

    Raises:
        ~hcc_report.errors.UnknownFigureError: No rate has that key.
    """
    return CATALOGUE.rate(key)


def counts() -> tuple[Count, ...]:
    """
    Return every count, in the order of `hcc_report.Counts`.

    >>> [c.key for c in counts()][:3]
    ['received', 'received_online', 'received_offline']
    """
    return CATALOGUE.counts


def rates() -> tuple[Rate, ...]:
    """
    Return every rate.

    >>> rates()[0].key
    'on_time_rate'
    """
    return CATALOGUE.rates


def splits() -> tuple[Split, ...]:
    """
    Return every split, the inner ones first.

    >>> [split.whole for split in splits()]
    ['received_offline', 'on_time', 'pending', 'returned_or_withdrawn',
     'received', 'processed', 'handled', 'due', 'processed_or_pending']
    """
    return CATALOGUE.splits


def find(
    heading: str, beside: Iterable[str] = (), within: str | None = None
) -> str | None:
    """
    Return the key of the figure a printed *heading* names, or ``None``.

    Headings are compared as `heading_key` writes them; *beside* are the
    keys of the other columns, which decide what "Đúng hạn" or "Quá hạn"
    means in a table of Biểu 06/VPCP/KSTT.

    >>> find("Đúng hạn"), find("Đúng hạn", beside=["early"])
    ('on_time', 'on_due_date')
    >>> find("QUÁ HẠN"), find("Quá hạn", beside=["pending_in_time"])
    ('late', 'pending_overdue')
    >>> find("Quá hạn", within="pending"), find("Tổng số", within="handled")
    ('pending_overdue', 'handled')
    """
    return CATALOGUE.find(heading, beside, within)
