"""
The report document: who issues it, its number and date, its figures, its
narrative, its appendix table, its recipients and its signer.

The layout of such a report is fixed by Decree 30/2020/NĐ-CP (Appendix I);
the names below follow its components.
"""

from __future__ import annotations

import datetime as dt
import enum

from collections.abc import Iterable
from typing import Any

import attrs

from hcc_report import figures
from hcc_report._checks import (
    MAX_NAME,
    MAX_TEXT,
    Checker,
    as_enum,
    as_tuple,
    nfc,
    nfc_optional,
    nfc_tuple,
)
from hcc_report.errors import ParseError, Problem, ValidationError
from hcc_report.formatting import format_doc_number, parse_doc_number
from hcc_report.model._counts import Counts
from hcc_report.model._period import Period


__all__ = [
    "MAX_NAME",
    "MAX_TEXT",
    "Agency",
    "Appendix",
    "AppendixRow",
    "Authority",
    "Basis",
    "Block",
    "Bullet",
    "DocumentNumber",
    "FiguresParagraph",
    "Issuer",
    "Paragraph",
    "Report",
    "Section",
    "Signer",
]


# Agencies and the appendix table ---------------------------------------------


@attrs.frozen(kw_only=True)
class Agency:
    """
    An agency (cơ quan, đơn vị) whose dossiers the centre receives.

    >>> Agency(name="Sở Văn hóa, Thể thao và Du lịch",
    ...        short_name="Sở Văn hóa TT&DL").display_name
    'Sở Văn hóa TT&DL'
    """

    #: The official name ("Sở Tài nguyên và Môi trường").
    name: str = attrs.field(converter=nfc)
    #: The shorter name tables print, if any ("Sở Nông nghiệp và PTNT").
    short_name: str | None = attrs.field(default=None, converter=nfc_optional)
    #: An identifier in the user's own systems.
    code: str | None = None
    #: The group the agency is totalled in ("Sở, ban, ngành" ...).
    group: str | None = attrs.field(default=None, converter=nfc_optional)
    #: The name English editions print ("Department of Health"), if any.
    name_en: str | None = attrs.field(default=None, converter=nfc_optional)
    #: The group's name in English editions, if any.
    group_en: str | None = attrs.field(default=None, converter=nfc_optional)

    def __attrs_post_init__(self) -> None:
        checker = Checker("Agency")
        checker.text("name", self.name)
        checker.text("short_name", self.short_name, optional=True)
        checker.text("code", self.code, optional=True)
        checker.text("group", self.group, optional=True)
        checker.text("name_en", self.name_en, optional=True)
        checker.text("group_en", self.group_en, optional=True)
        if self.group_en is not None and self.group is None:
            checker.add("group_en", "is given without a group")
        checker.raise_if_any()

    @property
    def display_name(self) -> str:
        """
        The name a table prints, the short name if there is one.
        """
        return self.short_name or self.name


@attrs.frozen(kw_only=True)
class AppendixRow:
    """
    One row of the appendix table: an agency and its counts.
    """

    agency: Agency
    counts: Counts

    def __attrs_post_init__(self) -> None:
        checker = Checker("AppendixRow")
        checker.instance("agency", self.agency, Agency)
        checker.instance("counts", self.counts, Counts)
        checker.raise_if_any()


class Basis(str, enum.Enum):
    """
    What span of time a set of figures covers.
    """

    #: The report's period only (trong kỳ).
    PERIOD = "period"
    #: From 1 January to the end of the period (lũy kế từ đầu năm).
    CUMULATIVE = "cumulative"

    def __str__(self) -> str:
        return self.value


def _basis(value: object) -> Any:
    return as_enum(Basis, value)


def _rows(rows: Iterable[AppendixRow]) -> tuple[AppendixRow, ...]:
    return as_tuple(rows)


