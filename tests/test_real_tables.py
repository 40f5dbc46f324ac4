"""
Real published figures of provinces other than Bình Thuận, transcribed as
printed into tests/data/published (each file names its source), and the
findings a careful reader makes of them.

Only one of them is a printed table (Thừa Thiên Huế's portal); the others
state their figures in sentences, level by level or for the whole
province, as news items and portal pages do (the stored copies of the
reports with appendix tables could not be reached). Each finding is
explained where it is asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hcc_report import Severity, audit, describe
from hcc_report.loaders import load_published


DATA = Path(__file__).parent / "data" / "published"


def findings_of(
    name: str,
) -> list[tuple[str, str, str | None, str | None, str, str]]:
    findings = audit(load_published(DATA / name))
    return [
        (
            f.severity.value,
            f.kind.value,
            f.location.row_name,
            f.location.column,
            f.printed,
            f.expected,
        )
        for f in findings
    ]


def test_every_file_names_its_source():
    """
    Each transcription says where it comes from.
    """
    for path in DATA.iterdir():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".csv":
            text = (DATA / "SOURCES.md").read_text(encoding="utf-8")
            assert path.name in text
        assert "https://" in text


def test_thua_thien_hue_portal_table():
    """
    The portal's table of results by service level: two lines of headings,
    a share ("%") after each count under the count's own heading, "Tổng"
    over processed and pending, rates with one decimal and trailing zeros
    dropped ("40%").
    """
    findings = findings_of("thua_thien_hue_portal_by_level.csv")

    # The library says how it read what took judgement: the counts under
    # "Trước hạn", "Đúng hạn" and "Trễ hạn", and their shares, each over
    # the dossiers processed.
    assert [
        ("early", "Trước hạn / Tổng"),
        ("early_share", "Trước hạn / %"),
        ("on_due_date", "Đúng hạn / Tổng"),
        ("on_due_share", "Đúng hạn / %"),
        ("late", "Trễ hạn / Tổng"),
        ("late_rate", "Trễ hạn / %"),
    ] == [(f[3], f[4]) for f in findings if f[1] == "heading"]
    # In every row, early + on the due date + late fall short of the
    # dossiers processed (124.907 + 102.770 + 19.852 = 247.529, not
    # 257.141): the page counts something else as processed and does not
    # say what. Its rates are each count over the dossiers processed, and
    # right: "40%" is 102.770 / 257.141 = 39,97 with its zero dropped.
    # "Tổng" = processed + pending holds in every row.
    assert [
        ("error", "split", "Mức 1, 2", "processed", "257.141", "247.529"),
        ("error", "split", "Mức 3", "processed", "61.827", "59.560"),
        ("error", "split", "Mức 4", "processed", "1.611", "1.608"),
    ] == [f for f in findings if f[0] != "note"]


def test_lam_dong_2020_q1_by_level():
    """
    The province first, then its three levels.
    """
    findings = findings_of("lam_dong_2020_q1_levels.toml")

    assert [
        # The levels' dossiers on time add up to 51.072 + 323.911 +
        # 260.612 = 635.595; the province prints 635.593.
        ("error", "total", "Toàn tỉnh", "on_time", "635.593", "635.595"),
        # And its 635.593 on time and 7.677 late make 643.270, not the
        # 643.272 processed it prints: the same 2 dossiers missing.
        ("error", "split", "Toàn tỉnh", "processed", "643.272", "643.270"),
        # Cấp huyện's late rate has one decimal among rates of two: 5.685 /
        # 329.596 = 1,7248, right as "1,7%" at the decimal it shows.
        ("note", "convention", None, None, "1,7%", ""),
    ] == findings


def test_kon_tum_2023_q1():
    """
    The province's dossiers to handle (received and carried over) and its
    three levels'; online shares over them.
    """
    findings = findings_of("kon_tum_2023_q1.toml")

    assert [
        # 22,33% is 12.516 online over the 56.039 to handle; over the
        # 51.129 received it would be 24,48%. Both readings are given.
        (
            "warning",
            "rate-base",
            None,
            "online_share",
            "22,33%",
            "24,48%",
        ),
        ("note", "heading", None, "online_of_handled", "Tỷ lệ trực tuyến", ""),
        # Cấp huyện: 2.521 / 6.776 = 37,20%, not 37,76%.
        (
            "error",
            "rate",
            "Cấp huyện",
            "online_of_handled",
            "37,76%",
            "37,20%",
        ),
        # Cấp xã: 3.399 / 26.030 = 13,058%: 13,06% half up; 13,05% cuts it.
        ("error", "rate", "Cấp xã", "online_of_handled", "13,05%", "13,06%"),
    ] == findings
    audited = audit(load_published(DATA / "kon_tum_2023_q1.toml"))
    assert "truncated" == audited[-1].reason
    # A declared rate is named by the heading it was printed under.
    assert "cột Tỷ lệ trực tuyến:" in describe(audited[-1])
    assert "(12,516 / 56,039), not over received (12,516 / 51,129)" in (
        describe(audited[0], "en")
    )


def test_vinh_phuc_2021_08_is_right():
    """
    Every rate over the dossiers due (19.944 = 19.255 on time + 689 overdue
    pending), including the share of returned and withdrawn ones and a
    rate the catalogue lacks, declared: all right.
    """
    assert [] == findings_of("vinh_phuc_2021_08.toml")


def test_thai_binh_2021():
    """
    Every column of Biểu 06 stated in sentences.
    """
    findings = findings_of("thai_binh_2021.toml")

    # The year's figures add up, and 99,86% is early and on-due together,
    # 1.137.773, over 1.139.324 processed. The dossiers of the one-stop
    # mechanism do not: 984.856 on time + 1.842 late + 9.319 pending =
    # 996.017, where 996.023 are printed.
    assert [
        (
            "error",
            "split",
            "Cơ chế một cửa, một cửa liên thông",
            "processed_or_pending",
            "996.023",
            "996.017",
        )
    ] == findings


def test_phu_giao_2025_q3_english():
    """
    An English edition: "13,188", "99.2%".
    """
    findings = findings_of("phu_giao_2025_q3_en.toml")

    # 12.970 processed, 102 late: 12.868 on time, 99,2%: right. The
    # commune level's 2.602 of 2.760 are 94,3%, not the 96.2% printed.
    assert [
        (
            "error",
            "rate",
            "Records under the authority of the commune level",
            "on_time_rate",
            "96.2%",
            "94.3%",
        )
    ] == findings
    (finding,) = audit(load_published(DATA / "phu_giao_2025_q3_en.toml"))
    assert "(2,602 / 2,760)" in describe(finding, "en")


def test_phu_tho_2022_08_english():
    """
    The headline figure: 302,877 of 310,840 are 97.4%, not 98.7%.
    """
    assert [
        ("error", "rate", None, "on_time_rate", "98.7%", "97.4%")
    ] == findings_of("phu_tho_2022_08_en.toml")


@pytest.mark.parametrize(
    "path",
    sorted(p for p in DATA.iterdir() if p.suffix in {".csv", ".toml"}),
    ids=lambda p: p.name,
)
def test_findings_are_written_in_both_languages(path):
    """
    Every finding of every file can be read in Vietnamese and English.
    """
    for finding in audit(load_published(path)):
        for lang in ("vi", "en"):
            assert describe(finding, lang)
        assert finding.severity in Severity
