"""
Arbitrary text and bytes given to every parser and loader: report files,
published figures in each format, style files, user templates, records.
Only the library's errors come out (`hcc_report.errors.HccReportError`),
and each says what is wrong in a message of bounded length.
"""

from __future__ import annotations

import json
import tempfile

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcc_report import (
    Authority,
    DocumentNumber,
    Period,
    dumps_report,
    load_published,
    load_report,
    load_style,
    loads_published,
    loads_report,
    render,
)
from hcc_report.errors import HccReportError, ValidationError
from hcc_report.examples import binh_thuan_2023_02
from hcc_report.formatting import (
    parse_date,
    parse_doc_number,
    parse_number,
    parse_percent,
    parse_period,
    parse_place_date,
    parse_short_date,
)


#: The longest message of one problem, or of an error that lists none. A
#: long value is quoted by its first 60 characters and its length; the
#: longest message names the figure catalogue's keys (about 530).
MAX_MESSAGE = 700

#: Text with what breaks parsers: separators, quotes, brackets, digits,
#: Vietnamese letters, controls, invisible characters, long runs.
TEXTS = st.text() | st.lists(
    st.sampled_from(
        [
            *"0123456789.,;:-+%/\"'[]{}=\n\r\t #_",
            *("ngày", "tháng", "năm", "Quý", "đ", "\u200b", "\x00", "\ufffe"),
        ]
    ),
    max_size=100,
).map("".join)
BYTES = st.binary() | TEXTS.map(lambda text: text.encode("utf-8"))


def assert_bounded(error: HccReportError) -> None:
    """
    The error's message, or each of its problems', is of bounded length.
    """
    if isinstance(error, ValidationError):
        assert error.problems
        for problem in error.problems:
            assert len(str(problem)) <= MAX_MESSAGE, str(problem)
        assert len(str(error)) <= (MAX_MESSAGE + 2) * (len(error.problems) + 1)
    else:
        assert len(str(error)) <= MAX_MESSAGE, str(error)


def only_library_errors(function: Callable[..., Any], *args: Any) -> None:
    """
    Call *function*; it returns, or raises one of the library's errors of
    bounded length.
    """
    try:
        function(*args)
    except HccReportError as error:
        assert_bounded(error)


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    # One folder for the module: Hypothesis runs many examples per test.
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


class TestParsers:
    @pytest.mark.parametrize(
        "parse",
        [
            parse_number,
            parse_percent,
            parse_date,
            parse_short_date,
            parse_place_date,
            parse_period,
            parse_doc_number,
            Period.parse,
            DocumentNumber.parse,
            Authority.parse,
        ],
    )
    @given(text=TEXTS)
    def test_any_text(self, parse: Callable[[str], object], text: str) -> None:
        only_library_errors(parse, text)

    @given(text=st.text(min_size=1000, max_size=5000))
    def test_long_text_is_quoted_briefly(self, text: str) -> None:
        only_library_errors(parse_number, text)


class TestReportFiles:
    @pytest.mark.parametrize("fmt", ["toml", "json"])
    @given(text=TEXTS)
    def test_any_text(self, fmt: str, text: str) -> None:
        only_library_errors(loads_report, text, fmt)

    @pytest.mark.parametrize("suffix", [".toml", ".json"])
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=BYTES)
    def test_any_bytes(self, folder: Path, suffix: str, data: bytes) -> None:
        path = folder / f"report{suffix}"
        path.write_bytes(data)

        only_library_errors(load_report, path)

    @settings(max_examples=200)
    @given(data=st.data())
    def test_the_example_with_any_value_anywhere(self, data: Any) -> None:
        """
        The example's JSON with one value, anywhere in it, replaced by any
        JSON value: the deep parts of the reader are reached too.
        """
        document = json.loads(dumps_report(binh_thuan_2023_02(), "json"))
        path = data.draw(st.sampled_from(list(paths(document))))
        replace(document, path, data.draw(JSON_VALUES))

        only_library_errors(loads_report, json.dumps(document), "json")


