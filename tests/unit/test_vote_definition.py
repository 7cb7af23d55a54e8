"""Vote files and wizard answers: every field parsed strictly, every error with its line."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.fields import FieldError, parse_time
from bot.votes.definition import (
    MAJORITY,
    MAX_DESCRIPTION,
    MAX_OPTION,
    MAX_OPTIONS,
    MAX_QUESTION,
    TWO_THIRDS,
    DefinitionError,
    Threshold,
    VoteDefinition,
    load_definition,
    parse_definition,
    parse_options,
    parse_quorum,
    parse_reminders,
    parse_threshold,
)

LA = ZoneInfo("America/Los_Angeles")
NOW = parse_time("2026-11-01 12:00", LA)
EXAMPLE = Path(__file__).parents[2] / "bot" / "examples" / "votes" / "strike-authorization.yaml"

GOOD = """\
id: strike-2026
question: Do you authorize a strike?
opens_at: 2026-12-01 09:00
closes_at: "2026-12-08 17:00"
threshold: two-thirds
"""


def test_minimal_file_gets_the_defaults() -> None:
    vote = parse_definition(GOOD, LA, NOW)
    assert vote.id == "strike-2026"
    assert vote.question == {"en": "Do you authorize a strike?", "es": "Do you authorize a strike?"}
    # The default options, in each language.
    assert vote.options == ({"en": "Yes", "es": "Sí"}, {"en": "No", "es": "No"})
    assert vote.description is None
    assert vote.threshold == TWO_THIRDS and vote.quorum is None and vote.show_results
    assert vote.reminders == (86400, 7200)
    assert vote.opens_at == parse_time("2026-12-01 09:00", LA)
    assert vote.worksites == vote.classifications == ()


def test_trustees_default_to_a_majority_of_them() -> None:
    vote = parse_definition(GOOD + "trustees:\n  members: [L1, L2, L3, L1]\n", LA, NOW)
    assert (vote.trustees, vote.trustees_needed) == (("L1", "L2", "L3"), 2)
    assert parse_definition(GOOD, LA, NOW).trustees == ()  # the bot counts by itself


def test_the_shipped_example_is_valid() -> None:
    vote = load_definition(EXAMPLE, LA, NOW)
    assert vote.id == "strike-2030"
    assert vote.options == ({"en": "Yes", "es": "Sí"}, {"en": "No", "es": "No"})
    assert vote.question["es"].startswith("¿Autorizas al equipo negociador")
    assert vote.description and vote.description["es"].startswith("Votar sí no inicia")
    assert vote.quorum == Fraction(1, 2)
    assert vote.threshold == TWO_THIRDS and vote.reminders == (86400, 7200)


def test_every_problem_is_reported_with_its_line_and_nothing_is_built() -> None:
    text = (
        "question: ''\n"
        "opens_at: 2026-10-01 09:00\n"
        "closess_at: 2026-12-08 17:00\n"
        "threshold: most\n"
        "quorum: 150%\n"
        "options: [Yes, yes]\n"
        "eligibility:\n"
        "  worksite: [Downey]\n"
        "reminders: [24h, soon]\n"
        "show_results: maybe\n"
    )
    with pytest.raises(DefinitionError) as error:
        parse_definition(text, LA, NOW, "strike.yaml")
    assert error.value.errors == [  # from the top of the file down
        "strike.yaml: id is missing (give the vote an id like strike-2030: loading a file with "
        "the same id again updates that vote until it opens, and never makes a second one)",
        "strike.yaml: closes_at is missing",
        "strike.yaml line 1: question is empty",
        "strike.yaml line 2: opens_at: is in the past",
        "strike.yaml line 3: unknown field 'closess_at' (did you mean 'closes_at'?)",
        "strike.yaml line 4: threshold: 'most' is not a threshold: use majority, two-thirds, "
        "or a fraction like 3/5 or 60%",
        "strike.yaml line 5: quorum: '150%' is not a quorum: use a share of the roll like 50% "
        "or 1/2, or none",
        "strike.yaml line 6: options: option 'Yes' is listed twice",
        "strike.yaml line 8: eligibility: unknown field 'worksite' (did you mean 'worksites'?)",
        "strike.yaml line 9: reminders: 'soon' is not a duration like 90m, 2h or 3d",
        "strike.yaml line 10: show_results: 'maybe' is not true or false",
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "the file is empty"),
        ("- question: x", "line 1: the file should be fields"),
        ("question: [unclosed", "line 1: not valid YAML"),
        (
            GOOD + "closes_at: 2026-12-09 17:00\n",
            "line 6: closes_at is given twice (first on line 4)",
        ),
        (GOOD.replace("2026-12-08 17:00", "2026-12-01 09:00"), "line 4: closes_at: must be after"),
        (
            GOOD.replace("2026-12-08 17:00", "next week"),
            "line 4: closes_at: 'next week' is not a date",
        ),
        (GOOD.replace("2026-12-01 09:00", "2026-02-30 09:00"), "is not a real date"),
        (
            GOOD.replace("2026-12-01 09:00", "2027-03-14 02:30"),
            "does not exist in America/Los_Angeles",
        ),
        (GOOD + "options: [Strike]\n", "give 2 to 10 options (found 1)"),
        (GOOD + "eligibility: Downey\n", "eligibility: give worksites and/or classifications"),
        (GOOD + "trustees: [L1, L2]\n", "line 6: trustees: give members: [...] and needed: N"),
        (
            GOOD + "trustees:\n  members: [L1]\n",
            "line 7: trustees: name 2 to 15 trustees (found 1)",
        ),
        (
            GOOD + "trustees:\n  members: [L1, L2, L3]\n  needed: 4\n",
            "line 7: trustees: needed must be a number from 1 to 3",
        ),
        (
            GOOD + "trustees:\n  members: [L1, L2]\n  neded: 2\n",
            "line 8: trustees: unknown field 'neded' (did you mean 'needed'?)",
        ),
    ],
)
def test_bad_files_get_a_clear_error(text: str, error: str) -> None:
    with pytest.raises(DefinitionError) as raised:
        parse_definition(text, LA, NOW)
    assert error in str(raised.value)


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match="no such file"):
        load_definition(tmp_path / "nope.yaml", LA, NOW)
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("question: ¿Huelga?".encode("latin-1"))
    with pytest.raises(DefinitionError, match="not UTF-8"):
        load_definition(latin1, LA, NOW)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("majority", MAJORITY),
        ("Two-Thirds", TWO_THIRDS),
        ("2/3", TWO_THIRDS),
        ("3/5", Threshold(Fraction(3, 5))),
        ("60%", Threshold(Fraction(3, 5))),
        ("0.75", Threshold(Fraction(3, 4))),
        ("mayoría", MAJORITY),
    ],
)
def test_thresholds(typed: str, expected: Threshold) -> None:
    assert parse_threshold(typed) == expected


@pytest.mark.parametrize("typed", ["0", "0/3", "3/0", "5/4", "101%", "half", "-1/2", ""])
def test_bad_thresholds(typed: str) -> None:
    with pytest.raises(FieldError):
        parse_threshold(typed)


def test_threshold_arithmetic_is_exact() -> None:
    assert TWO_THIRDS.met(2, 3) and TWO_THIRDS.met(1000, 1500)
    assert not TWO_THIRDS.met(999, 1500)  # one short
    assert not MAJORITY.met(5, 10) and MAJORITY.met(6, 11)
    assert not MAJORITY.met(0, 0)


def test_quorum_options_and_reminders() -> None:
    assert parse_quorum("none") is None and parse_quorum("1/2") == Fraction(1, 2)
    assert parse_options("Yes\n\nNo\nAbstain") == ("Yes", "No", "Abstain")
    assert parse_reminders(["2h", "1d", "30m", "2h"]) == (86400, 7200, 1800)
    assert parse_reminders([]) == ()
    with pytest.raises(FieldError, match="longer than 60"):
        parse_options(["x" * 61, "No"])


BILINGUAL = """\
id: strike-2026
question:
  en: Do you authorize a strike?
  es: ¿Autorizas una huelga?
