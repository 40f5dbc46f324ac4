"""
Document numbers and symbols: "Số: 04/BC-TTHCC".
"""

from __future__ import annotations

import enum
import re

from hcc_report.errors import ParseError, Problem, ValidationError
from hcc_report.formatting._text import clean
from hcc_report.languages import translations


class DocumentType(str, enum.Enum):
    """
    The abbreviations of administrative document types (Decree 30/2020,
    Appendix III, §I), used as the first part of a document's symbol.

    >>> DocumentType.BAO_CAO.value
    'BC'
    >>> DocumentType("QĐ").name
    'QUYET_DINH'
    """

    NGHI_QUYET = "NQ"  #: Nghị quyết (cá biệt)
    QUYET_DINH = "QĐ"  #: Quyết định (cá biệt)
    CHI_THI = "CT"  #: Chỉ thị
    QUY_CHE = "QC"  #: Quy chế
    QUY_DINH = "QyĐ"  #: Quy định
    THONG_CAO = "TC"  #: Thông cáo
    THONG_BAO = "TB"  #: Thông báo
    HUONG_DAN = "HD"  #: Hướng dẫn
    CHUONG_TRINH = "CTr"  #: Chương trình
    KE_HOACH = "KH"  #: Kế hoạch
    PHUONG_AN = "PA"  #: Phương án
    DE_AN = "ĐA"  #: Đề án
    DU_AN = "DA"  #: Dự án
    BAO_CAO = "BC"  #: Báo cáo
    BIEN_BAN = "BB"  #: Biên bản
    TO_TRINH = "TTr"  #: Tờ trình
    HOP_DONG = "HĐ"  #: Hợp đồng
    CONG_DIEN = "CĐ"  #: Công điện
    BAN_GHI_NHO = "BGN"  #: Bản ghi nhớ
    BAN_THOA_THUAN = "BTT"  #: Bản thỏa thuận
    GIAY_UY_QUYEN = "GUQ"  #: Giấy ủy quyền
    GIAY_MOI = "GM"  #: Giấy mời
    GIAY_GIOI_THIEU = "GGT"  #: Giấy giới thiệu
    GIAY_NGHI_PHEP = "GNP"  #: Giấy nghỉ phép
    PHIEU_GUI = "PG"  #: Phiếu gửi
    PHIEU_CHUYEN = "PC"  #: Phiếu chuyển
    PHIEU_BAO = "PB"  #: Phiếu báo
    BAN_SAO_Y = "SY"  #: Bản sao y
    BAN_TRICH_SAO = "TrS"  #: Bản trích sao
    BAN_SAO_LUC = "SL"  #: Bản sao lục

    def __str__(self) -> str:
        return self.value


#: A type code: a capital, then letters ("BC", "QĐ", "TTr", "QyĐ").
_TYPE_CODE = re.compile(r"[A-ZĐ][A-Za-zĐđ]*")
#: An issuer code: groups joined by hyphens, each a capital or a digit,
#: then letters and digits ("TTHCC", "UBND-NCKSTTHC", "TTg").
_ISSUER_CODE = re.compile(
    r"[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*"
)
_MAX_DIGITS = 9  # no issuer numbers a billion documents in a year
_DOC_NUMBER = re.compile(
    r"(?:số ?: ?)?(?P<number>[0-9]+)/(?P<type>[^-/ ]+)-(?P<issuer>[^/ ]+)",
    re.IGNORECASE,
)


def _problems(
    number: object, type_code: object, issuer_code: object
) -> list[Problem]:
    """
    What is wrong with a number and symbol; nothing when all is right.

    >>> print(_problems(0, "bc", "TTHCC")[0])
    number: must be from 1 to 999999999, got 0
    """
    problems = []
    if isinstance(number, bool) or not isinstance(number, int):
        problems.append(Problem("number", f"must be an int, got {number!r}"))
    elif not 1 <= number < 10**_MAX_DIGITS:
        problems.append(
            Problem(
                "number",
                f"must be from 1 to {10**_MAX_DIGITS - 1}, got {number!r}",
            )
        )
    if not isinstance(type_code, str) or not _TYPE_CODE.fullmatch(type_code):
        problems.append(
            Problem(
                "type_code",
                "must be a capital followed by letters, as the "
                "abbreviations of Decree 30/2020 (BC, QĐ, TTr), got "
                f"{type_code!r}",
            )
        )
    if not isinstance(issuer_code, str) or not _ISSUER_CODE.fullmatch(
        issuer_code
    ):
        problems.append(
            Problem(
                "issuer_code",
                "must be groups of letters and digits, each starting "
                "with a capital or a digit, joined by hyphens without "
                f"spaces, got {issuer_code!r}",
            )
        )
    return problems


def format_doc_number(
    number: int,
    type_code: str,
    issuer_code: str,
    *,
    label: bool = True,
    lang: str = "vi",
) -> str:
    """
    Write a document's number and symbol (Decree 30/2020, Appendix I, §II.3).

    Numbers below 10 get a leading zero; the symbol's parts are joined by
    hyphens without spaces.

    >>> format_doc_number(4, DocumentType.BAO_CAO, "TTHCC")
    'Số: 04/BC-TTHCC'
    >>> format_doc_number(569, "CV", "UBND-NCKSTTHC", label=False)
    '569/CV-UBND-NCKSTTHC'
    >>> format_doc_number(4, DocumentType.BAO_CAO, "TTHCC", lang="en")
    'No.: 04/BC-TTHCC'

    Args:
        number: The sequence number in the year, from 1.
        type_code: A `DocumentType` or its abbreviation.
        issuer_code: The issuer's abbreviation ("TTHCC", "UBND-VP").
        label: Start with "Số: ", as the document's header does.
        lang: The language of the label ("No.: " in English).

    Raises:
        ~hcc_report.errors.ValidationError: A part is not of the form
            above; every problem is named after the argument (it is a
            `ValueError`).
    """
    problems = _problems(number, type_code, issuer_code)
    if problems:
        raise ValidationError(problems, subject="document number")
    text = f"{number:02d}/{type_code!s}-{issuer_code}"
    if not label:
        return text
    return translations(lang).gettext("No.: {number}").format(number=text)


def parse_doc_number(text: str) -> tuple[int, str, str]:
    """
    Read a number and symbol, with or without "Số:"; the inverse of
    `format_doc_number`.

    >>> parse_doc_number("Số: 04/BC-TTHCC")
    (4, 'BC', 'TTHCC')
    >>> parse_doc_number("569/UBND-NCKSTTHC")
    (569, 'UBND', 'NCKSTTHC')

    The first group of the symbol is read as the type (for a công văn,
    which has none, that is the issuer's own code).

    Raises:
        ~hcc_report.errors.ParseError: *text* is not a number and symbol.
    """
    expected = "a number and symbol such as 'Số: 04/BC-TTHCC'"
    if not isinstance(text, str):
        raise ParseError(text, expected, "it is not a string")
    match = _DOC_NUMBER.fullmatch(clean(text))
    if match is None:
        raise ParseError(text, expected)
    if len(match["number"]) > _MAX_DIGITS:
        raise ParseError(text, expected, "the number is too long")
    number, type_code, issuer = (
        int(match["number"]),
        match["type"],
        match["issuer"],
    )
    problems = _problems(number, type_code, issuer)
    if problems:
        raise ParseError(
            text, expected, f"{problems[0].path} {problems[0].message}"
        )
    return number, type_code, issuer