@attrs.frozen(kw_only=True)
class Appendix:
    """
    The appendix (phụ lục): a table of figures per row.

    A row is any unit a report counts by, an `Agency` by name: an agency,
    an administrative level ("Cấp huyện"), a field ("Đất đai"). Rows whose
    agency names a group (`Agency.group`) are printed under that group
    with its subtotal; subtotals and the total are computed, never stored.
    """

    #: The title under "Phụ lục" ("Kết quả giải quyết thủ tục hành chính
    #: đến hết tháng 02 năm 2023").
    title: str = attrs.field(converter=nfc)
    #: Whether the rows are the period's figures or cumulative ones; a
    #: `Basis` or its value (``"period"``).
    basis: Basis = attrs.field(default=Basis.CUMULATIVE, converter=_basis)
    #: The rows, in the order they are printed.
    rows: tuple[AppendixRow, ...] = attrs.field(converter=_rows)
    #: The heading of the column of row names ("Tên đơn vị", "Cấp",
    #: "Lĩnh vực").
    row_heading: str = attrs.field(default="Tên đơn vị", converter=nfc)
    #: The title in English editions, if any.
    title_en: str | None = attrs.field(default=None, converter=nfc_optional)
    #: The heading of the column of row names in English editions; the
    #: default heading has its English ("Agency") in the catalogue.
    row_heading_en: str | None = attrs.field(
        default=None, converter=nfc_optional
    )

    def __attrs_post_init__(self) -> None:
        checker = Checker("Appendix")
        checker.text("title", self.title)
        checker.text("row_heading", self.row_heading)
        checker.text("title_en", self.title_en, optional=True)
        checker.text("row_heading_en", self.row_heading_en, optional=True)
        checker.choice("basis", self.basis, Basis)
        if checker.instance("rows", self.rows, tuple):
            if not self.rows:
                checker.add("rows", "must have at least one row")
            checker.items("rows", self.rows, AppendixRow)
            seen: dict[str, int] = {}
            english: dict[str, tuple[str, int]] = {}
            for i, row in enumerate(self.rows):
                if not isinstance(row, AppendixRow):
                    continue
                group, group_en = row.agency.group, row.agency.group_en
                if group is not None and group_en is not None:
                    first = english.setdefault(group, (group_en, i))
                    if first[0] != group_en:
                        checker.add(
                            f"rows[{i}].agency.group_en",
                            f"{group_en!r} differs from {first[0]!r} of "
                            f"rows[{first[1]}], in the same group",
                        )
                name = row.agency.name
                # Spaces do not tell names apart: "Sở Y tế " is "Sở Y tế".
                key = " ".join(name.split()) if isinstance(name, str) else name
                if key in seen:
                    checker.add(
                        f"rows[{i}].agency.name",
                        f"{name!r} is already in rows[{seen[key]}]",
                    )
                seen.setdefault(key, i)
        checker.raise_if_any()


# The document header ---------------------------------------------------------


@attrs.frozen(kw_only=True)
class Issuer:
    """
    The issuing body, printed at the top left of the first page.

    Its names are stored as written in running text; renderers print the
    header lines in upper case as Decree 30 requires.
    """

    #: The issuer's name as the header prints it ("Trung tâm Hành chính công").
    name: str = attrs.field(converter=nfc)
    #: The direct parent body, printed above the name, not bold ("Văn phòng
    #: UBND tỉnh"); free text.
    parent: str | None = attrs.field(default=None, converter=nfc_optional)
    #: The full name used in running text and in the appendix reference
    #: ("của Trung tâm Hành chính công tỉnh Bình Thuận"); defaults to `name`.
    full_name: str | None = attrs.field(default=None, converter=nfc_optional)
    #: The name in English editions ("Public Administration Service
    #: Centre"), if any.
    name_en: str | None = attrs.field(default=None, converter=nfc_optional)
    #: The parent body in English editions, if any.
    parent_en: str | None = attrs.field(default=None, converter=nfc_optional)
    #: The full name in English editions, if any; defaults to `name_en`.
    full_name_en: str | None = attrs.field(
        default=None, converter=nfc_optional
    )

    def __attrs_post_init__(self) -> None:
        checker = Checker("Issuer")
        checker.text("name", self.name)
        checker.text("parent", self.parent, optional=True)
        checker.text("full_name", self.full_name, optional=True)
        for name in ("name_en", "parent_en", "full_name_en"):
            checker.text(name, getattr(self, name), optional=True)
        if self.parent_en is not None and self.parent is None:
            checker.add("parent_en", "is given without a parent")
        checker.raise_if_any()

    @property
    def long_name(self) -> str:
        """
        The full name if given, else the name.
        """
        return self.full_name or self.name

    @property
    def long_name_en(self) -> str | None:
        """
        The full name in English if given, else the English name, if any.
        """
        return self.full_name_en or self.name_en


