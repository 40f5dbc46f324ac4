"""
Tests for hcc_report.examples: the seed report as a model instance.
"""

from __future__ import annotations

import datetime as dt

from hcc_report import (
    Authority,
    Basis,
    Bullet,
    FiguresParagraph,
    Paragraph,
    Period,
)
from hcc_report.examples import binh_thuan_2023_02


#: The appendix of the published report: name as printed, and its figures.
PUBLISHED_ROWS = [
    ("Ban Quản lý các KCN", 8, 7, 7, 0),
    ("Sở Công thương", 3801, 3807, 3807, 0),
    ("Sở Giáo dục và Đào tạo", 102, 120, 120, 0),
    ("Sở Giao thông vận tải", 1839, 1718, 1718, 0),
    ("Sở Kế hoạch và Đầu tư", 279, 290, 289, 1),
    ("Sở Khoa học Công nghệ", 11, 11, 11, 0),
    ("Sở Nông nghiệp và PTNT", 659, 662, 662, 0),
    ("Sở Tài chính", 55, 61, 61, 0),
    ("Sở Tài nguyên và Môi trường", 197, 191, 172, 19),
    ("Sở Tư pháp", 1620, 1279, 1279, 0),
    ("Sở Thông tin và Truyền thông", 0, 0, 0, 0),
    ("Sở Văn hóa TT&DL", 54, 54, 54, 0),
    ("Sở Xây dựng", 113, 148, 148, 0),
    ("Sở Y tế", 244, 290, 290, 0),
    ("Sở Lao động - TB&XH", 327, 291, 291, 0),
    ("Sở Nội vụ", 145, 164, 164, 0),
    ("Công an tỉnh", 0, 0, 0, 0),
    ("Bảo hiểm Xã hội", 470, 468, 468, 0),
    ("Ủy ban nhân dân tỉnh", 154, 164, 164, 0),
]


def test_header(seed):
    """
    Issuer, number, place, date, title and period are the published ones.
    """
    assert "VĂN PHÒNG UBND TỈNH" == seed.issuer.parent.upper()
    assert "TRUNG TÂM HÀNH CHÍNH CÔNG" == seed.issuer.name.upper()
    assert "04/BC-TTHCC" == str(seed.number)
    assert "Bình Thuận" == seed.place
    assert dt.date(2023, 3, 2) == seed.issued
    assert (
        "Tình hình hoạt động của Trung tâm Hành chính công tháng 02 năm 2023"
        == seed.title
    )
    assert Period.month(2023, 2) == seed.period


def test_figures(seed):
    """
    The month's and the cumulative figures of the body.
    """
    assert (6227, 2786, 5488, 5475, 13) == (
        seed.figures.received,
        seed.figures.received_online,
        seed.figures.processed,
        seed.figures.on_time,
        seed.figures.late,
    )
    assert (10078, 4756, 9725, 9705, 20) == (
        seed.cumulative.received,
        seed.cumulative.received_online,
        seed.cumulative.processed,
        seed.cumulative.on_time,
        seed.cumulative.late,
    )


def test_appendix_rows_in_published_order(seed):
    """
    The 19 agencies, as printed, with their cumulative figures.
    """
    assert Basis.CUMULATIVE == seed.appendix.basis
    assert PUBLISHED_ROWS == [
        (
            row.agency.display_name,
            row.counts.received,
            row.counts.processed,
            row.counts.on_time,
            row.counts.late,
        )
        for row in seed.appendix.rows
    ]


def test_narrative(seed):
    """
    Sections 1 a) to e) and 2, with every paragraph and bullet.
    """
    (results,) = seed.sections
    assert "Kết quả thực hiện nhiệm vụ tháng 02 năm 2023" == results.heading
    assert [
        "Kết quả tiếp nhận và trả kết quả giải quyết thủ tục hành chính",
        "Về phối hợp trong giải quyết hồ sơ thủ tục hành chính",
        "Đánh giá thái độ phục vụ",
        "Một số nhiệm vụ khác",
        "Tình hình vận hành các trang thiết bị và phần mềm "
        "công nghệ thông tin",
        "Tình hình an ninh, trật tự, vệ sinh",
    ] == [sub.heading for sub in results.subsections]
    assert [FiguresParagraph, Paragraph, Paragraph] == [
        type(block) for block in results.subsections[0].blocks
    ]
    assert "46 hồ sơ" in results.subsections[1].blocks[1].text
    assert [Bullet] * 3 == [type(b) for b in results.subsections[3].blocks]
    assert "117.367 lượt" in results.subsections[4].blocks[1].text
    assert "Nhiệm vụ trọng tâm trong tháng 3 năm 2023" == seed.tasks.heading
    assert [Bullet, Paragraph, Bullet, Bullet] == [
        type(block) for block in seed.tasks.blocks
    ]
    assert seed.tasks.blocks[2].text.endswith("vào sáng ngày 09/3/2023.")


def test_recipients_and_signer(seed):
    """
    Nơi nhận, Lưu and the KT. signature.
    """
    assert 8 == len(seed.recipients)
    assert "Chủ tịch, các PCT. UBND tỉnh" == seed.recipients[0]
    assert ("VT", "Tuyền") == seed.archive
    assert Authority.KT == seed.signer.authority
    assert ("Giám đốc", "Phó Giám đốc", "Võ Lý Hoài Vũ") == (
        seed.signer.on_behalf_of,
        seed.signer.title,
        seed.signer.name,
    )


def test_each_call_is_a_fresh_equal_report(seed):
    """
    The example is read from its file each time; reports are values.
    """
    assert seed == binh_thuan_2023_02()
