"""
The languages hcc_report writes in, and its message catalogues.

Every word the library prints (a document's labels and headings, the
figure catalogue's headings, the audit's findings, the command line's
messages) is a message of the gettext catalogue ``hcc_report``: English
message ids, with a catalogue for Vietnamese (``vi``, the default) and
one for English (``en``) in ``hcc_report/locale``. The ``.po`` files are
the sources; the ``.mo`` files are compiled from them by Babel when the
package is built. They are read here with the standard library's
``gettext``, so no global state is touched and Babel is not imported.

Every function that writes words takes one parameter, *lang*, the
language's code (``"vi"``, ``"en"``, ``"en-GB"``, ``"fr"``). A language
with a catalogue of its own writes its words; any other falls back to the
English words, with numbers and dates in its own notation (from Babel),
and `fallback_note` says so.

>>> translations("vi").gettext("Recipients:")
'Nơi nhận:'
>>> translations("en").ngettext("{count} error", "{count} errors", 2)
'{count} errors'
>>> translations("vi").pgettext("column", "Total")
'Tổng số'
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
import re

from importlib import resources

from hcc_report.errors import (
    ArgumentError,
    ArgumentTypeError,
    MissingCatalogueError,
)


__all__ = [
    "CATALOGUES",
    "DEFAULT",
    "DOMAIN",
    "FALLBACK",
    "NP_",
    "N_",
    "catalogue_language",
    "check_lang",
    "fallback_note",
    "has_message",
    "is_vietnamese",
    "primary_language",
    "translations",
]

#: The gettext domain of the library's messages.
DOMAIN = "hcc_report"
#: The language of a call that does not choose one.
DEFAULT = "vi"
#: The language whose words a language without a catalogue gets.
FALLBACK = "en"
#: The languages with a catalogue of their own.
CATALOGUES = ("vi", "en")

#: A language code as BCP 47 and gettext write them: "vi", "en-GB",
#: "en_GB", "zh-Hant-TW", "sr_Latn".
_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def N_(message: str) -> str:  # noqa: N802  (gettext's name for it)
    """
    Mark *message* for translation where it is defined, and return it
    unchanged: it is translated where it is printed.

    >>> N_("Recipients")
    'Recipients'
    """
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802, ARG001
    """
    Mark *message* for translation in *context*, as `N_` does.

    >>> NP_("column", "Total")
    'Total'
    """
    return message


def check_lang(lang: object) -> str:
    """
    Return the language code *lang*, checked.

    >>> check_lang("en-GB")
    'en-GB'
    >>> check_lang("english")
    Traceback (most recent call last):
    ...
    hcc_report.errors.ArgumentError: lang must be a language code such as
    'vi' or 'en', got 'english'
    >>> check_lang("zz")
    Traceback (most recent call last):
    ...
    hcc_report.errors.ArgumentError: unknown language 'zz': CLDR has no
    data for it

    A language without a catalogue of its own must be one CLDR knows
    (Babel checks it), as its numbers and dates are written from CLDR.

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *lang* is not a string.
        ~hcc_report.errors.ArgumentError: It is not a language code, or
            not one CLDR knows.
    """
    if type(lang) is str and lang in CATALOGUES:
        return lang
    if not isinstance(lang, str):
        msg = (
            f"lang must be a language code such as 'vi' or 'en', got {lang!r}"
        )
        raise ArgumentTypeError(msg)
    if not _CODE.fullmatch(lang):
        shown = lang if len(lang) <= 40 else lang[:40] + "…"  # noqa: PLR2004
        msg = (
            f"lang must be a language code such as 'vi' or 'en', got {shown!r}"
        )
        raise ArgumentError(msg)
    if _primary(lang) not in CATALOGUES:
        _check_cldr(lang)
    return lang


@functools.lru_cache(maxsize=64)
def _check_cldr(lang: str) -> None:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415  (on use)

    try:
        Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        msg = f"unknown language {lang!r}: CLDR has no data for it"
        raise ArgumentError(msg) from None


def _primary(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


def primary_language(lang: str) -> str:
    """
    Return the language of the code *lang*, checked, without its script or
    region, in lowercase.

    >>> primary_language("vi-VN"), primary_language("en_GB")
    ('vi', 'en')
    >>> primary_language("FR")
    'fr'

    Raises:
        ~hcc_report.errors.ArgumentTypeError: *lang* is not a string.
        ~hcc_report.errors.ArgumentError: It is not a language code, or
            not one CLDR knows.
    """
    return _primary(check_lang(lang))


def is_vietnamese(lang: str) -> bool:
    """
    Tell whether *lang* is Vietnamese, whose notation the library writes
    by its own rules (Decree 30/2020 and the Accounting Law).

    >>> is_vietnamese("vi"), is_vietnamese("vi-VN"), is_vietnamese("en")
    (True, True, False)
    """
    return lang == "vi" or primary_language(lang) == "vi"


def catalogue_language(lang: str) -> str:
    """
    Return the language of the catalogue that writes *lang*'s words: its
    own, or English when it has none.

    >>> catalogue_language("en-GB"), catalogue_language("fr")
    ('en', 'en')
    >>> catalogue_language("vi_VN")
    'vi'
    """
    if lang in CATALOGUES:
        return lang
    primary = primary_language(lang)
    return primary if primary in CATALOGUES else FALLBACK


def fallback_note(lang: str) -> str | None:
    """
    Return the note that *lang* has no catalogue of its own, in English,
    or ``None`` when it has one.

    >>> print(fallback_note("fr"))
    there is no message catalogue for 'fr': its labels are written in
    English, its numbers and dates in its own notation
    >>> fallback_note("en-GB") is None
    True
    """
    if primary_language(lang) in CATALOGUES:
        return None
    return translations(FALLBACK).gettext(_FALLBACK).format(lang=lang)


_FALLBACK = N_(
    "there is no message catalogue for {lang!r}: its labels are written "
    "in English, its numbers and dates in its own notation"
)


@functools.cache
def _catalogue(language: str) -> _gettext.GNUTranslations:
    path = (
        resources.files("hcc_report")
        / "locale"
        / language
        / "LC_MESSAGES"
        / f"{DOMAIN}.mo"
    )
    try:
        data = path.read_bytes()
    except OSError:
        msg = (
            f"the message catalogue of {language!r} is not compiled "
            f"({path}): install the package, which compiles it, or run "
            "'nox -s messages'"
        )
        raise MissingCatalogueError(msg) from None
    return _gettext.GNUTranslations(io.BytesIO(data))


def translations(lang: str) -> _gettext.GNUTranslations:
    """
    Return the catalogue that writes *lang*'s words (see
    `catalogue_language`), read once.

    >>> translations("vi").gettext("Recipients:")
    'Nơi nhận:'
    >>> translations("fr").pgettext("table", "Total")
    'Total'
    >>> translations("vi").ngettext("{count} dossier", "{count} dossiers", 2)
    '{count} hồ sơ'

    Raises:
        ~hcc_report.errors.MissingCatalogueError: The catalogue is not
            compiled.
        ~hcc_report.errors.ArgumentError: *lang* is not a language code.
    """
    return _catalogue(catalogue_language(lang))


def has_message(lang: str, message: str, context: str | None = None) -> bool:
    """
    Tell whether the catalogue of *lang* (see `catalogue_language`) has
    *message*, in *context* if given: a label it does not have is printed
    as it is written.

    >>> has_message("en", "Total", "table"), has_message("en", "Tổng số")
    (True, False)
    """
    catalogue = translations(lang)
    # gettext gives back the very message it was given when it has none.
    found = (
        catalogue.gettext(message)
        if context is None
        else catalogue.pgettext(context, message)
    )
    return found is not message