def _enum_value(value: str) -> str:
    # A DocumentType (a str enum) is stored as its plain text.
    return value.value if isinstance(value, enum.Enum) else value


@attrs.frozen(kw_only=True)
class DocumentNumber:
    """
    A document's number and symbol (số, ký hiệu), such as ``04/BC-TTHCC``.

    The number counts the issuer's documents from 01 on 1 January; numbers
    below 10 are written with a leading zero. The symbol is the document
    type's abbreviation (``BC`` for a báo cáo) and the issuer's, joined by a
    hyphen without spaces (Decree 30/2020, Appendix I, §II.3).

    >>> number = DocumentNumber.parse("04/BC-TTHCC")
    >>> number.number, number.type_code, number.issuer_code
    (4, 'BC', 'TTHCC')
    >>> str(DocumentNumber(number=123, issuer_code="UBND-NCKSTTHC"))
    '123/BC-UBND-NCKSTTHC'
    """

    #: The sequence number within the year, from 1.
    number: int
    #: The issuer's abbreviation, possibly in several groups ("TTHCC").
    issuer_code: str
    #: The document type's abbreviation (Decree 30/2020, Appendix III), a
    #: `~hcc_report.formatting.DocumentType` or its text; stored as text.
    type_code: str = attrs.field(default="BC", converter=_enum_value)

    def __attrs_post_init__(self) -> None:
        try:
            format_doc_number(self.number, self.type_code, self.issuer_code)
        except ValidationError as error:
            raise ValidationError(
                error.problems, subject="DocumentNumber"
            ) from None

    def __str__(self) -> str:
        return format_doc_number(
            self.number, self.type_code, self.issuer_code, label=False
        )

    @classmethod
    def parse(cls, text: str) -> DocumentNumber:
        """
        Read a number and symbol such as ``04/BC-TTHCC`` or ``Số:
        04/BC-TTHCC``.

        Raises:
            ~hcc_report.errors.ValidationError: *text* is not of that form.
        """
        try:
            number, type_code, issuer_code = parse_doc_number(text)
        except ParseError as error:
            raise ValidationError(
                [Problem("", _number_problem(text, error))],
                subject="DocumentNumber",
            ) from None
        return cls(number=number, type_code=type_code, issuer_code=issuer_code)


def _number_problem(text: object, error: ParseError) -> str:
    message = (
        f"must be a number and symbol such as '04/BC-TTHCC', got {text!r}"
    )
    if error.reason:
        message += f" ({error.reason})"
    return message


def _document_number(value: object) -> object:
    """
    A number and symbol given as text ("04/BC-TTHCC") is read; what cannot
    be read is left for the checks.
    """
    if isinstance(value, str):
        try:
            return DocumentNumber.parse(value)
        except ValidationError:
            return value
    return value


def _check_number(checker: Checker, number: object) -> None:
    if isinstance(number, str):
        # Left as text by the converter: it does not read as a number.
        try:
            DocumentNumber.parse(number)
        except ValidationError as error:
            for problem in error.problems:
                checker.add("number", problem.message)
    else:
        checker.instance("number", number, DocumentNumber)


# The signature block ---------------------------------------------------------


class Authority(str, enum.Enum):
    """
    The authority under which a document is signed (Decree 30/2020,
    Appendix I, §II.7), printed before the head's title in upper case.

    Its value is the abbreviation without the dot, as in report files.
    """

    #: On behalf of a collective body (thay mặt).
    TM = "TM"
    #: A deputy signs for the head (ký thay).
    KT = "KT"
    #: An acting head signs (quyền).
    Q = "Q"
    #: Signed by order of the head (thừa lệnh).
    TL = "TL"
    #: Signed under the head's authorisation (thừa ủy quyền).
    TUQ = "TUQ"

    def __str__(self) -> str:
        return self.value

    @property
    def prefix(self) -> str:
        """
        The prefix as printed, such as ``"KT."``.
        """
        return f"{self.value}."

    @classmethod
    def parse(cls, text: str) -> Authority:
        """
        Read an authority as documents and files write it, with or without
        the dot, in any case.

        >>> Authority.parse("KT."), Authority.parse("tm")
        (<Authority.KT: 'KT'>, <Authority.TM: 'TM'>)

        Raises:
            ~hcc_report.errors.ParseError: *text* is none of them.
        """
        names = ", ".join(member.value for member in cls)
        if not isinstance(text, str):
            raise ParseError(text, f"an authority ({names})", "it is not text")
        abbreviation = text.strip().removesuffix(".").upper()
        for member in cls:
            if member.value == abbreviation:
                return member
        raise ParseError(text, f"an authority ({names})")


