"""Text analysis: folding, shorthand, stemming, concepts, typos, language."""

from __future__ import annotations

from bot.faq.stem import english, spanish
from bot.faq.text import analyze, detect_language, fold, tokens
from bot.faq.typos import Corrector, dice, edit_distance, trigrams


def terms_of(text: str, language: str = "en") -> set[str]:
    return {t for unit in analyze(text, language) for t in unit.terms}


def test_fold_removes_accents_and_case() -> None:
    assert fold("¿Cuánto PAGAN?") == "¿cuanto pagan?"
    assert fold("Niño’s") == "nino's"


def test_tokens_expand_texting_shorthand() -> None:
    assert tokens("pls dont text my pts b4 9") == [
        "please",
        "do",
        "not",
        "text",
        "my",
        "patients",
        "before",
        "9",
    ]
    assert tokens("my sup") == ["my", "supervisor"]
    assert tokens("a 4 hr shift w/o HR") == ["a", "4", "hours", "shift", "without", "hr"]
    assert tokens("didn't get my $") == ["did", "not", "get", "my", "money"]


def test_snowball_stemmers() -> None:
    expected = {
        "caresses": "caress",
        "ponies": "poni",
        "hopping": "hop",
        "retaliation": "retali",
        "striking": "strike",
        "adjustment": "adjust",
        "agreed": "agre",
        "happy": "happi",
    }
    assert {w: english(w) for w in expected} == expected


def test_spanish_snowball_stemmer() -> None:
    assert spanish("huelgas") == spanish("huelga") == "huelg"
    assert spanish("pagan") == spanish("pagar") == "pag"


def test_synonyms_meet_on_one_concept() -> None:
    assert "xmanager" in terms_of("my sup") & terms_of("manager") & terms_of("jefa", "es")
    assert "xpatients" in terms_of("clients") & terms_of("pts")
    assert "xhealth" in terms_of("medical") & terms_of("insurance")
    assert "xstrike" in terms_of("huelga") & terms_of("walkout")
    assert "xretaliation" in terms_of("they threatened to write me up")


def test_phrases_win_over_their_words() -> None:
    units = analyze("can I go back to work")
    assert [u.text for u in units] == ["go back to work"]
    assert "xreturn" in units[0].terms and "work" in units[0].partial


def test_spanish_question_reaches_english_concepts() -> None:
    assert {"xamount", "xpay", "xshift", "xstrike"} <= terms_of(
        "¿Cuánto pagan por turno de huelga?", "es"
    )


def test_detect_language() -> None:
    assert detect_language("¿dónde están los piquetes?") == "es"
    assert detect_language("where is the picket") == "en"
    assert detect_language("ok", hint="es") == "es"
    assert detect_language("huelga", hint=None) == "es"


def test_edit_distance_counts_transpositions_once() -> None:
    assert edit_distance("retalation", "retaliation") == 1
    assert edit_distance("stirke", "strike") == 1
    assert edit_distance("kitten", "sitting") == 3


def test_corrector_fixes_typos_but_not_real_short_words() -> None:
    corrector = Corrector(["retaliation", "strike", "picket", "never", "part"])
    assert corrector.correct("retalation") == "retaliation"
    assert corrector.correct("stirke") == "strike"
    assert corrector.correct("piket") == "picket"
    assert corrector.correct("strike") is None  # already known
    assert corrector.correct("park") is None  # too short to second-guess
    assert corrector.correct("fever") is None  # first letter differs: not a typo of never
    assert corrector.correct("weather") is None


def test_corrector_finds_cognates_by_trigrams_only_when_close() -> None:
    corrector = Corrector(["contract", "district", "salary", "benefits", "cafeteria", "school"])
    assert corrector.correct("contrato") == "contract"
    assert corrector.correct("distrito") == "district"
    assert corrector.correct("beneficios") == "benefits"
    assert corrector.correct("farmacia") is None  # nothing alike
    assert corrector.correct("escuela") is None  # not a cognate by its letters
    assert corrector.correct("salad") is None  # too short for a loose match


def test_trigram_dice() -> None:
    assert trigrams("ab") == frozenset({"^ab", "ab$"})
    assert dice(trigrams("contract"), trigrams("contract")) == 1.0
    assert dice(trigrams("contract"), trigrams("weather")) == 0.0
