"""Catalogs: complete in every language, placeholders and plural forms alike, values escaped;
plurals, numbers and dates from CLDR (Babel)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import (
    LANGUAGES,
    Plural,
    Safe,
    _entry,
    catalog,
    format_number,
    format_percent,
    format_when,
    locale,
    pick_language,
    placeholders,
    plural_category,
    share_of,
    t,
    templates,
)

LA = ZoneInfo("America/Los_Angeles")
NBSP = "\u00a0"


def test_every_language_has_every_key() -> None:
    keys = {language: set(catalog(language)) for language in LANGUAGES}
    reference = keys["en"]
    for language, found in keys.items():
        assert found == reference, (
            f"{language}: missing {sorted(reference - found)}, extra {sorted(found - reference)}"
        )


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_placeholders_match_english(language: str) -> None:
    for key, entry in catalog("en").items():
        assert placeholders(catalog(language)[key]) == placeholders(entry), key


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_plural_entries_match_english(language: str) -> None:
    """Plural in one language, plural in all: same categories, chosen by the same value."""
    for key, entry in catalog("en").items():
        other = catalog(language)[key]
        assert isinstance(other, Plural) == isinstance(entry, Plural), key
        if isinstance(entry, Plural) and isinstance(other, Plural):
            assert set(other.forms) == set(entry.forms), key
            assert other.by == entry.by, key


def test_plural_forms_are_cldr_categories_of_every_language() -> None:
    for language in LANGUAGES:
        known = set(locale(language).plural_form.tags) | {"other"}
        for key, entry in catalog(language).items():
            if not isinstance(entry, Plural):
                continue
            assert set(entry.forms) <= known, (language, key, set(entry.forms) - known)
            assert {"one", "other"} <= set(entry.forms), (language, key)
            # every form takes the same values; only the count may be left unsaid ("a minute")
            expected = placeholders(entry.forms["other"]) | {entry.by}
            for form in entry.templates():
                assert placeholders(form) | {entry.by} == expected, (language, key, form)


def test_no_catalog_text_fakes_a_plural() -> None:
    """'thing(s)', 'cosa(s)', 'miembro(s)': a plural entry says it properly."""
    for language in LANGUAGES:
        for key, entry in catalog(language).items():
            for template in templates(entry):
                assert "(s)" not in template and "(es)" not in template, (language, key)


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


# -- plurals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 0, "0 questions"),
        ("en", 1, "1 question"),
        ("en", 2, "2 questions"),
        ("en", 4000, "4,000 questions"),
        ("es", 0, "0 preguntas"),
        ("es", 1, "1 pregunta"),
        ("es", 2, "2 preguntas"),
        ("es", 4000, "4,000 preguntas"),
        ("es", 1_000_000, "1,000,000 preguntas"),  # CLDR 'many': falls back to 'other'
    ],
)
def test_plural_forms_by_count(language: str, count: int, expected: str) -> None:
    assert t(language, "survey.question_count", count=count) == expected


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("en", 0, "💬 0 written answers. Not shown in chat; leaders get them"),
        ("en", 1, "💬 1 written answer. Not shown in chat; leaders get it"),
        ("en", 2, "💬 2 written answers."),
        ("en", 2400, "💬 2,400 written answers."),
        ("es", 0, "💬 0 respuestas escritas. No se muestran"),
        ("es", 1, "💬 1 respuesta escrita. No se muestra en el chat; el liderazgo la recibe"),
        ("es", 2, "💬 2 respuestas escritas."),
        ("es", 2400, "💬 2,400 respuestas escritas."),
    ],
)
def test_written_answers(language: str, count: int, expected: str) -> None:
    assert t(language, "survey.res_text", count=count).startswith(expected)


@pytest.mark.parametrize(
    ("language", "minutes", "expected"),
    [
        ("en", 1, "about 1 minute on your phone"),
        ("en", 2, "about 2 minutes on your phone"),
        ("es", 1, "más o menos 1 minuto en tu celular"),  # never "unos 1 min"
        ("es", 5, "unos 5 minutos en tu celular"),
    ],
)
def test_plural_chosen_by_a_named_value(language: str, minutes: int, expected: str) -> None:
    text = t(language, "survey.announce", title="T", closes="x", minutes=minutes)
    assert expected in text


def test_spanish_verbs_agree_with_the_count() -> None:
    assert "· 1 respondió" in t("es", "survey.res_question", number=1, text="Q", answered=1)
    assert "· 3 respondieron" in t("es", "survey.res_question", number=1, text="Q", answered=3)
    one = t("es", "status.attention", count=1)
    assert "1 cosa requiere atención" in one
    assert "2 cosas requieren atención" in t("es", "status.attention", count=2)
    assert "1 thing needs attention" in t("en", "status.attention", count=1)
    assert "0 things need attention" in t("en", "status.attention", count=0)


def test_cldr_categories() -> None:
    assert [plural_category("en", n) for n in (0, 1, 2, 1.5, 1_000_000)] == [
        "other",
        "one",
        "other",
        "other",
        "other",
    ]
    assert [plural_category("es", n) for n in (0, 1, 2, 1.5, 1_000_000)] == [
        "other",
        "one",
        "other",
        "other",
        "many",
    ]


def test_a_plural_needs_a_number() -> None:
    with pytest.raises(TypeError):
        t("en", "survey.question_count", count="3")  # a pre-formatted string: a bug
    with pytest.raises(KeyError, match="count"):
        t("en", "survey.question_count")


def test_catalog_rejects_what_is_not_a_plural() -> None:
    assert _entry("x", "k", {"one": "a", "other": "b", "by": "n"}) == Plural(
        {"one": "a", "other": "b"}, "n"
    )
    with pytest.raises(ValueError):
        _entry("x", "k", {"one": "a"})  # no other
    with pytest.raises(ValueError):
        _entry("x", "k", {"singular": "a", "other": "b"})
    with pytest.raises(TypeError):
        _entry("x", "k", ["a", "b"])


# -- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_as_californians_write_them(language: str) -> None:
    """es_US, not Spain's: 4,000 and 7.5 in both languages."""
    assert format_number(language, 4000) == "4,000"
    assert format_number(language, 7.5) == "7.5"
    assert format_number(language, 7.25, decimals=1) == "7.2"  # half to even, like CLDR
    assert format_number(language, 7.0) == "7"
    assert format_number(language, 1_234_567) == "1,234,567"
    assert format_percent(language, 0.5) == "50%"
    assert format_percent(language, 2 / 3, decimals=1) == "66.7%"
    assert share_of(language, 1, 3) == "33%"
    assert share_of(language, 5, 0) == "0%"