def _authority(value: object) -> Any:
    if isinstance(value, str):
        try:
            return Authority.parse(value)
        except ParseError:
            pass  # left for the checks
    return value


#: Authorities that sign on behalf of someone named on the first line.
_ON_BEHALF = frozenset(
    {Authority.TM, Authority.KT, Authority.TL, Authority.TUQ}
)


@attrs.frozen(kw_only=True)
class Signer:
    """
    The person who signs the report, and under which authority.

    A deputy signing for the director is ``Signer(authority="KT",
    on_behalf_of="Giám đốc", title="Phó Giám đốc", name=...)``, printed as
    "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC". An acting head is
    ``Signer(authority="Q", title="Giám đốc", ...)``, printed as
    "Q. GIÁM ĐỐC".

    >>> Signer(authority="KT.", on_behalf_of="Giám đốc",
    ...        title="Phó Giám đốc", name="Võ Lý Hoài Vũ").authority
    <Authority.KT: 'KT'>
    """

    #: TM, KT, TL or TUQ (with `on_behalf_of`), Q, or none; an `Authority`
    #: or its abbreviation, with or without the dot ("KT", "KT.").
    authority: Authority | None = attrs.field(
        default=None, converter=_authority
    )
    #: Whom the signer signs for, the head's title or the collective body
    #: ("Giám đốc", "Ủy ban nhân dân").
    on_behalf_of: str | None = attrs.field(
        default=None, converter=nfc_optional
    )
    #: The signer's own position ("Phó Giám đốc").
    title: str = attrs.field(converter=nfc)
    #: The signer's full name ("Võ Lý Hoài Vũ").
    name: str = attrs.field(converter=nfc)
    #: Whom the signer signs for, in English editions ("Director").
    on_behalf_of_en: str | None = attrs.field(
        default=None, converter=nfc_optional
    )
    #: The signer's position in English editions ("Deputy Director").
    title_en: str | None = attrs.field(default=None, converter=nfc_optional)

    def __attrs_post_init__(self) -> None:
        checker = Checker("Signer")
        checker.text("name", self.name)
        checker.text("title", self.title)
        checker.text("on_behalf_of", self.on_behalf_of, optional=True)
        checker.text("title_en", self.title_en, optional=True)
        checker.text("on_behalf_of_en", self.on_behalf_of_en, optional=True)
        if self.on_behalf_of_en is not None and self.on_behalf_of is None:
            checker.add("on_behalf_of_en", "is given without on_behalf_of")
        if (
            self.authority is not None
            and checker.choice("authority", self.authority, Authority)
            and self.authority in _ON_BEHALF
            and self.on_behalf_of is None
        ):
            checker.add(
                "on_behalf_of",
                f"is required when signing as {self.authority.prefix}",
            )
        if (
            self.authority is None or self.authority is Authority.Q
        ) and self.on_behalf_of is not None:
            checker.add(
                "on_behalf_of",
                "is only for TM., KT., TL. or TUQ. signatures, "
                f"got {self.on_behalf_of!r}",
            )
        checker.raise_if_any()


# Narrative -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Paragraph:
    """
    A paragraph of running text.
    """

    text: str = attrs.field(converter=nfc)
    #: The text in English editions, if any.
    text_en: str | None = attrs.field(default=None, converter=nfc_optional)

    def __attrs_post_init__(self) -> None:
        checker = Checker("Paragraph")
        checker.text("text", self.text, limit=MAX_TEXT)
        checker.text("text_en", self.text_en, optional=True, limit=MAX_TEXT)
        checker.raise_if_any()


@attrs.frozen(kw_only=True)
class Bullet:
    """
    An item of a list, printed after a dash ("- Tham gia tập huấn ...").
    """

    text: str = attrs.field(converter=nfc)
    #: The text in English editions, if any.
    text_en: str | None = attrs.field(default=None, converter=nfc_optional)

    def __attrs_post_init__(self) -> None:
        checker = Checker("Bullet")
        checker.text("text", self.text, limit=MAX_TEXT)
        checker.text("text_en", self.text_en, optional=True, limit=MAX_TEXT)
        checker.raise_if_any()