description: {en: "A yes vote lets the team call one.", es: "Votar sí permite convocarla."}
options:
  - {en: "Yes, strike", es: "Sí, huelga"}
  - No
opens_at: 2026-12-01 09:00
closes_at: "2026-12-08 17:00"
threshold: two-thirds
"""


def test_texts_in_each_language() -> None:
    vote = parse_definition(BILINGUAL, LA, NOW)
    assert vote.question == {"en": "Do you authorize a strike?", "es": "¿Autorizas una huelga?"}
    assert vote.description == {
        "en": "A yes vote lets the team call one.",
        "es": "Votar sí permite convocarla.",
    }
    assert vote.options == ({"en": "Yes, strike", "es": "Sí, huelga"}, {"en": "No", "es": "No"})


def test_plain_yes_si_and_no_are_the_default_options() -> None:
    vote = parse_definition(GOOD + "options: [Sí, 'no', Abstain]\n", LA, NOW)
    assert vote.options == (
        {"en": "Yes", "es": "Sí"},
        {"en": "No", "es": "No"},
        {"en": "Abstain", "es": "Abstain"},  # plain text: the same for everyone
    )
    assert parse_options("Yes\nNo") == ("Yes", "No")  # one language's labels (the wizard)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # A language missing, unknown or empty: the line, the field and what to do.
        (
            ("  es: ¿Autorizas una huelga?\n", ""),
            [
                "strike.yaml line 3: question: the Spanish text (es:) is missing; give every "
                "language {en: ..., es: ...}, or one plain text for everyone"
            ],
        ),
        (
            ("  es: ¿Autorizas", "  spanish: ¿Autorizas"),
            [
                "strike.yaml line 3: question: the Spanish text (es:) is missing; give every "
                "language {en: ..., es: ...}, or one plain text for everyone",
                "strike.yaml line 4: question: unknown language 'spanish' (did you mean 'es'?); "
                "the languages are en (English) and es (Spanish)",
            ],
        ),
        (
            ('es: "Sí, huelga"', 'es: "  "'),
            ["strike.yaml line 7: options: option 1: the Spanish text (es:) is empty"],
        ),
        (
            ('{en: "A yes', '{fr: "Oui", en: "A yes'),
            [
                "strike.yaml line 5: description: unknown language 'fr'; the languages are "
                "en (English) and es (Spanish)"
            ],
        ),
        # Each language's labels are checked: two alike in Spanish would be two alike buttons.
        (
            ('es: "Sí, huelga"', 'es: "no"'),
            ["strike.yaml line 7: options: option 'No' is listed twice (in Spanish)"],
        ),
        (
            ("  es: ¿Autorizas una huelga?", "  es: " + "¿" * 501),
            [
                "strike.yaml line 3: question: the question is 501 characters; at most 500 "
                "(in Spanish)"
            ],
        ),
        (("id: strike-2026", "id: Strike 2026"), None),
    ],
)
def test_bad_texts_are_reported_with_their_line_and_nothing_is_built(
    change: tuple[str, str], expected: list[str] | None
) -> None:
    text = BILINGUAL.replace(*change)
    assert text != BILINGUAL
    with pytest.raises(DefinitionError) as error:
        parse_definition(text, LA, NOW, "strike.yaml")
    if expected is None:
        assert error.value.errors == [
            "strike.yaml line 1: id: 'Strike 2026' should be 1-32 lower-case letters, digits, "
            "- or _, like strike-2030"
        ]
        assert error.value.vote_id is None
    else:
        assert error.value.errors == expected
        assert error.value.vote_id == "strike-2026"  # which vote the file is about


def test_a_file_can_be_read_without_its_opening_ahead() -> None:
    later = parse_time("2026-12-02 09:00", LA)  # the vote opened yesterday
    with pytest.raises(DefinitionError, match="opens_at: is in the past"):
        parse_definition(BILINGUAL, LA, later)
    assert parse_definition(BILINGUAL, LA, later, ahead=False).id == "strike-2026"


def test_the_longest_vote_still_fits_one_telegram_message() -> None:
    from bot.texts import say
    from bot.votes import messages
    from handlers.votes.wizard import preview

    def both(limit: int, n: int = 0) -> dict[str, str]:
        return {
            "en": f"{n}" + "e" * (limit - len(str(n))),
            "es": f"{n}" + "ñ" * (limit - len(str(n))),
        }

    definition = VoteDefinition(
        question=both(MAX_QUESTION),
        description=both(MAX_DESCRIPTION),
        options=tuple(both(MAX_OPTION, n) for n in range(MAX_OPTIONS)),
        opens_at=NOW + 60,
        closes_at=NOW + 3600,
        threshold=TWO_THIRDS,
        worksites=("Downey Medical Center", "Irvine Medical Center"),
    )
    vote = preview(definition)
    for language in ("en", "es"):
        room = 4096 - 600  # what a card may add: the trustees still awaited, by name
        assert len(messages.card(language, vote, "America/Los_Angeles")) < room
        text, _ = messages.ballot(language, vote, "America/Los_Angeles")
        assert len(text) < 4096 and say(vote.question, language) in text
        assert len(messages.announcement(vote, "America/Los_Angeles")[language].text) < 4096
