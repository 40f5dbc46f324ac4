"""
The words of the audit's findings, in Vietnamese and English.

Keys are parts of a report, severities (``severity-error``) and kinds of
finding (``rate``); the names of figures are the figure catalogue's
(`hcc_report.figures`). Sentences are kept whole, one per line, for those
who translate them.
"""

from __future__ import annotations


WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "severity-error": "LỖI",
        "severity-warning": "CẢNH BÁO",
        "severity-note": "GHI CHÚ",
        "table": "Phụ lục",
        "period": "Số liệu trong kỳ",
        "cumulative": "Số liệu lũy kế",
        "row": "dòng",
        "column": "cột",
        "printed": "in",
        "empty": "(trống)",
        "expected": "đúng là",
        "split": "không khớp tổng các phần",
        "total": "dòng tổng cộng khác tổng các dòng",
        "rate": "tỷ lệ khác tỷ lệ tính lại từ số liệu đã in",
        "zero-rate": "tỷ lệ trên 0 hồ sơ, in theo quy ước",
        "rate-not-shown": "tỷ lệ không được in",
        "convention": "các tỷ lệ không cùng cách viết",
        "paragraph": "số liệu trong văn bản khác phụ lục",
        "period-exceeds-cumulative": "số liệu lũy kế nhỏ hơn số liệu trong kỳ",
        "cumulative-sum": "lũy kế kỳ trước cộng trong kỳ khác lũy kế kỳ này",
        "cumulative-decreased": "số liệu lũy kế giảm so với báo cáo trước",
        "not-consecutive": "báo cáo trước không phải của kỳ liền trước",
        "not-compared": "không có số liệu nào so sánh được với báo cáo kỳ trước",
        "previous": "Báo cáo kỳ trước",
        "reason-half-even": "có lẽ do làm tròn về số chẵn thay vì làm tròn lên",
        "reason-truncated": "có lẽ do cắt bớt chữ số thay vì làm tròn",
        "reason-decimal-mark": "về dấu thập phân",
        "reason-decimal-places": "về số chữ số thập phân",
        "reason-new-year": "vì số liệu lũy kế tính lại từ ngày 01 tháng 01",
    },
    "en": {
        "severity-error": "ERROR",
        "severity-warning": "WARNING",
        "severity-note": "NOTE",
        "table": "appendix",
        "period": "period figures",
        "cumulative": "cumulative figures",
        "row": "row",
        "column": "column",
        "printed": "printed",
        "empty": "(empty)",
        "expected": "expected",
        "split": "does not match the sum of its parts",
        "total": "the total row differs from the sum of the rows",
        "rate": "the rate differs from the rate of the printed figures",
        "zero-rate": "a rate over zero dossiers, printed by convention",
        "rate-not-shown": "the rate is not shown",
        "convention": "the rates are not written alike",
        "paragraph": "the body's figure differs from the appendix",
        "period-exceeds-cumulative": "the cumulative figure is below the period's",
        "cumulative-sum": "previous cumulative plus this period is not this cumulative",
        "cumulative-decreased": "the cumulative figure went down since the previous report",
        "not-consecutive": "the previous report is not of the period just before",
        "not-compared": "nothing could be compared with the previous report",
        "previous": "previous report",
        "reason-half-even": "perhaps rounded half to even instead of half up",
        "reason-truncated": "perhaps truncated instead of rounded",
        "reason-decimal-mark": "in their decimal mark",
        "reason-decimal-places": "in their decimal places",
        "reason-new-year": "as cumulative figures restart on 1 January",
    },
}