def test_numbers_in_templates_are_localized_but_identifiers_are_not() -> None:
    assert "2,400 members" in t("es", "delivery.done", total=2400).replace("miembros", "members")
    assert t("en", "updates.cancelled", number=1234).startswith("Update #1234 ")
    assert "Member ID: 40211" in t("en", "me.member_id", value="40211")


# -- dates --------------------------------------------------------------------------------

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=LA)


@pytest.mark.parametrize(
    ("language", "moment", "expected"),
    [
        ("en", datetime(2026, 12, 1, 13, 37, tzinfo=LA), f"Tue Dec 1, 1:37{NBSP}PM"),
        ("es", datetime(2026, 12, 1, 13, 37, tzinfo=LA), f"mar 1 dic, 1:37{NBSP}p.m."),
        ("en", datetime(2026, 6, 1, 0, 5, tzinfo=LA), f"Mon Jun 1, 12:05{NBSP}AM"),
        ("es", datetime(2026, 6, 1, 0, 5, tzinfo=LA), f"lun 1 jun, 12:05{NBSP}a.m."),
        ("en", datetime(2027, 1, 1, 9, 0, tzinfo=LA), f"Fri Jan 1, 2027, 9:00{NBSP}AM"),
        ("es", datetime(2027, 1, 1, 9, 0, tzinfo=LA), f"vie 1 ene 2027, 9:00{NBSP}a.m."),
        ("en", datetime(2025, 12, 31, 23, 59, tzinfo=LA), f"Wed Dec 31, 2025, 11:59{NBSP}PM"),
        ("es", datetime(2025, 12, 31, 23, 59, tzinfo=LA), f"mié 31 dic 2025, 11:59{NBSP}p.m."),
    ],
)
def test_dates_people_read(language: str, moment: datetime, expected: str) -> None:
    assert format_when(language, moment, LA, now=NOW) == expected
    assert format_when(language, moment.timestamp(), "America/Los_Angeles", now=NOW) == expected


def test_dates_are_in_the_unions_time_zone_whatever_the_input() -> None:
    utc = datetime(2026, 12, 1, 21, 37, tzinfo=ZoneInfo("UTC"))  # 1:37 PM in LA (PST)
    assert format_when("en", utc, LA, now=NOW) == f"Tue Dec 1, 1:37{NBSP}PM"
    summer = datetime(2026, 7, 1, 20, 0, tzinfo=ZoneInfo("UTC"))  # 1 PM in LA (PDT)
    assert format_when("es", summer, LA, now=NOW) == f"mié 1 jul, 1:00{NBSP}p.m."
    assert format_when("en", utc, "America/New_York", now=NOW) == f"Tue Dec 1, 4:37{NBSP}PM"


def test_dates_without_time() -> None:
    moment = datetime(2026, 3, 9, 8, 0, tzinfo=LA)
    assert format_when("en", moment, LA, time_of_day=False, now=NOW) == "Mon Mar 9"
    assert format_when("es", moment, LA, time_of_day=False, now=NOW) == "lun 9 mar"
    later = datetime(2028, 3, 9, tzinfo=LA)
    assert format_when("en", later, LA, time_of_day=False, now=NOW) == "Thu Mar 9, 2028"
    assert format_when("es", later, LA, time_of_day=False, now=NOW) == "jue 9 mar 2028"


def test_a_date_ending_a_sentence_keeps_one_period() -> None:
    closes = format_when("es", datetime(2026, 12, 1, 21, 0, tzinfo=LA), LA, now=NOW)
    ballot = t("es", "vote.ballot", question="Q", description="", closes=closes)
    assert ballot.endswith(f"La votación cierra el mar 1 dic, 9:00{NBSP}p.m.")
    announce = t("es", "vote.announce", question="Q", description="", closes=closes, rules="")
    assert f"9:00{NBSP}p.m.</b> Tu voto es secreto" in announce  # across the closing tag
    english = t("en", "vote.ballot", question="Q", description="", closes="Tue Dec 1, 9:00 PM")
    assert english.endswith("Voting closes Tue Dec 1, 9:00 PM.")


def test_unknown_language_reads_english() -> None:
    assert format_when("fr", NOW, LA, now=NOW) == f"Mon Jun 1, 12:00{NBSP}PM"
    assert t("fr", "survey.question_count", count=1) == "1 question"
