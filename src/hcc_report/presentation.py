"""
The presentation step: a report and a style become the strings a document
shows.

Every renderer reads the same `ReportView`, so text, Markdown, HTML, JSON
(and later DOCX and XLSX) can never disagree on a figure: each figure is
computed and written once, here. Cells keep the figure beside its text for
outputs that need numbers (a spreadsheet, JSON).

The paragraph of figures (section 1 a) of the seed) and the appendix table
are generated from the counts; nothing here is stored text.

A report is presented in one language, *lang* (`hcc_report.languages`):
the labels come from the message catalogue, numbers and dates are in the
language's notation, and the report's own texts are taken in English
where the report gives them (``title_en``, ``name_en`` ...) for any
language but Vietnamese. `ReportView.untranslated` names the texts that
had no English version and were printed as written.

Whoever renders can show the notes of the editions made
(`ReportView.notes`), as the command line does on standard error: they
are collected by `collect_notes`, and every presentation in a language but
Vietnamese logs them at the ``INFO`` level on the logger
``hcc_report.presentation``.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import operator

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType

import attrs

from hcc_report import figures
from hcc_report._checks import check_type, check_whole
from hcc_report.calculation import total
from hcc_report.errors import ArgumentError
from hcc_report.formatting import (
    format_date,
    format_doc_number,
    format_number,
    format_percent,
    format_period,
    format_period_end,
    format_place_date,
)
from hcc_report.languages import (
    N_,
    NP_,
    check_lang,
    fallback_note,
    has_message,
    is_vietnamese,
    translations,
)
from hcc_report.model import (
    Agency,
    Appendix,
    AppendixRow,
    Authority,
    Basis,
    Block,
    Bullet,
    Counts,
    FiguresParagraph,
    Paragraph,
    Period,
    PeriodKind,
    Report,
    Signer,
)
from hcc_report.published import (
    PublishedFigures,
    PublishedReport,
    PublishedRow,
    PublishedTable,
)
from hcc_report.rounding import rate_with
from hcc_report.styles import STYLES, Style, get_style


__all__ = [
    "AppendixRowView",
    "AppendixView",
    "Cell",
    "ColumnGroupView",
    "FiguresView",
    "HeaderView",
    "Line",
    "ReportView",
    "SectionView",
    "SignatureView",
    "collect_notes",
    "edition_notes",
    "figures_presenter",
    "groups_in_order",
    "present",
    "present_figures",
    "printed_figures",
    "roman",
    "row_number",
]

#: The national title and motto (Quốc hiệu, Tiêu ngữ), Decree 30/2020, as
#: messages of the catalogue.
NATION = N_("SOCIALIST REPUBLIC OF VIET NAM")
MOTTO = N_("Independence - Freedom - Happiness")
#: The type name of a report (tên loại văn bản), a message.
TYPE_NAME = NP_("document type", "REPORT")
#: The letters of points (điểm), in the Vietnamese alphabet: no f, j, w, z.
POINT_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")
#: The letters of points in other languages.
LATIN_LETTERS = tuple("abcdefghijklmnopqrstuvwxyz")
#: The authorities' prefixes, as messages (Vietnamese "KT.", English
#: "p.p.").
AUTHORITY_PREFIXES = {
    Authority.TM: NP_("authority", "ON BEHALF OF THE"),
    Authority.KT: NP_("authority", "p.p."),
    Authority.Q: NP_("authority", "ACTING"),
    Authority.TL: NP_("authority", "BY ORDER OF THE"),
    Authority.TUQ: NP_("authority", "BY AUTHORISATION OF THE"),
}


@attrs.frozen
class Cell:
    """
    A figure as shown, with the figure itself (``None`` when unknown) and
    what it is (its key in the figure catalogue, such as ``"received"`` or
    ``"on_time_rate"``).
    """

    text: str
    value: int | Decimal | None = None
    field: str | None = None


@attrs.frozen
class Line:
    """
    A paragraph (``kind == "paragraph"``) or a list item (``"bullet"``).

    A bullet's text is written after a dash by the renderers.
    """

    kind: str
    text: str


@attrs.frozen
class SectionView:
    """
    A numbered section ("1.") or a lettered point ("a)") with its content.
    """

    label: str
    heading: str
    lines: tuple[Line, ...] = ()
    subsections: tuple[SectionView, ...] = ()


@attrs.frozen
class HeaderView:
    """
    The header of the first page: issuer on the left, nation on the right.
    """

    #: The parent body, in upper case, or ``None``.
    parent: str | None
    #: The issuer, in upper case.
    issuer: str
    #: The national title (Quốc hiệu).
    nation: str
    #: The motto (Tiêu ngữ).
    motto: str
    #: The number and symbol, such as ``Số: 04/BC-TTHCC``.
    number: str
    #: The place and date, such as ``Bình Thuận, ngày 02 tháng 3 năm 2023``.
    place_date: str


@attrs.frozen
class SignatureView:
    """
    The signature block: authority and titles in upper case, then the name.
    """

    titles: tuple[str, ...]
    name: str


#: Marks a field that outputs of data (the ``json`` renderer) leave out
#: while it has its default, so that a table of one kind of row and one
#: heading over its columns is written as it always was.
OMIT_DEFAULT = {"omit_default": True}


@attrs.frozen
class AppendixRowView:
    """
    One row of the appendix table as shown.
    """

    number: str
    name: str
    cells: tuple[Cell, ...]
    #: ``"row"``; ``"group"`` for a group's own line, its cells its
    #: subtotal when the style prints subtotals first (else empty);
    #: ``"subtotal"`` for the line "Cộng" after a group's rows.
    kind: str = attrs.field(default="row", metadata=OMIT_DEFAULT)
    #: The group the row is printed under, if any (a group's own line and
    #: subtotal are in it too).
    group: str | None = attrs.field(default=None, metadata=OMIT_DEFAULT)


@attrs.frozen
class ColumnGroupView:
    """
    A heading over a run of the figure columns: it spans *span* columns
    from the column at *start* (from 0).
    """

    heading: str
    start: int
    span: int


@attrs.frozen
class AppendixView:
    """
    The appendix: its label, title, reference line and table.
    """

    label: str
    title: str
    reference: str
    number_heading: str
    name_heading: str
    #: The heading over the figure columns ("Lũy kế từ năm 2023").
    group_heading: str
    #: The headings of the figure columns.
    columns: tuple[str, ...]
    #: The rows in print order, groups' lines and subtotals among them.
    rows: tuple[AppendixRowView, ...]
    total: AppendixRowView
    #: Headings over runs of the columns (Biểu 06's two-level headings);
    #: empty when *group_heading* is the one heading over them all.
    column_groups: tuple[ColumnGroupView, ...] = attrs.field(
        default=(), metadata=OMIT_DEFAULT
    )
    #: Whether the total row is printed before the rows.
    total_first: bool = attrs.field(default=False, metadata=OMIT_DEFAULT)


@attrs.frozen
class ReportView:
    """
    Everything a report shows, as strings, in reading order.
    """

    style: Style
    header: HeaderView
    type_name: str
    title: str
    #: The label before the addressees, "Kính gửi" and its colon.
    addressees_label: str
    #: The lines after "Kính gửi", empty when there is no addressee.
    addressees: tuple[str, ...]
    opening: tuple[Line, ...]
    #: The numbered sections, the next period's tasks last.
    sections: tuple[SectionView, ...]
    recipients_label: str
    #: The recipient lines, each after a dash, then where copies are filed.
    recipients: tuple[str, ...]
    signature: SignatureView
    appendix: AppendixView | None
    #: The language of the view's words.
    lang: str = attrs.field(default="vi", metadata=OMIT_DEFAULT)
    #: The report's texts that have no version in *lang* and are printed
    #: as written, by their field (``"title_en"``, ``"sections[0].
    #: heading_en"``; ``"appendix.rows[].name_en"`` for any rows), and the
    #: style's labels the catalogue does not have (``"style.total_name"``).
    untranslated: tuple[str, ...] = attrs.field(
        default=(), metadata=OMIT_DEFAULT
    )

    @property
    def notes(self) -> tuple[str, ...]:
        """
        The notes a reader of this edition should see, in its language.

        They say that its language has no catalogue, and which texts had
        no version in it (see `edition_notes`).
        """
        return edition_notes(self.lang, self.untranslated)


def edition_notes(lang: str, untranslated: Sequence[str]) -> tuple[str, ...]:
    """
    Return the notes on an edition in *lang* with the texts *untranslated*
    (see `ReportView.untranslated`), in *lang*'s words.

    >>> edition_notes("en", ["title_en", "appendix.rows[].name_en"])
    ('no English version of 2 texts, printed as written: title_en,
    appendix.rows[].name_en',)
    >>> edition_notes("vi", [])
    ()
    """
    notes = []
    fallback = fallback_note(lang)
    if fallback is not None:
        notes.append(fallback)
    if untranslated:
        words = translations(lang)
        notes.append(
            words.ngettext(
                "no English version of {count} text, printed as written: "
                "{texts}",
                "no English version of {count} texts, printed as written: "
                "{texts}",
                len(untranslated),
            ).format(count=len(untranslated), texts=", ".join(untranslated))
        )
    return tuple(notes)


@functools.lru_cache(maxsize=1)
def _vietnamese_labels() -> dict[tuple[str, str], str]:
    """
    The presets' labels by their Vietnamese words and context, for a style
    that writes them in Vietnamese; words that stand for two labels ("Quá
    hạn": late, overdue) are left out.
    """
    vi = translations("vi")
    found: dict[tuple[str, str], str | None] = {}
    for style in STYLES.values():
        labels = [
            ("appendix", style.appendix_label),
            ("appendix", style.appendix_reference),
            ("table", style.total_name),
            *(("column", text) for text in style.column_headings.values()),
            *(("column", group.heading) for group in style.column_groups),
        ]
        for context, message in labels:
            key = (context, vi.pgettext(context, message))
            # Words of two labels stand for neither: no telling which.
            same = found.get(key, message) == message
            found[key] = message if same else None
    return {key: text for key, text in found.items() if text is not None}


class _Words:
    """
    The words of one edition: the catalogue's, and the report's own texts
    in its language, noting those that have no version in it.
    """

    def __init__(self, lang: str) -> None:
        self.lang = check_lang(lang)
        self.vietnamese = is_vietnamese(self.lang)
        self.catalogue = translations(self.lang)
        self.gettext = self.catalogue.gettext
        self.pgettext = self.catalogue.pgettext
        self.ngettext = self.catalogue.ngettext
        self.missing: dict[str, None] = {}

    def text(self, vietnamese: str, english: str | None, where: str) -> str:
        """
        The report's text *vietnamese* in this edition: *english* for any
        language but Vietnamese, noted under *where* when there is none.
        """
        if self.vietnamese:
            return vietnamese
        if english is None:
            self.missing[where] = None
            return vietnamese
        return english

    def label(self, context: str, label: str, where: str) -> str:
        """
        A style's *label* in this edition: a message of the catalogue, or
        a preset's label written in Vietnamese (a style file's "Tổng
        cộng"); as written otherwise, noted under *where* but in
        Vietnamese.
        """
        if self.vietnamese or has_message(self.lang, label, context):
            return self.pgettext(context, label)
        message = _vietnamese_labels().get((context, label))
        if message is None:
            self.missing[where] = None
            return label
        return self.pgettext(context, message)

    def number(self, value: int) -> str:
        return format_number(value, lang=self.lang)

    def dossiers(self, value: int) -> str:
        """
        A number of dossiers: "6.227 hồ sơ", "6,227 dossiers".
        """
        return self.ngettext(
            "{count} dossier", "{count} dossiers", value
        ).format(count=self.number(value))


@attrs.frozen
class FiguresView:
    """
    A set of figures as a style shows it: the known counts, and the rates
    the style gives with every set of figures (`Style.rates
    <hcc_report.styles.Style.rates>`).
    """

    #: The known counts, by key.
    counts: Mapping[str, int]
    #: The rates, by key, in the style's order.
    rates: Mapping[str, Cell]


# Figures -------------------------------------------------------------------


def _rate_cell(counts: Counts, key: str, style: Style) -> Cell:
    """
    A rate of *counts* as *style* shows it.

    >>> from hcc_report import Counts
    >>> from hcc_report.styles import BINH_THUAN
    >>> nothing = Counts(processed=0, on_time=0, late=0)
    >>> _rate_cell(nothing, "on_time_rate", BINH_THUAN).text
    '100.00%'
    >>> _rate_cell(nothing, "late_rate", BINH_THUAN).text
    '0.00%'
    """
    return _rate_maker(key, style, "vi")(counts)


def _cells_of(
    style: Style, *, grouping: bool, lang: str
) -> Callable[[Counts], tuple[Cell, ...]]:
    """
    The cells of *style*'s columns for a row's counts, with what the style
    decides looked up once for all the rows.
    """
    makers: list[Callable[[Counts], Cell]] = []
    for key in style.columns:
        if figures.get(key).kind == "rate":
            makers.append(_rate_maker(key, style, lang))
        else:
            makers.append(
                _count_maker(key, style, grouping=grouping, lang=lang)
            )

    def cells(counts: Counts) -> tuple[Cell, ...]:
        return tuple([make(counts) for make in makers])

    return cells


def _rate_maker(key: str, style: Style, lang: str) -> Callable[[Counts], Cell]:
    """
    `_rate_cell` of *key* in *style* and *lang*, for any counts: the
    style's decimal mark in Vietnamese, the language's notation else.
    """
    entry = figures.rate(key)
    numerator = _adder(entry.numerator)
    denominator = _adder(entry.denominator)
    places = style.rate_places
    mark = style.rate_decimal_mark if is_vietnamese(lang) else None
    rate_of = rate_with(
        places=places,
        rounding=style.rounding,
        zero=entry.zero_policy(style.zero),
    )
    unknown = Cell(style.not_applicable, field=key)

    def make(counts: Counts) -> Cell:
        try:
            part, whole = numerator(counts), denominator(counts)
        except TypeError:  # an unknown count
            return unknown
        value = rate_of(part, whole)
        if value is None:
            return unknown
        text = format_percent(
            value, places=places, decimal_mark=mark, lang=lang
        )
        return Cell(text, value, key)

    return make


def _adder(keys: tuple[str, ...]) -> Callable[[Counts], int]:
    """
    The sum of the counts *keys*; a `TypeError` if one is unknown.
    """
    if len(keys) == 1:
        return operator.attrgetter(keys[0])
    terms = operator.attrgetter(*keys)

    def add(counts: Counts) -> int:
        return sum(terms(counts))

    return add


def _count_maker(
    key: str, style: Style, *, grouping: bool, lang: str
) -> Callable[[Counts], Cell]:
    value_of = operator.attrgetter(key)
    unknown = Cell(style.not_applicable, field=key)

    def make(counts: Counts) -> Cell:
        value = value_of(counts)
        if value is None:
            return unknown
        return Cell(
            format_number(value, grouping=grouping, lang=lang), value, key
        )

    return make


def present_figures(
    counts: Counts, style: Style | str = "decree-30", *, lang: str = "vi"
) -> FiguresView:
    """
    Return *counts* as *style* shows them in *lang*, with the style's
    rates.

    >>> from hcc_report import Counts
    >>> view = present_figures(Counts(received=10078, received_online=4756,
    ...                               processed=9725, on_time=9705, late=20))
    >>> [(key, cell.text) for key, cell in view.rates.items()]
    [('on_time_rate', '99,79%'), ('late_rate', '0,21%'),
     ('online_share', '47,19%'), ('completion_rate', '-')]
    >>> present_figures(Counts(processed=9725, on_time=9705, late=20),
    ...                 lang="en").rates["on_time_rate"].text
    '99.79%'

    Raises:
        ~hcc_report.errors.UnknownStyleError: *style* names no preset.
        ~hcc_report.errors.ArgumentError: *lang* is not a language code.
    """
    check_type("counts", counts, Counts)
    return figures_presenter(style, lang=lang)(counts)


def figures_presenter(
    style: Style | str = "decree-30", *, lang: str = "vi"
) -> Callable[[Counts], FiguresView]:
    """
    Return `present_figures` in *style* as a function of the counts alone,
    for many sets of figures: what the style decides is looked up once.

    >>> from hcc_report import Counts
    >>> present = figures_presenter("binh-thuan")
    >>> [present(Counts(processed=n, on_time=n, late=0)).rates["on_time_rate"]
    ...  .text for n in (0, 7)]
    ['100.00%', '100.00%']

    Raises:
        ~hcc_report.errors.UnknownStyleError: *style* names no preset.
    """
    style = get_style(style)
    lang = check_lang(lang)
    makers = {key: _rate_maker(key, style, lang) for key in style.rates}

    def present(counts: Counts) -> FiguresView:
        return FiguresView(
            counts=MappingProxyType(counts.known()),
            rates=MappingProxyType(
                {key: make(counts) for key, make in makers.items()}
            ),
        )

    return present


#: The period as the noun of "trong tháng", "in the month" ..., by kind.
_PERIOD_NOUNS = {
    PeriodKind.MONTH: NP_("period noun", "the month"),
    PeriodKind.QUARTER: NP_("period noun", "the quarter"),
    PeriodKind.HALF: NP_("period noun", "the half-year"),
    PeriodKind.FIRST_MONTHS: NP_("period noun", "the first {number} months"),
    PeriodKind.YEAR: NP_("period noun", "the year"),
    PeriodKind.RANGE: NP_("period noun", "the period"),
}


def _period_noun(period: Period, words: _Words) -> str:
    """
    The period as the noun of "trong tháng", "in the month" ...
    """
    noun = words.pgettext("period noun", _PERIOD_NOUNS[period.kind])
    return noun.format(number=period.number)


def _figures_lines(
    opening: str, lead: str, counts: Counts, words: _Words
) -> list[Line]:
    """
    A sentence of received dossiers, then a bullet per known figure.

    *opening* and *lead* are messages with ``{dossiers}``: the sentence's
    start, and, without the received figure, what opens the bullets
    ("Trong tháng").
    """
    gettext = words.gettext
    bullets = [
        gettext(label).format(dossiers=words.dossiers(value))
        for label, value in (
            (
                N_("Dossiers processed and results returned: {dossiers}"),
                counts.processed,
            ),
            (
                N_("Dossiers returned on time or early: {dossiers}"),
                counts.on_time,
            ),
            (N_("Dossiers returned late: {dossiers}"), counts.late),
        )
        if value is not None
    ]
    if counts.received is None:
        if not bullets:
            return []
        sentence = f"{lead}:"
    else:
        sentence = opening.format(dossiers=words.dossiers(counts.received))
        if counts.received_online is not None:
            online = words.dossiers(counts.received_online)
            sentence += gettext(" (including {dossiers} online)").format(
                dossiers=online
            )
        sentence += gettext(". Of these:") if bullets else "."
    lines = [Line("paragraph", sentence)]
    lines.extend(
        Line("bullet", text + (";" if i < len(bullets) - 1 else "."))
        for i, text in enumerate(bullets)
    )
    return lines


def _paragraph_of_figures(report: Report, words: _Words) -> tuple[Line, ...]:
    """
    The paragraph of figures that a `hcc_report.FiguresParagraph` stands
    for.

    It states the period's figures, then the cumulative ones if given
    (unless the period starts on 1 January and they are the same figures),
    in the wording of the seed report.

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> lines = _paragraph_of_figures(binh_thuan_2023_02(), _Words("vi"))
    >>> print(lines[0].text)
    Tổng số lượng hồ sơ tiếp nhận trong tháng là 6.227 hồ sơ (bao gồm 2.786
    hồ sơ trực tuyến). Trong đó:
    >>> print(lines[4].text)
    Lũy kế đến hết tháng 02 năm 2023, tổng số hồ sơ tiếp nhận là 10.078 hồ sơ
    (bao gồm 4.756 hồ sơ trực tuyến). Trong đó:
    >>> english = _paragraph_of_figures(binh_thuan_2023_02(), _Words("en"))
    >>> print(english[4].text)
    From 1 January to the end of February 2023, the centre received 10,078
    dossiers (including 4,756 dossiers online). Of these:
    """
    noun = _period_noun(report.period, words)
    gettext = words.gettext
    lines = _figures_lines(
        gettext("In {period}, the centre received {dossiers}").replace(
            "{period}", noun
        ),
        gettext("In {period}").format(period=noun),
        report.figures,
        words,
    )
    cumulative = report.cumulative
    if cumulative is not None and not _repeats_figures(report, cumulative):
        until = gettext("From 1 January {until}").format(
            until=format_period_end(report.period, lang=words.lang)
        )
        lines += _figures_lines(
            gettext("{until}, the centre received {dossiers}").replace(
                "{until}", until
            ),
            until,
            cumulative,
            words,
        )
    return tuple(lines)


def _repeats_figures(report: Report, cumulative: Counts) -> bool:
    """
    Whether *cumulative* are the period's own figures over the same span:
    a period that starts on 1 January, which states them once.
    """
    return (
        report.period.is_year_to_date
        and cumulative.known() == report.figures.known()
    )


def _states_figures(report: Report) -> bool:
    """
    Whether the body holds the paragraph of figures anywhere.
    """
    blocks = list(report.opening)
    sections = [*report.sections, *([report.tasks] if report.tasks else [])]
    for section in sections:
        blocks.extend(section.blocks)
        for subsection in section.subsections:
            blocks.extend(subsection.blocks)
    return any(isinstance(block, FiguresParagraph) for block in blocks)


# Narrative -----------------------------------------------------------------


def _lines(
    blocks: tuple[Block, ...], report: Report, words: _Words, where: str
) -> list[Line]:
    lines: list[Line] = []
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph | Bullet):
            text = words.text(
                block.text, block.text_en, f"{where}[{i}].text_en"
            )
            kind = "paragraph" if isinstance(block, Paragraph) else "bullet"
            lines.append(Line(kind, text))
        elif isinstance(block, FiguresParagraph):
            lines.extend(_paragraph_of_figures(report, words))
    return lines


def _point_label(index: int, letters: tuple[str, ...] = POINT_LETTERS) -> str:
    # After the last letter they come doubled (aa, bb ...), as long lists
    # do.
    letter = letters[index % len(letters)]
    return letter * (index // len(letters) + 1) + ")"


def _end_mark(text: str) -> str:
    """
    End the body's last line with "./." (Decree 30/2020, Appendix III).
    """
    if text.endswith("./."):
        return text
    if text.endswith((".", "?", "!", "…")):
        return text + "/."
    return text + "./."


def _body(
    report: Report, words: _Words
) -> tuple[tuple[Line, ...], tuple[SectionView, ...]]:
    """
    Return the opening lines and the numbered sections, tasks last.

    The body's last line ends with "./." (Decree 30/2020, Appendix III).
    """
    letters = POINT_LETTERS if words.vietnamese else LATIN_LETTERS
    opening = _lines(report.opening, report, words, "opening")
    # (label, heading, lines, points), points being (label, heading, lines)
    parts: list[tuple[str, str, list[Line], list[tuple[str, str, list[Line]]]]]
    parts = []
    sections = [
        (f"sections[{i}]", section)
        for i, section in enumerate(report.sections)
    ]
    if report.tasks is not None:
        sections.append(("tasks", report.tasks))
    for number, (where, section) in enumerate(sections, start=1):
        heading = words.text(
            section.heading, section.heading_en, f"{where}.heading_en"
        )
        lines = _lines(section.blocks, report, words, f"{where}.blocks")
        points = [
            (
                _point_label(i, letters),
                words.text(
                    sub.heading,
                    sub.heading_en,
                    f"{where}.subsections[{i}].heading_en",
                ),
                _lines(
                    sub.blocks,
                    report,
                    words,
                    f"{where}.subsections[{i}].blocks",
                ),
            )
            for i, sub in enumerate(section.subsections)
        ]
        parts.append((f"{number}.", heading, lines, points))
    in_order = [opening]
    for _, _, lines, points in parts:
        in_order.append(lines)
        in_order.extend(point_lines for _, _, point_lines in points)
    last = next((lines for lines in reversed(in_order) if lines), None)
    if last is not None:
        last[-1] = Line(last[-1].kind, _end_mark(last[-1].text))
    return tuple(opening), tuple(
        SectionView(
            label=label,
            heading=heading,
            lines=tuple(lines),
            subsections=tuple(
                SectionView(
                    label=p_label, heading=p_heading, lines=tuple(p_lines)
                )
                for p_label, p_heading, p_lines in points
            ),
        )
        for label, heading, lines, points in parts
    )


# Parts of the document -----------------------------------------------------


def _header(report: Report, words: _Words) -> HeaderView:
    number = report.number
    issuer = report.issuer
    parent = None
    if issuer.parent is not None:
        parent = words.text(
            issuer.parent, issuer.parent_en, "issuer.parent_en"
        ).upper()
    lang = words.lang
    return HeaderView(
        parent=parent,
        issuer=words.text(
            issuer.name, issuer.name_en, "issuer.name_en"
        ).upper(),
        nation=words.gettext(NATION),
        motto=words.gettext(MOTTO),
        number=format_doc_number(
            number.number, number.type_code, number.issuer_code, lang=lang
        ),
        place_date=format_place_date(report.place, report.issued, lang=lang),
    )


def _signature(signer: Signer, words: _Words) -> SignatureView:
    titles = []
    title = words.text(
        signer.title, signer.title_en, "signer.title_en"
    ).upper()
    if signer.authority is None:
        titles.append(title)
    else:
        prefix = words.pgettext(
            "authority", AUTHORITY_PREFIXES[signer.authority]
        )
        if signer.authority is Authority.Q:
            titles.append(f"{prefix} {title}")
        else:
            assert signer.on_behalf_of is not None  # noqa: S101  (checked)
            head = words.text(
                signer.on_behalf_of,
                signer.on_behalf_of_en,
                "signer.on_behalf_of_en",
            )
            titles.append(f"{prefix} {head.upper()}")
            titles.append(title)
    return SignatureView(titles=tuple(titles), name=signer.name)


def _translated(
    texts: tuple[str, ...], english: tuple[str, ...], name: str, words: _Words
) -> tuple[str, ...]:
    """
    *texts* in this edition, from *english* (one for each, or none).
    """
    if words.vietnamese or not texts:
        return texts
    if not english:
        words.missing[name] = None
        return texts
    return english


def _recipients(
    report: Report, style: Style, words: _Words
) -> tuple[str, ...]:
    recipients = _translated(
        report.recipients, report.recipients_en, "recipients_en", words
    )
    lines = [f"- {recipient};" for recipient in recipients]
    if report.archive:
        places = style.archive_separator.join(report.archive)
        lines.append(
            words.gettext("- Archived: {places}.").format(places=places)
        )
    return tuple(lines)


def _addressees(report: Report, words: _Words) -> tuple[str, ...]:
    names = _translated(
        report.addressees, report.addressees_en, "addressees_en", words
    )
    if len(names) == 1:
        return (f"{names[0]}.",)
    return tuple(
        f"- {name}{'.' if i == len(names) - 1 else ';'}"
        for i, name in enumerate(names)
    )


def _row(
    number: str,
    name: str,
    counts: Counts | None,
    style: Style,
    *,
    grouping: bool,
    lang: str,
    kind: str = "row",
    group: str | None = None,
) -> AppendixRowView:
    if counts is None:  # a group's line that prints no figures
        cells = tuple(Cell("", field=key) for key in style.columns)
    else:
        cells = _cells_of(style, grouping=grouping, lang=lang)(counts)
    return AppendixRowView(
        number=number, name=name, cells=cells, kind=kind, group=group
    )


def _heading(key: str, style: Style, words: _Words) -> str:
    heading = style.column_headings.get(key)
    if heading is not None:
        return words.label("column", heading, f"style.column_headings.{key}")
    figure = figures.get(key)
    return figure.heading_in(words.lang) + (
        " (%)" if figure.kind == "rate" else ""
    )


#: Roman numerals of groups, as tables number them.
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
    (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
    (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(number: int) -> str:
    """
    Return *number* in Roman numerals, as tables number groups of rows.

    >>> roman(1), roman(4), roman(14)
    ('I', 'IV', 'XIV')

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *number* is not an `int`.
        ~hcc_report.errors.ArgumentError: It is less than 1.
    """
    check_whole("number", number)
    if number < 1:
        msg = f"number must be at least 1, got {number}"
        raise ArgumentError(msg)
    text = ""
    for value, letters in _ROMAN:
        while number >= value:
            text += letters
            number -= value
    return text


def groups_in_order(
    rows: tuple[AppendixRow, ...],
) -> dict[str | None, list[AppendixRow]]:
    """
    Return the rows by group, the groups in the order each first appears,
    after the rows in no group (under ``None``): the order a table prints
    them in, so that a row in no group is never read as one of the group
    above it.

    >>> from hcc_report import Agency, AppendixRow, Counts
    >>> rows = [AppendixRow(agency=Agency(name=name, group=group),
    ...                     counts=Counts(received=1))
    ...         for name, group in [("Sở Y tế", "Sở"), ("Huyện A", "Huyện"),
    ...                             ("Sở Tư pháp", "Sở")]]
    >>> {group: [r.agency.name for r in members]
    ...  for group, members in groups_in_order(rows).items()}
    {'Sở': ['Sở Y tế', 'Sở Tư pháp'], 'Huyện': ['Huyện A']}
    """
    groups: dict[str | None, list[AppendixRow]] = {}
    if any(row.agency.group is None for row in rows):
        groups[None] = []  # rows in no group first, before any group's line
    for row in rows:
        groups.setdefault(row.agency.group, []).append(row)
    return groups


def row_number(groups: Sequence[str | None], index: int) -> str:
    """
    Return the number the row at *index* prints under in the appendix,
    given the group of every row (``None`` for a row in no group): its
    place among the rows ("10"), or, in a group, the group's Roman
    numeral and its place in the group ("II.3": the third row under II).
    Error messages name a row with it.

    >>> row_number([None] * 12, 9)
    '10'
    >>> row_number(["Sở", "Huyện", "Sở", None], 2)
    'I.2'
    >>> row_number(["Sở", "Huyện", "Sở", None], 3)
    '1'

    Raises:
        ~hcc_report.errors.ArgumentError: *index* is not a row's.
    """
    check_whole("index", index)
    if not 0 <= index < len(groups):
        msg = f"index must be from 0 to {len(groups) - 1}, got {index}"
        raise ArgumentError(msg)
    group = groups[index]
    place = list(groups[: index + 1]).count(group)
    if group is None:
        return str(place)
    named = [name for name in dict.fromkeys(groups) if name is not None]
    return f"{roman(named.index(group) + 1)}.{place}"


def _agency_names(
    words: _Words, rows: tuple[AppendixRow, ...]
) -> tuple[Callable[[Agency], str], Callable[[Agency], str | None]]:
    """
    The name and the group an agency is printed under in this edition: a
    group's English name is the one its rows give (they agree).
    """
    if words.vietnamese:
        return operator.attrgetter("display_name"), operator.attrgetter(
            "group"
        )

    def name_of(agency: Agency) -> str:
        if agency.name_en is not None:
            return agency.name_en
        words.missing["appendix.rows[].name_en"] = None
        return agency.display_name

    english = {
        row.agency.group: row.agency.group_en
        for row in rows
        if row.agency.group_en is not None
    }

    def group_of(agency: Agency) -> str | None:
        if agency.group is None:
            return None
        name = english.get(agency.group)
        if name is None:
            words.missing["appendix.rows[].group_en"] = None
            return agency.group
        return name

    return name_of, group_of


def _rows(
    rows: tuple[AppendixRow, ...], style: Style, words: _Words
) -> tuple[AppendixRowView, ...]:
    """
    The rows as printed: in their order, or, when rows name their group,
    group by group (in the order each group first appears), each under a
    line of its own numbered I, II ... with its subtotal, its rows
    numbered from 1.
    """
    lang = words.lang
    cells_of = _cells_of(style, grouping=style.group_row_counts, lang=lang)
    name_of, group_of = _agency_names(words, rows)

    def member(number: int, row: AppendixRow) -> AppendixRowView:
        return AppendixRowView(
            number=format_number(
                number, zero_pad=style.pad_row_numbers, lang=lang
            ),
            name=name_of(row.agency),
            cells=cells_of(row.counts),
            kind="row",
            group=group_of(row.agency),
        )

    groups = groups_in_order(rows)
    if list(groups) == [None]:
        return tuple(member(i, row) for i, row in enumerate(rows, start=1))
    shown: list[AppendixRowView] = []
    numbered = 0
    headed = 0  # the groups given a line so far
    for group, members in groups.items():
        if group is None:  # rows in no group, printed as they are
            shown.extend(
                member(numbered + i, row)
                for i, row in enumerate(members, start=1)
            )
            numbered += len(members)
            continue
        subtotal = total(members)
        first = style.subtotals == "first"
        headed += 1
        group_name = group_of(members[0].agency)
        shown.append(
            _row(
                roman(headed),
                group_name or group,
                subtotal if first else None,
                style,
                grouping=True,
                lang=lang,
                kind="group",
                group=group_name,
            )
        )
        shown.extend(member(i, row) for i, row in enumerate(members, start=1))
        if not first:
            shown.append(
                _row(
                    "",
                    words.pgettext("table", "Subtotal"),
                    subtotal,
                    style,
                    grouping=True,
                    lang=lang,
                    kind="subtotal",
                    group=group_name,
                )
            )
    return tuple(shown)


def _column_groups(style: Style, words: _Words) -> tuple[ColumnGroupView, ...]:
    return tuple(
        ColumnGroupView(
            heading=words.label(
                "column", group.heading, f"style.column_groups[{i}].heading"
            ),
            start=style.columns.index(group.columns[0]),
            span=len(group.columns),
        )
        for i, group in enumerate(style.column_groups)
    )


def _appendix(
    appendix: Appendix, report: Report, style: Style, words: _Words
) -> AppendixView:
    lang = words.lang
    year = report.period.end.year
    if appendix.basis is Basis.CUMULATIVE:
        group = words.gettext("Cumulative from 1 January {year}").format(
            year=year
        )
    else:
        named = format_period(report.period, lang=lang)
        group = named[0].upper() + named[1:]
    issuer = report.issuer
    reference = words.gettext(
        "({reference} Report No. {number} dated {date} of {issuer})"
    ).format(
        reference=words.label(
            "appendix", style.appendix_reference, "style.appendix_reference"
        ),
        number=report.number,
        date=format_date(report.issued, lang=lang),
        issuer=words.text(
            issuer.long_name, issuer.long_name_en, "issuer.full_name_en"
        ),
    )
    title = words.text(appendix.title, appendix.title_en, "appendix.title_en")
    row_heading = appendix.row_heading
    if not words.vietnamese:
        if appendix.row_heading_en is not None:
            row_heading = appendix.row_heading_en
        elif row_heading == attrs.fields(Appendix).row_heading.default:
            # The model's default heading: the catalogue has its words.
            row_heading = words.pgettext("table", "Agency")
        else:
            words.missing["appendix.row_heading_en"] = None
    return AppendixView(
        label=words.label(
            "appendix", style.appendix_label, "style.appendix_label"
        ),
        title=title.upper() if style.appendix_title_upper else title,
        reference=reference,
        number_heading=words.pgettext("table", "No."),
        name_heading=row_heading,
        group_heading=group,
        columns=tuple(_heading(key, style, words) for key in style.columns),
        rows=_rows(appendix.rows, style, words),
        total=_row(
            "",
            words.label("table", style.total_name, "style.total_name"),
            total(appendix.rows),
            style,
            grouping=True,
            lang=lang,
        ),
        column_groups=_column_groups(style, words),
        total_first=style.total_first,
    )


def present(
    report: Report, style: Style | str = "decree-30", *, lang: str = "vi"
) -> ReportView:
    """
    Turn a report and a style into every string the document shows, in
    *lang*.

    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> view = present(binh_thuan_2023_02(), "binh-thuan")
    >>> view.header.number, view.header.place_date
    ('Số: 04/BC-TTHCC', 'Bình Thuận, ngày 02 tháng 3 năm 2023')
    >>> [cell.text for cell in view.appendix.total.cells]
    ['10.078', '9.725', '9.705', '20', '99.79%']
    >>> decree = present(binh_thuan_2023_02())
    >>> [cell.text for cell in decree.appendix.total.cells]
    ['10.078', '9.725', '9.705', '20', '99,79%']
    >>> english = present(binh_thuan_2023_02(), lang="en")
    >>> english.header.number, english.header.place_date
    ('No.: 04/BC-TTHCC', 'Bình Thuận, 2 March 2023')
    >>> [cell.text for cell in english.appendix.total.cells]
    ['10,078', '9,725', '9,705', '20', '99.79%']
    >>> english.untranslated[:2]
    ('issuer.parent_en', 'issuer.name_en')

    Raises:
        ~hcc_report.errors.UnknownStyleError: *style* names no preset.
        ~hcc_report.errors.ArgumentError: *lang* is not a language code.
    """
    check_type("report", report, Report)
    style = get_style(style)
    words = _Words(lang)
    header = _header(report, words)
    title = words.text(report.title, report.title_en, "title_en")
    addressees = _addressees(report, words)
    opening, sections = _body(report, words)
    recipients = _recipients(report, style, words)
    signature = _signature(report.signer, words)
    appendix = (
        None
        if report.appendix is None
        else _appendix(report.appendix, report, style, words)
    )
    view = ReportView(
        style=style,
        header=header,
        type_name=words.pgettext("document type", TYPE_NAME),
        title=title,
        addressees_label=words.gettext("To:"),
        addressees=addressees,
        opening=opening,
        sections=sections,
        recipients_label=words.gettext("Recipients:"),
        recipients=recipients,
        signature=signature,
        appendix=appendix,
        lang=words.lang,
        untranslated=tuple(words.missing),
    )
    collectors = _COLLECTORS.get()
    if collectors or not words.vietnamese:
        notes = view.notes
        for collected in collectors:
            collected.append(notes)
        _log_notes(notes)
    return view


def _log_notes(notes: tuple[str, ...]) -> None:
    """
    Log the notes of an edition on the logger of this module, ``INFO``.
    """
    if notes:
        # Imported here: only an edition with notes logs.
        import logging  # noqa: PLC0415

        logger = logging.getLogger(__name__)
        for note in notes:
            logger.info("%s", note)


#: The lists of `collect_notes` open in this thread or task.
_COLLECTORS: contextvars.ContextVar[tuple[list[tuple[str, ...]], ...]] = (
    contextvars.ContextVar("hcc_report.presentation.collectors", default=())
)


@contextlib.contextmanager
def collect_notes() -> Iterator[list[tuple[str, ...]]]:
    """
    Collect the notes of every edition presented within: the list given
    gets each presentation's `ReportView.notes`, in order (an empty tuple
    for an edition without notes).

    >>> from hcc_report import render
    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> with collect_notes() as editions:
    ...     document = render(binh_thuan_2023_02(), "html", lang="en")
    >>> len(editions), editions[0][0][:30]
    (1, 'no English version of 33 texts')

    It collects in the current thread or task only. A document rendered
    in pieces (`hcc_report.renderers.stream`) is presented when its first
    piece is made, which must be within. A renderer that does not call
    `hcc_report.present` leaves the list empty.
    """
    collected: list[tuple[str, ...]] = []
    token = _COLLECTORS.set((*_COLLECTORS.get(), collected))
    try:
        yield collected
    finally:
        _COLLECTORS.reset(token)


# What a rendering prints --------------------------------------------------


def printed_figures(
    report: Report, style: Style | str = "decree-30"
) -> PublishedReport:
    """
    Return the figures a rendering of *report* in *style* prints, as
    published figures for `hcc_report.audit`: every count and rate of the
    appendix as the style prints it, and the body's figures. ``hcc-report
    check`` audits a report file through it before it is sent.

    What hcc_report prints passes the audit without an error.

    >>> from hcc_report import audit
    >>> from hcc_report.examples import binh_thuan_2023_02
    >>> published = printed_figures(binh_thuan_2023_02(), "binh-thuan")
    >>> published.table.total.rates["on_time_rate"]
    '99.79%'
    >>> [f.severity.value for f in audit(published)]
    ['note', 'note']
    """
    view = present(report, style)
    table = None
    if view.appendix is not None and report.appendix is not None:

        def row(shown: AppendixRowView) -> PublishedRow:
            return PublishedRow(
                name=shown.name,
                number=shown.number or None,
                group=shown.group,
                subtotal=shown.kind == "subtotal"
                or (
                    shown.kind == "group" and any(c.text for c in shown.cells)
                ),
                counts={
                    cell.field: cell.value
                    for cell in shown.cells
                    if cell.field is not None
                    and figures.get(cell.field).kind == "count"
                    and isinstance(cell.value, int)
                },
                rates={
                    cell.field: cell.text
                    for cell in shown.cells
                    if cell.field is not None
                    and figures.get(cell.field).kind == "rate"
                },
            )

        rows = [row(shown) for shown in view.appendix.rows]
        table = PublishedTable(
            # A group's line without figures prints no row of its own.
            rows=[
                r
                for r, shown in zip(rows, view.appendix.rows, strict=True)
                if shown.kind != "group" or r.subtotal
            ],
            total=row(view.appendix.total),
            title=view.appendix.title,
            basis=report.appendix.basis,
        )

    # The body's figures, if its paragraph of figures states them (a period
    # from 1 January states the figures of the year so far once).
    period_figures = cumulative_figures = None
    if _states_figures(report):
        period_figures = PublishedFigures(counts=report.figures.known())
        if report.cumulative is not None:
            cumulative = report.cumulative.known()
            cumulative_figures = PublishedFigures(counts=cumulative)

    return PublishedReport(
        table=table,
        period_figures=period_figures,
        cumulative_figures=cumulative_figures,
        period=report.period,
        number=str(report.number),
        issued=report.issued,
    )
