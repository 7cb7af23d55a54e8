"""Catalogs: complete in every language, placeholders alike, values escaped."""

from __future__ import annotations

import pytest

from bot.i18n import LANGUAGES, Safe, catalog, pick_language, placeholders, t


def test_every_language_has_every_key() -> None:
    keys = {language: set(catalog(language)) for language in LANGUAGES}
    reference = keys["en"]
    for language, found in keys.items():
        assert found == reference, (
            f"{language}: missing {sorted(reference - found)}, extra {sorted(found - reference)}"
        )


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_placeholders_match_english(language: str) -> None:
    for key, template in catalog("en").items():
        assert placeholders(catalog(language)[key]) == placeholders(template), key


def test_values_are_escaped_but_safe_text_is_not() -> None:
    text = t("en", "unknown.command", command="<b>&")
    assert "&lt;b&gt;&amp;" in text
    assert t("en", "unknown.command", command=Safe("<i>x</i>")).count("<i>x</i>") == 1


@pytest.mark.parametrize(
    ("chosen", "telegram", "expected"),
    [
        ("es", "en", "es"),
        (None, "es-MX", "es"),
        (None, "fr", "en"),
        (None, None, "en"),
        ("xx", "es", "es"),
    ],
)
def test_language_choice(chosen: str | None, telegram: str | None, expected: str) -> None:
    assert pick_language(chosen, telegram, "en") == expected