@attrs.frozen(kw_only=True)
class FiguresParagraph:
    """
    The place of the generated paragraph of figures.

    Renderers put there the paragraph that states the period's figures and
    the cumulative ones ("Tổng số lượng hồ sơ tiếp nhận trong tháng là ...").
    It is generated from `Report.figures` and `Report.cumulative`, so it can
    never disagree with them.
    """


#: A piece of a section's content.
Block = Paragraph | Bullet | FiguresParagraph


def _blocks(blocks: Iterable[Block]) -> tuple[Block, ...]:
    return as_tuple(blocks)


def _sections(sections: Iterable[Section]) -> tuple[Section, ...]:
    return as_tuple(sections)


@attrs.frozen(kw_only=True)
class Section:
    """
    A numbered part of the report's body, with a heading.

    Top-level sections are numbered "1.", "2." ...; their subsections are
    lettered "a)", "b)" ... following the Vietnamese alphabet. Subsections
    cannot have subsections of their own.
    """

    heading: str = attrs.field(converter=nfc)
    blocks: tuple[Block, ...] = attrs.field(default=(), converter=_blocks)
    subsections: tuple[Section, ...] = attrs.field(
        default=(), converter=_sections
    )
    #: The heading in English editions, if any.
    heading_en: str | None = attrs.field(default=None, converter=nfc_optional)

    def __attrs_post_init__(self) -> None:
        checker = Checker("Section")
        checker.text("heading", self.heading)
        checker.text("heading_en", self.heading_en, optional=True)
        if checker.instance("blocks", self.blocks, tuple):
            checker.items("blocks", self.blocks, _BLOCK_TYPES)
        if checker.instance("subsections", self.subsections, tuple):
            for i, sub in enumerate(self.subsections):
                if checker.instance(f"subsections[{i}]", sub, Section) and (
                    sub.subsections
                ):
                    checker.add(
                        f"subsections[{i}].subsections",
                        "only two levels of sections are allowed",
                    )
        checker.raise_if_any()


_BLOCK_TYPES = (Paragraph, Bullet, FiguresParagraph)


