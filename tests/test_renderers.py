"""
Tests for hcc_report.renderers: the registry, the built-in renderers and
their templates.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys

from collections import Counter
from importlib import metadata
from pathlib import Path

import attrs
import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hcc_report

from hcc_report import (
    Agency,
    AppendixRow,
    Bullet,
    Counts,
    Issuer,
    Paragraph,
    Section,
    Signer,
    on_time_rate,
    render,
    report_from_dict,
    total,
)
from hcc_report.errors import (
    ArgumentError,
    MissingDependencyError,
    RendererError,
    RendererOptionError,
    TemplateError,
    UnknownRendererError,
    UnknownStyleError,
)
from hcc_report.renderers import (
    Renderer,
    RendererRegistry,
    TemplateOptions,
    TemplateRenderer,
    available,
    build_options,
    get_renderer,
)
from hcc_report.renderers._templates import environment, md
from hcc_report.styles import DECREE_30
from strategies import reports


ROOT = Path(__file__).parent
#: The published report, as extracted from its PDF (the project's seed).
SEED = ROOT / "data" / "seed_binh_thuan_2023_02.txt"
GOLDEN = ROOT / "golden"
FORMATS = ["text", "markdown", "html", "json"]
STYLES = ["decree-30", "binh-thuan"]
UPDATE = os.environ.get("HCC_REPORT_UPDATE_GOLDEN") == "1"


#: A number, a date in figures or a document reference: "10.078",
#: "99.66%", "04/BC-TTHCC", "19/10/2016", "2023".
TOKEN = re.compile(r"[0-9][0-9.,/]*(?:[A-ZĐ][\wĐđ-]*)?%?")


def tokens(text: str) -> Counter[str]:
    return Counter(token.rstrip(".,") for token in TOKEN.findall(text))


class TestSeedAsText:
    def test_every_figure_as_the_seed_prints_it(self, seed):
        """
        The text rendering in the seed's style has every number, date and
        document reference of the seed, each as many times as the seed,
        except that the total rate is the correct 99.79%.
        """
        published = SEED.read_text(encoding="utf-8").replace(
            "99.49%", "99.79%"
        )

        rendered = render(seed, "text", style="binh-thuan")

        assert tokens(published) == tokens(rendered)

    def test_total_rate_is_corrected(self, seed):
        """
        The published 99.49% is not reproduced; 99.79% is.
        """
        rendered = render(seed, "text", style="binh-thuan")

        assert "99.49" not in rendered
        assert 1 == rendered.count("99.79%")

    def test_structure(self, seed):
        """
        Header, title, sections 1. a) to e) and 2., recipients and signer
        in the seed's order.
        """
        rendered = render(seed, "text", style="binh-thuan")
        landmarks = [
            "VĂN PHÒNG UBND TỈNH",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TRUNG TÂM HÀNH CHÍNH CÔNG",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 04/BC-TTHCC",
            "Bình Thuận, ngày 02 tháng 3 năm 2023",
            "BÁO CÁO",
            "Tình hình hoạt động của Trung tâm Hành chính công tháng 02 năm 2023",
            "1. Kết quả thực hiện nhiệm vụ tháng 02 năm 2023",
            "a) Kết quả tiếp nhận và trả kết quả giải quyết thủ tục hành chính",
            "b) Về phối hợp trong giải quyết hồ sơ thủ tục hành chính",
            "c) Đánh giá thái độ phục vụ",
            "d) Một số nhiệm vụ khác",
            "đ) Tình hình vận hành các trang thiết bị",
            "e) Tình hình an ninh, trật tự, vệ sinh",
            "2. Nhiệm vụ trọng tâm trong tháng 3 năm 2023",
            "hành chính./.",
            "Nơi nhận:",
            "KT. GIÁM ĐỐC",
            "- Chủ tịch, các PCT. UBND tỉnh;",
            "PHÓ GIÁM ĐỐC",
            "- Lưu: VT. Tuyền.",
            "PHỤ LỤC",
            "(Ban hành kèm theo Báo cáo số 04/BC-TTHCC ngày 02 tháng 3 năm 2023",
            "Lũy kế từ năm 2023",
            "Tỷ lệ đúng hẹn (%)",
            "Tổng cộng",
        ]
        positions = [rendered.find(mark) for mark in landmarks]

        assert -1 not in positions, landmarks[positions.index(-1)]
        assert "Võ Lý Hoài Vũ" in rendered

    def test_seed_paragraph_of_figures(self, seed):
        """
        Section 1 a) states the figures in the seed's words, from the
        counts.
        """
        rendered = " ".join(render(seed, "text", style="binh-thuan").split())

        assert (
            "Tổng số lượng hồ sơ tiếp nhận trong tháng là 6.227 hồ sơ "
            "(bao gồm 2.786 hồ sơ trực tuyến). Trong đó: - Số lượng hồ sơ "
            "đã xử lý và trả kết quả: 5.488 hồ sơ; - Số hồ sơ trả đúng và "
            "sớm hẹn: 5.475 hồ sơ; - Số hồ sơ trễ hẹn: 13 hồ sơ. Lũy kế đến "
            "hết tháng 02 năm 2023, tổng số hồ sơ tiếp nhận là 10.078 hồ sơ "
            "(bao gồm 4.756 hồ sơ trực tuyến). Trong đó: - Số lượng hồ sơ "
            "đã xử lý và trả kết quả: 9.725 hồ sơ; - Số hồ sơ trả đúng và "
            "sớm hẹn: 9.705 hồ sơ; - Số hồ sơ trễ hẹn: 20 hồ sơ."
        ) in rendered

    def test_default_style(self, seed):
        """
        Decree 30: dot thousands everywhere, comma decimals, "Phụ lục",
        "Kèm theo", "Lưu: VT, ...".
        """
        rendered = render(seed, "text")

        for expected in (
            "10.078",
            "99,79%",
            "Số: 04/BC-TTHCC",
            "Bình Thuận, ngày 02 tháng 3 năm 2023",
            "3.801",
            "Phụ lục",
            "(Kèm theo Báo cáo số 04/BC-TTHCC",
            "- Lưu: VT, Tuyền.",
            "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        ):
            assert expected in rendered, expected
        assert "100.00%" not in rendered
        assert "PHỤ LỤC" not in rendered


class TestGolden:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("style", STYLES)
    def test_matches_golden_file(self, seed, fmt, style):
        """
        Each renderer's output on the example is the reviewed one, byte for
        byte (HCC_REPORT_UPDATE_GOLDEN=1 rewrites the files).
        """
        suffix = get_renderer(fmt).suffix
        path = GOLDEN / f"binh_thuan_2023_02.{style}{suffix}"
        rendered = render(seed, fmt, style=style)
        assert isinstance(rendered, str)
        if UPDATE:
            path.write_text(rendered, encoding="utf-8")

        assert path.read_text(encoding="utf-8") == rendered

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_deterministic(self, seed, fmt):
        """
        Same input, same output.
        """
        assert render(seed, fmt) == render(seed, fmt)

    def test_deterministic_across_processes(self):
        """
        Same input, same bytes, whatever the process's hash seed.
        """

        def outputs(hash_seed: str) -> list[bytes]:
            return [
                subprocess.run(
                    [sys.executable, "-m", "hcc_report", *args],
                    capture_output=True,
                    check=False,
                    env={**os.environ, "PYTHONHASHSEED": hash_seed},
                ).stdout
                for args in (
                    *(["render", "--example", "-f", fmt] for fmt in FORMATS),
                    ["check", "--example", "--format", "json"],
                )
            ]

        first = outputs("1")

        assert all(first)
        assert first == outputs("2")


def hostile(report, text):
    """
    *report* with *text* in every free-text field a renderer prints.
    """
    return attrs.evolve(
        report,
        issuer=Issuer(name=text, parent=text, full_name=text),
        title=text,
        opening=(Paragraph(text=text),),
        sections=(
            Section(
                heading=text,
                blocks=[Paragraph(text=text), Bullet(text=text)],
            ),
        ),
        tasks=None,
        addressees=(text,),
        recipients=(text,),
        archive=("VT", text),
        signer=Signer(name=text, title=text),
        appendix=attrs.evolve(
            report.appendix,
            title=text,
            rows=[
                attrs.evolve(row, agency=Agency(name=f"{text} {i}"))
                for i, row in enumerate(report.appendix.rows)
            ],
        ),
    )


class TestEscaping:
    TEXT = "A & B <img src=x onerror=alert(1)> *y* _z_ | D"

    def test_html(self, seed):
        """
        Every text from the report reaches the HTML escaped.
        """
        page = render(hostile(seed, self.TEXT), "html")

        assert "<img" not in page
        assert "A & B" not in page
        assert page.count(html.escape(self.TEXT, quote=False)) >= 12

    def test_markdown(self, seed):
        """
        Every text from the report reaches the Markdown escaped: no raw
        HTML, no emphasis, no broken table.
        """
        page = render(hostile(seed, self.TEXT), "markdown")

        # Centred lines, the header and the signature block are HTML
        # blocks, where Markdown is not read.
        lines = page.splitlines()
        blocks = "\n".join(line for line in lines if line.startswith("<"))
        markdown = "\n".join(
            line for line in lines if not line.startswith("<")
        )

        assert "<img" not in blocks.lower()
        assert " & " not in blocks
        for raw in ("<img", "&", "*y", "y*", "_z", "z_", "| D"):
            unescaped = r"(?<!\\)" + re.escape(raw)
            assert not re.search(unescaped, markdown, re.IGNORECASE), raw
        assert markdown.count(md(self.TEXT)) >= 8


class TestMarkdownLayout:
    def test_header_and_signature_are_not_heading_rows(self, seed):
        """
        The header and the signature block are HTML tables of cells, not
        the heading row of a Markdown table (which viewers print bold
        throughout); the appendix's table is the only Markdown table, and
        bold is where Decree 30 puts it.
        """
        page = render(seed, "markdown")
        tables = [line for line in page.splitlines() if line.startswith("|-")]

        assert 1 == len(tables)
        assert "<th" not in page
        assert (
            '<td align="center">VĂN PHÒNG UBND TỈNH<br><b>TRUNG TÂM HÀNH '
            "CHÍNH CÔNG</b><br>Số: 04/BC-TTHCC</td>"
        ) in page
        assert "<b><i>Nơi nhận:</i></b><br>- Chủ tịch" in page
        assert "<br><b>Võ Lý Hoài Vũ</b></td>" in page


class TestAnyReport:
    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(report=reports(), style=st.sampled_from(STYLES))
    def test_renders_in_every_format(self, report, style):
        """
        Any valid report renders in every built-in format.
        """
        for fmt in FORMATS:
            output = render(report, fmt, style=style)

            assert isinstance(output, str)
            assert output

    @settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
    @given(report=reports())
    def test_json_loads_back_to_the_same_figures(self, report):
        """
        The JSON output holds the report, which reads back equal, and its
        computed figures agree with the calculation functions.
        """
        data = json.loads(render(report, "json"))

        assert report == report_from_dict(data["report"])
        assert report.figures.known() == data["computed"]["period"]["counts"]
        rate = on_time_rate(report.figures)
        shown = data["computed"]["period"]["rates"]["on_time"]
        if rate is None:
            assert shown is None
        else:
            assert float(rate) == shown["value"]
        if report.appendix is not None:
            assert (
                total(report.appendix.rows).known()
                == data["computed"]["appendix"]["total"]["counts"]
            )

    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
    @given(report=reports())
    def test_html_escapes_every_text(self, report):
        """
        Text from the report appears in the HTML only escaped.
        """
        hostile = "<script>alert(1)</script>"
        # One row with the old rows' total, so the body still agrees.
        counts = total(report.appendix.rows) if report.appendix else Counts()
        rows = (AppendixRow(agency=Agency(name=hostile), counts=counts),)
        appendix = (
            attrs.evolve(report.appendix, rows=rows)
            if report.appendix
            else None
        )
        report = attrs.evolve(report, appendix=appendix, title=hostile)

        page = render(report, "html")

        assert "<script" not in page
        assert html.escape(hostile) in page


class TestRegistry:
    def test_available(self):
        """
        The built-ins come first.
        """
        assert FORMATS == available()[:4]

    def test_unknown_name_lists_the_available_ones(self):
        """
        An unknown format names the ones there are.
        """
        with pytest.raises(UnknownRendererError) as info:
            get_renderer("docx2")

        assert "no renderer is called 'docx2'" in str(info.value)
        for name in FORMATS:
            assert name in str(info.value)

    def test_missing_dependency_names_the_extra(self):
        """
        A renderer whose module cannot be imported asks for its extra.
        """
        registry = RendererRegistry(entry_points=False)
        registry.register(
            "docx", "hcc_report_no_such_module:DocxRenderer", extra="docx"
        )

        with pytest.raises(MissingDependencyError) as info:
            registry.get("docx")

        assert 'pip install "hcc-report[docx]"' in str(info.value)
        assert isinstance(info.value, ImportError)

    def test_missing_dependency_of_another_distribution(self):
        """
        A renderer of another distribution asks for what it says to
        install, not for an extra of hcc-report that does not exist.
        """
        registry = RendererRegistry(entry_points=False)
        registry.register(
            "pdf",
            "hcc_report_no_such_module:PdfRenderer",
            install="acme-renderers[pdf]",
        )

        with pytest.raises(MissingDependencyError) as info:
            registry.get("pdf")

        assert 'pip install "acme-renderers[pdf]"' in str(info.value)
        assert "hcc-report[" not in str(info.value)
        with pytest.raises(ArgumentError, match="not both"):
            registry.register("x", "m:R", extra="a", install="b")

    def test_not_a_renderer(self):
        """
        Something that is not a renderer is refused with what it lacks.
        """
        registry = RendererRegistry(entry_points=False)
        registry.register("odd", "hcc_report.rounding:rate")

        with pytest.raises(RendererError, match="lacks name, media_type"):
            registry.get("odd")

    def test_register_objects_and_refuse_duplicates(self, seed):
        """
        A renderer object can be registered; a taken name needs replace.
        """
        registry = RendererRegistry(entry_points=False)
        text = get_renderer("text")
        registry.register("plain", text)

        with pytest.raises(ValueError, match="already registered"):
            registry.register("plain", text)
        registry.register(
            "plain", "hcc_report.renderers._text:TEXT", replace=True
        )
        assert render(seed, "text") == registry.get("plain").render(seed)

    def test_lazy_imports(self):
        """
        The registry imports a renderer's module only when it is used.
        """
        registry = RendererRegistry(entry_points=False)
        registry.register("late", "hcc_report_not_imported_yet:Thing")

        assert ["late"] == registry.names()


class TestOptions:
    """
    Every renderer declares its options; what it does not take is refused
    with a library error, never a bare TypeError.
    """

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_built_ins_are_renderers(self, fmt):
        """
        Each built-in satisfies the protocol, options included.
        """
        renderer = get_renderer(fmt)

        assert isinstance(renderer, Renderer)
        assert attrs.has(renderer.options)

    def test_an_option_it_does_not_take(self, seed):
        """
        colour=True for text names the renderer and its options.
        """
        with pytest.raises(RendererOptionError) as info:
            render(seed, "text", colour=True)

        assert isinstance(info.value, hcc_report.HccReportError)
        assert isinstance(info.value, TypeError)
        assert (
            "the 'text' renderer has no option 'colour'; its options are "
            "template_dir"
        ) == str(info.value)

    def test_json_takes_no_options(self, seed, tmp_path):
        """
        A renderer without options says so.
        """
        with pytest.raises(RendererOptionError, match="it takes no options"):
            render(seed, "json", template_dir=tmp_path)

    def test_an_unknown_style(self, seed):
        """
        An unknown style is the library's error, naming the presets.
        """
        with pytest.raises(hcc_report.HccReportError) as info:
            render(seed, "text", style="no-such-style")

        assert isinstance(info.value, UnknownStyleError)
        assert "the presets are binh-thuan, decree-30" in str(info.value)

    def test_a_bad_option_value(self, seed, tmp_path):
        """
        A template folder that does not exist is an ArgumentError.
        """
        with pytest.raises(ArgumentError, match="does not exist"):
            render(seed, "html", template_dir=tmp_path / "nope")
        with pytest.raises(ArgumentError, match="a folder's path"):
            TemplateOptions(template_dir=5)

    def test_options_of_any_class(self, seed):
        """
        A third party's options need not be an attrs class: the keywords
        its class takes are its options.
        """

        class Loud:
            def __init__(self, *, volume: int = 1) -> None:
                self.volume = volume

        class LoudRenderer:
            name = "loud"
            media_type = "text/plain"
            suffix = ".txt"
            options = Loud

            def render(self, report, *, style, options):
                return "!" * options.volume

        registry = RendererRegistry(entry_points=False)
        registry.register("loud", LoudRenderer())
        renderer = registry.get("loud")

        assert "!!!" == renderer.render(
            seed,
            style=DECREE_30,
            options=build_options(renderer, {"volume": 3}),
        )
        with pytest.raises(
            RendererOptionError, match="its options are volume"
        ):
            build_options(renderer, {"colour": True})

    def test_options_that_do_not_fit(self, seed):
        """
        Options a class refuses, or a required one missing, are the
        library's error; a class taking any keyword takes them all.
        """

        @attrs.frozen
        class Needs:
            colour: str

        class NeedsRenderer:
            name = "needs"
            media_type = "text/plain"
            suffix = ".txt"
            options = Needs

            def render(self, report, *, style, options):
                return options.colour

        with pytest.raises(RendererOptionError, match="cannot take"):
            build_options(NeedsRenderer(), {})
        assert {"a": 1} == build_options(_Any(), {"a": 1})

    def test_a_renderer_that_fails_to_load(self):
        """
        A renderer whose module raises on import is a RendererError naming
        it.
        """
        registry = RendererRegistry(entry_points=False)
        registry.register("bad", "hcc_report.errors:no_such_thing")

        with pytest.raises(RendererError, match=r"'bad' renderer .* failed"):
            registry.get("bad")

    def test_a_renderer_of_ones_own(self, seed, tmp_path):
        """
        TemplateRenderer makes a renderer from a template of one's own.
        """
        (tmp_path / "count.txt.j2").write_text(
            "{{ view.appendix.total.cells[0].text }} hồ sơ\n", encoding="utf-8"
        )
        mine = TemplateRenderer(
            name="count",
            media_type="text/plain",
            suffix=".txt",
            template="count.txt.j2",
        )
        registry = RendererRegistry(entry_points=False)
        registry.register("count", mine)

        rendered = registry.get("count").render(
            seed,
            style=DECREE_30,
            options=TemplateOptions(template_dir=tmp_path),
        )

        assert "10.078 hồ sơ\n" == rendered


class _Any:
    """
    A renderer whose options are a dict: any keyword.
    """

    name = "any"
    media_type = "text/plain"
    suffix = ".txt"
    options = dict

    def render(self, report, *, style, options):
        return str(options)


class TestPlugins:
    def test_entry_point_renderer_is_found_and_used(self, seed):
        """
        A renderer advertised by another distribution in the
        hcc_report.renderers entry-point group is found and used.
        """
        names = [
            ep.name
            for ep in metadata.entry_points(group="hcc_report.renderers")
        ]
        if "shout" not in names:
            if os.environ.get("HCC_REPORT_REQUIRE_PLUGIN") == "1":
                pytest.fail("tests/plugins/demo-renderer is not installed")
            pytest.skip("pip install tests/plugins/demo-renderer to run this")

        assert "shout" in available()
        assert render(seed, "text").upper() == hcc_report.render(seed, "shout")


class TestTemplates:
    def test_user_folder_overrides_a_template(self, seed, tmp_path):
        """
        A template in the user's folder replaces the built-in one; others
        stay built-in.
        """
        (tmp_path / "report.txt.j2").write_text(
            "{{ view.header.number }} | {{ view.appendix.total.cells[4].text }}\n",
            encoding="utf-8",
        )

        assert "Số: 04/BC-TTHCC | 99,79%\n" == render(
            seed, "text", template_dir=tmp_path
        )
        assert render(seed, "html") == render(
            seed, "html", template_dir=tmp_path
        )

    def test_user_templates_get_the_filters(self, seed, tmp_path):
        """
        The formatters are filters in every template.
        """
        (tmp_path / "report.txt.j2").write_text(
            "{{ 10078 | number }} {{ view.title | md }}",
            encoding="utf-8",
        )

        assert render(seed, "text", template_dir=tmp_path).startswith("10.078")

    def test_missing_value_fails_loudly(self, seed, tmp_path):
        """
        A template using a value that does not exist is an error naming
        the template and the line.
        """
        (tmp_path / "report.txt.j2").write_text(
            "line one\n{{ view.no_such_thing }}\n", encoding="utf-8"
        )

        with pytest.raises(TemplateError) as info:
            render(seed, "text", template_dir=tmp_path)

        assert "report.txt.j2, line 2" in str(info.value)
        assert "no_such_thing" in str(info.value)

    @pytest.mark.parametrize(
        "source",
        [
            "{{ view.__class__ }}",
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",
            "{{ view.header.__init__.__globals__ }}",
        ],
    )
    def test_sandbox_blocks_internals(self, seed, tmp_path, source):
        """
        A user template cannot reach Python's internals.
        """
        (tmp_path / "report.txt.j2").write_text(source, encoding="utf-8")

        with pytest.raises(TemplateError, match=r"unsafe|not safely|access"):
            render(seed, "text", template_dir=tmp_path)

    def test_sandbox_blocks_the_file_system(self, seed, tmp_path):
        """
        A user template cannot read files outside the template folders.
        """
        secret = tmp_path / "secret.txt"
        secret.write_text("secret", encoding="utf-8")
        folder = tmp_path / "templates"
        folder.mkdir()
        (folder / "report.txt.j2").write_text(
            "{% include '../secret.txt' %}", encoding="utf-8"
        )

        with pytest.raises(TemplateError, match="not found"):
            render(seed, "text", template_dir=folder)

    def test_syntax_error(self, seed, tmp_path):
        """
        A broken template is an error naming it and its line.
        """
        (tmp_path / "report.txt.j2").write_text(
            "ok\n{% for x in %}\n", encoding="utf-8"
        )

        with pytest.raises(TemplateError, match=r"report\.txt\.j2, line 2"):
            render(seed, "text", template_dir=tmp_path)

    @pytest.mark.parametrize(
        "source",
        ["{{ 1 // 0 }}", "{{ 'x' | number }}", "{{ view.title + 1 }}"],
    )
    def test_error_while_rendering(self, seed, tmp_path, source):
        """
        A template that fails while it runs is an error naming the template
        and the line, not a traceback from inside Jinja.
        """
        (tmp_path / "report.txt.j2").write_text(
            "ok\n\n" + source, encoding="utf-8"
        )

        with pytest.raises(TemplateError, match=r"report\.txt\.j2, line 3"):
            render(seed, "text", template_dir=tmp_path)

    def test_html_is_autoescaped_and_text_is_not(self):
        """
        Autoescaping follows the template's kind.
        """
        env = environment(None)

        assert env.from_string("{{ x }}").render(x="<b>") == "<b>"
        html_template = env.get_template("report.html.j2")
        assert html_template.environment.autoescape("report.html.j2")
        assert not html_template.environment.autoescape("report.txt.j2")