class TestPublishedFigures:
    @pytest.mark.parametrize("fmt", ["toml", "json", "csv"])
    @given(text=TEXTS)
    def test_any_text(self, fmt: str, text: str) -> None:
        only_library_errors(loads_published, text, fmt)

    @given(
        rows=st.lists(
            st.lists(TEXTS.filter(lambda t: "\n" not in t), max_size=8),
            max_size=6,
        )
    )
    def test_any_table(self, rows: list[list[str]]) -> None:
        """
        A CSV with the real headings and any cells.
        """
        head = "Stt;Tên đơn vị;Đã tiếp nhận;Đã giải quyết;Đúng hạn;Trễ hạn\n"
        text = head + "".join(";".join(row) + "\n" for row in rows)

        only_library_errors(loads_published, text, "csv")

    @pytest.mark.parametrize("suffix", [".toml", ".json", ".csv"])
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=BYTES)
    def test_any_bytes(self, folder: Path, suffix: str, data: bytes) -> None:
        path = folder / f"published{suffix}"
        path.write_bytes(data)

        only_library_errors(load_published, path)


class TestStyleFiles:
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=BYTES)
    def test_any_bytes(self, folder: Path, data: bytes) -> None:
        path = folder / "style.toml"
        path.write_bytes(data)

        only_library_errors(load_style, path)

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        fields=st.dictionaries(
            st.sampled_from(
                [
                    "base",
                    "name",
                    "rate_places",
                    "zero",
                    "rounding",
                    "columns",
                    "rates",
                    "appendix_label",
                    "total_name",
                    "rate_decimal_mark",
                ]
            ),
            st.integers() | TEXTS | st.lists(TEXTS, max_size=3),
            max_size=4,
        )
    )
    def test_any_values_of_its_keys(
        self, folder: Path, fields: dict[str, object]
    ) -> None:
        path = folder / "style.toml"
        path.write_text(
            "".join(f"{key} = {json.dumps(v)}\n" for key, v in fields.items()),
            encoding="utf-8",
        )

        only_library_errors(load_style, path)


class TestTemplates:
    @settings(
        max_examples=60,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        source=TEXTS
        | st.lists(
            st.sampled_from(
                [
                    "{{ view.title }}",
                    "{{ view.",
                    "{% for r in view.appendix.rows %}",
                    "{% endfor %}",
                    "{% if %}",
                    "{{ 1 / 0 }}",
                    "{{ view.__class__ }}",
                    "{% include 'x.j2' %}",
                    "{{ '%s' % view }}",
                    "{{ range(10) | join }}",
                    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
                    "{{ 2 ** 2 ** 40 }}",
                    "text",
                ]
            ),
            max_size=6,
        ).map("".join)
    )
    def test_any_template(self, folder: Path, source: str) -> None:
        """
        A user template of any text renders or fails with a TemplateError
        naming where.
        """
        (folder / "report.txt.j2").write_text(source, encoding="utf-8")

        only_library_errors(
            lambda: render(binh_thuan_2023_02(), "text", template_dir=folder)
        )


class TestRecords:
    @settings(
        max_examples=60,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(data=BYTES)
    def test_any_bytes_as_a_csv_of_records(
        self, folder: Path, data: bytes
    ) -> None:
        pytest.importorskip("polars")
        from hcc_report.loaders import open_records  # noqa: PLC0415

        head = b"id,agency,received,due,finished,online\n"
        path = folder / "records.csv"
        path.write_bytes(head + data)

        def read_all() -> None:
            for _ in open_records(path).batches():
                pass

        only_library_errors(read_all)


# Mutating a document ---------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | TEXTS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3)
    ),
    max_leaves=6,
)


def paths(
    data: object, path: tuple[Any, ...] = ()
) -> Iterator[tuple[Any, ...]]:
    """
    The path of every value in *data*, itself included.
    """
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*path, index))


def replace(data: Any, path: tuple[Any, ...], value: object) -> None:
    """
    Put *value* at *path* in *data* (the whole, for the empty path, is
    left as it is).
    """
    if not path:
        return
    for segment in path[:-1]:
        data = data[segment]
    data[path[-1]] = value