# The report ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Report:
    """
    A periodic activity report of a public administration service centre.

    It holds what the report says, not how it looks: renderers and styles
    decide that. Figures are counts; every rate is computed from them.

    Besides the checks of each part, a report checks that the period's
    figures do not exceed the cumulative ones, for the figures that add up
    over time (the flows of the figure catalogue), and that the figures
    the body states are the appendix's total where both give one.

    The number may be given as text (``number="04/BC-TTHCC"``), as in
    report files.
    """

    #: The issuing body.
    issuer: Issuer
    #: The number and symbol, a `DocumentNumber` or its text
    #: ("04/BC-TTHCC").
    number: DocumentNumber = attrs.field(converter=_document_number)
    #: The place name before the date ("Bình Thuận").
    place: str = attrs.field(converter=nfc)
    #: The date of issue.
    issued: dt.date
    #: The summary line under "BÁO CÁO" (trích yếu).
    title: str = attrs.field(converter=nfc)
    #: The period reported on.
    period: Period
    #: The period's figures, for all agencies together.
    figures: Counts
    #: Figures from 1 January to the end of the period (lũy kế), if given.
    cumulative: Counts | None = None
    #: Paragraphs before the first section.
    opening: tuple[Block, ...] = attrs.field(default=(), converter=_blocks)
    #: The body's numbered sections.
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_sections
    )
    #: The next period's tasks (nhiệm vụ trọng tâm), numbered after the
    #: sections.
    tasks: Section | None = None
    #: The table of figures per agency, if any.
    appendix: Appendix | None = None
    #: Addressees, after "Kính gửi" when reporting to a higher body.
    addressees: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)
    #: The recipients listed under "Nơi nhận", without dashes or
    #: semicolons.
    recipients: tuple[str, ...] = attrs.field(default=(), converter=nfc_tuple)
    #: Where copies are filed ("Lưu"), the archive (VT) first, then the
    #: drafting unit or person.
    archive: tuple[str, ...] = attrs.field(
        default=("VT",), converter=nfc_tuple
    )
    #: Who signs.
    signer: Signer
    #: The summary line in English editions, if any.
    title_en: str | None = attrs.field(default=None, converter=nfc_optional)
    #: The addressees in English editions, one for each of `addressees`,
    #: or none.
    addressees_en: tuple[str, ...] = attrs.field(
        default=(), converter=nfc_tuple
    )
    #: The recipients in English editions, one for each of `recipients`,
    #: or none.
    recipients_en: tuple[str, ...] = attrs.field(
        default=(), converter=nfc_tuple
    )

    def __attrs_post_init__(self) -> None:
        checker = Checker("Report")
        checker.instance("issuer", self.issuer, Issuer)
        _check_number(checker, self.number)
        checker.text("place", self.place)
        checker.date("issued", self.issued)
        checker.text("title", self.title)
        period_ok = checker.instance("period", self.period, Period)
        figures_ok = checker.instance("figures", self.figures, Counts)
        cumulative = self.cumulative
        if (
            cumulative is not None
            and checker.instance("cumulative", cumulative, Counts)
            and figures_ok
            and period_ok
        ):
            self._check_cumulative(checker, cumulative)
        if (
            self.appendix is not None
            and checker.instance("appendix", self.appendix, Appendix)
            and figures_ok
        ):
            self._check_appendix(checker, self.appendix)
        if checker.instance("opening", self.opening, tuple):
            checker.items("opening", self.opening, _BLOCK_TYPES)
        if checker.instance("sections", self.sections, tuple):
            checker.items("sections", self.sections, Section)
        if self.tasks is not None:
            checker.instance("tasks", self.tasks, Section)
        for name in (
            "addressees",
            "recipients",
            "archive",
            "addressees_en",
            "recipients_en",
        ):
            values = getattr(self, name)
            if checker.instance(name, values, tuple):
                for i, value in enumerate(values):
                    checker.text(f"{name}[{i}]", value)
        self._check_english(checker)
        checker.instance("signer", self.signer, Signer)
        checker.raise_if_any()

    def _check_english(self, checker: Checker) -> None:
        """
        The English texts: one for each text, where they are lists.
        """
        checker.text("title_en", self.title_en, optional=True)
        for name in ("addressees", "recipients"):
            given, english = getattr(self, name), getattr(self, f"{name}_en")
            if (
                isinstance(given, tuple)
                and isinstance(english, tuple)
                and english
                and len(english) != len(given)
            ):
                checker.add(
                    f"{name}_en",
                    f"must have one for each of the {len(given)} {name}, "
                    f"got {len(english)}",
                )

    def _check_appendix(self, checker: Checker, appendix: Appendix) -> None:
        """
        The body's figures are the appendix's total where both give one.
        """
        if appendix.basis is Basis.CUMULATIVE:
            name, stated = "cumulative", self.cumulative
        else:
            name, stated = "figures", self.figures
        if not isinstance(stated, Counts):
            return
        table = Counts.sum(row.counts for row in appendix.rows)
        for field, value in stated.known().items():
            expected = getattr(table, field)
            if expected is not None and value != expected:
                checker.add(
                    f"{name}.{field}",
                    f"must equal the appendix's total {expected}, got {value}",
                )

    def _check_cumulative(self, checker: Checker, cumulative: Counts) -> None:
        if self.period.start.year != self.period.end.year:
            return  # the period reaches into another year
        if self.period.is_year_to_date:
            self._check_from_new_year(checker, cumulative)
            return
        for count in figures.counts():
            if count.timing != "flow":
                continue
            name = count.key
            part = getattr(self.figures, name)
            whole = getattr(cumulative, name)
            if part is not None and whole is not None and part > whole:
                checker.add(
                    f"cumulative.{name}",
                    f"must be at least the period's {name} = {part}, "
                    f"got {whole}",
                )

    def _check_from_new_year(
        self, checker: Checker, cumulative: Counts
    ) -> None:
        """
        A period from 1 January (January, a first half, the first 9
        months, a year) is its own cumulative span: the figures are the
        same.
        """
        for count in figures.counts():
            name = count.key
            part = getattr(self.figures, name)
            whole = getattr(cumulative, name)
            if part is not None and whole is not None and part != whole:
                checker.add(
                    f"cumulative.{name}",
                    "must equal the period's, which starts on 1 January: "
                    f"{name} = {part}, got {whole}",
                )
