"""
The message catalogues: every message of the sources is in every
catalogue, translated with the same placeholders, and the compiled
catalogues the package reads are those of the ``.po`` files.
"""

from __future__ import annotations

import string

from importlib import resources
from pathlib import Path

import pytest

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from hcc_report import figures, languages
from hcc_report.errors import MissingCatalogueError
from hcc_report.languages import CATALOGUES, translations


ROOT = Path(__file__).parent.parent
LOCALE = ROOT / "src" / "hcc_report" / "locale"
#: As noxfile.py's EXTRACT and babel.cfg say.
METHODS = [
    ("src/hcc_report/**.py", "python"),
    ("src/hcc_report/templates/**.j2", "jinja2"),
]
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "NP_": ((1, "c"), 2)}


def _key(message: str | tuple[str, ...], context: str | None) -> tuple:
    # A plural message by both its forms: a changed plural is a new one.
    return (context, message if isinstance(message, str) else tuple(message))


@pytest.fixture(scope="module")
def extracted():
    """
    The messages of the sources, as `pybabel extract` finds them.
    """
    found = {}
    for _, _, message, _, context in extract_from_dir(
        str(ROOT),
        METHODS,
        keywords=KEYWORDS,
        options_map={
            "src/hcc_report/templates/**.j2": {
                "trim_blocks": "true",
                "lstrip_blocks": "true",
            }
        },
    ):
        found[_key(message, context)] = message
    return found


def _catalogue(lang):
    with (LOCALE / lang / "LC_MESSAGES" / "hcc_report.po").open("rb") as f:
        return read_po(f)


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_message_is_translated(extracted, lang):
    """
    Each catalogue translates every message of the sources, and holds no
    message the sources no longer have.
    """
    catalogue = _catalogue(lang)
    held = {
        _key(message.id, message.context): message
        for message in catalogue
        if message.id
    }

    missing = sorted(set(extracted) - set(held), key=str)
    untranslated = sorted(
        (
            key
            for key, message in held.items()
            if message.fuzzy or not message.string or not all(message.string)
        ),
        key=str,
    )
    stale = sorted(set(held) - set(extracted), key=str)

    assert [] == missing, f"not in the {lang} catalogue: run nox -s messages"
    assert [] == untranslated, f"not translated in the {lang} catalogue"
    assert [] == stale, "no longer in the sources: run nox -s messages"


def _fields(text: str) -> set[str]:
    return {
        name
        for _, name, _, _ in string.Formatter().parse(text)
        if name is not None
    }


@pytest.mark.parametrize("lang", CATALOGUES)
def test_translations_keep_the_placeholders(lang):
    """
    A translation has the placeholders of its message, no more, no fewer:
    a "{count}" lost would print nothing, one added would raise.
    """
    wrong = []
    for message in _catalogue(lang):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else message.id
        strings = (
            [message.string]
            if isinstance(message.string, str)
            else message.string
        )
        expected = _fields(ids[-1])
        wrong.extend(
            (message.id, text) for text in strings if _fields(text) != expected
        )

    assert [] == wrong


@pytest.mark.parametrize("lang", CATALOGUES)
def test_compiled_catalogues_are_fresh(lang):
    """
    The compiled catalogue the package reads holds what the ``.po`` file
    says: a stale one (a .po changed, the package not rebuilt) fails.
    """
    compiled = translations(lang)
    source = _catalogue(lang)

    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, str):
            if message.context is None:
                assert message.string == compiled.gettext(message.id)
            else:
                assert message.string == compiled.pgettext(
                    message.context, message.id
                )
        else:
            for n, text in enumerate(message.string):
                count = 1 if n == 0 else 2
                assert text == compiled.ngettext(*message.id, count)
    expected = {""}  # the header
    for message in source:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if message.context is not None:
            key = f"{message.context}\x04{key}"
        if isinstance(message.id, str):
            expected.add(key)
        else:
            expected.update((key, n) for n in range(len(message.string)))
    held = set(getattr(compiled, "_catalog", {}))
    assert expected == held, "run nox -s messages, or reinstall the package"


def test_figure_headings_are_the_catalogues():
    """
    The Vietnamese catalogue writes each figure's English heading as the
    figure catalogue's own Vietnamese heading: one truth for both.
    """
    vi = translations("vi")

    assert [] == [
        (figure.key, figure.heading, vi.gettext(figure.heading_en))
        for figure in figures.FIGURES
        if vi.gettext(figure.heading_en) != figure.heading
    ]


def test_plural_forms():
    """
    Vietnamese has one form for every count, English two.
    """
    vi, en = translations("vi"), translations("en")

    assert {"{count} hồ sơ"} == {
        vi.ngettext("{count} dossier", "{count} dossiers", n) for n in (1, 2)
    }
    assert ["{count} dossier", "{count} dossiers", "{count} dossiers"] == [
        en.ngettext("{count} dossier", "{count} dossiers", n)
        for n in (1, 2, 0)
    ]
    assert "nplurals=1; plural=0;" == _catalogue("vi").plural_forms
    assert "nplurals=2; plural=(n != 1);" == _catalogue("en").plural_forms


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "vi"),
        ("vi-VN", "vi"),
        ("en", "en"),
        ("en_GB", "en"),
        ("fr", "en"),
        ("zh-Hant-TW", "en"),
    ],
)
def test_a_language_without_a_catalogue_falls_back_to_english(lang, expected):
    """
    Every language code gets a catalogue: its own, or English's, with a
    note that says so.
    """
    assert expected == languages.catalogue_language(lang)
    assert (expected == "en" and not lang.startswith("en")) == (
        languages.fallback_note(lang) is not None
    )


@pytest.mark.parametrize("lang", [None, "", "english", "e", "vi VN", "<b>"])
def test_what_is_not_a_language_code(lang):
    """
    A value that is no language code is refused, naming it.
    """
    with pytest.raises((TypeError, ValueError), match="lang must be"):
        languages.check_lang(lang)


def test_a_missing_catalogue_is_named(monkeypatch, tmp_path):
    """
    A package whose catalogues were not compiled says so and how to
    compile them, rather than failing on a file it cannot open.
    """
    monkeypatch.setattr(resources, "files", lambda _: tmp_path)
    languages._catalogue.cache_clear()
    try:
        with pytest.raises(MissingCatalogueError, match="nox -s"):
            languages.translations("en")
    finally:
        monkeypatch.undo()
        languages._catalogue.cache_clear()
