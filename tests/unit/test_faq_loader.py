"""FAQ files: valid ones load; every bad one names the line and what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.faq.loader import FaqFileError, dump_faq, load_faq, parse_faq
from storage.faq import FaqEntry

GOOD = """\
- id: strike-pay
  question: "How much is strike pay?"
  answer: "$100 per completed shift."
  tags: [money, Pay]
  alternates: ["What do we get paid on strike?"]
- id: huelga
  language: ES
  question: "¿Por qué hay huelga?"
  answer: "Por la carga de trabajo."
"""


def errors_of(text: str) -> list[str]:
    with pytest.raises(FaqFileError) as caught:
        parse_faq(text, "faq.yaml")
    return caught.value.errors


def test_good_file_loads() -> None:
    entries = parse_faq(GOOD)
    assert [e.id for e in entries] == ["strike-pay", "huelga"]
    assert entries[0].tags == ("money", "pay")
    assert entries[0].alternates == ("What do we get paid on strike?",)
    assert entries[1].language == "es" and entries[1].tags == ()


def test_missing_answer_names_entry_and_line() -> None:
    text = GOOD + '- id: picket\n  question: "Where?"\n'
    assert errors_of(text) == ['faq.yaml line 10: entry "picket" has no answer']


def test_blank_answer_points_at_the_answer_line() -> None:
    text = '- id: a\n  question: "Q?"\n  answer: ""\n'
    assert errors_of(text) == ['faq.yaml line 3: entry "a" has no answer']


def test_duplicate_ids_name_both_lines() -> None:
    text = GOOD + '- id: strike-pay\n  question: "Again?"\n  answer: "Yes."\n'
    assert errors_of(text) == [
        'faq.yaml line 10: id "strike-pay" is used twice (first on line 1); ids must be unique'
    ]


def test_unknown_field_suggests_the_right_one() -> None:
    text = '- id: a\n  question: "Q?"\n  answer: "A."\n  tag: [x]\n'
    (error,) = errors_of(text)
    assert error.startswith('faq.yaml line 4: entry "a" has unknown field "tag"')
    assert 'did you mean "tags"' in error


def test_language_must_be_en_or_es() -> None:
    text = '- id: a\n  question: "Q?"\n  answer: "A."\n  language: fr\n'
    assert errors_of(text) == ['faq.yaml line 4: entry "a" language "fr" should be en or es']


PAIR = """\
- id: strike-pay
  question: "How much is strike pay?"
  answer: "$100 per completed shift."
- id: pago-de-huelga
  language: es
  translates: {target}
  question: "¿Cuánto es el pago de huelga?"
  answer: "$100 por turno completo."
- id: picket
  question: "Where do we picket?"
  answer: "Outside every clinic."
"""


def test_an_entry_names_its_translation() -> None:
    entries = parse_faq(PAIR.format(target="strike-pay"))
    assert [e.translates for e in entries] == [None, "strike-pay", None]


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("strike-pai", 'translates "strike-pai", which is not in the file'),
        ("pago-de-huelga", 'translates "pago-de-huelga", which is in the same language (es)'),
    ],
)
def test_a_translation_must_be_another_entry_in_the_other_language(
    target: str, problem: str
) -> None:
    (error,) = errors_of(PAIR.format(target=target))
    assert error.startswith(f'faq.yaml line 4: entry "pago-de-huelga" {problem}')


def test_an_entry_has_one_translation() -> None:
    text = (
        PAIR.format(target="strike-pay").replace(
            "- id: strike-pay\n", "- id: strike-pay\n  translates: otro\n"
        )
        + '- id: otro\n  language: es\n  question: "¿Otro?"\n  answer: "Otro."\n'
    )
    assert errors_of(text) == [
        'faq.yaml line 5: entry "pago-de-huelga" translates "strike-pay", which translates '
        '"otro"; an entry has one translation'
    ]


def test_an_entry_is_translated_once() -> None:
    text = PAIR.format(target="strike-pay") + (
        '- id: otro\n  language: es\n  translates: strike-pay\n  question: "¿Otro?"\n'
        '  answer: "Otro."\n'
    )
    assert errors_of(text) == [
        'faq.yaml line 12: entry "otro" translates "strike-pay", which "pago-de-huelga" '
        "translates already; an entry has one translation"
    ]


def test_bad_shapes() -> None:
    assert "should be a list" in errors_of("id: a\nquestion: q\n")[0]
    assert errors_of("") == ["faq.yaml: the file is empty; it should be a list of entries"]
    assert "line 1: entry 1 should be a mapping" in errors_of("- just text\n")[0]
    tags_error = errors_of('- id: a\n  question: "Q?"\n  answer: "A."\n  tags: money\n')[0]
    assert tags_error == 'faq.yaml line 4: entry "a" tags should be a list, e.g. tags: [a, b]'
    id_error = errors_of('- id: "Strike Pay"\n  question: "Q?"\n  answer: "A."\n')[0]
    assert id_error.startswith('faq.yaml line 1: id "Strike Pay" should be 1-48 lower-case')


def test_yaml_syntax_error_has_a_line() -> None:
    (error,) = errors_of('- id: a\n  question: "unclosed\n  answer: x\n- id: [\n')
    assert error.startswith("faq.yaml line ") and "not valid YAML" in error


def test_every_problem_reported_at_once() -> None:
    text = '- id: a\n  question: "Q?"\n- id: b\n  answer: "A."\n'
    assert errors_of(text) == [
        'faq.yaml line 1: entry "a" has no answer',
        'faq.yaml line 3: entry "b" has no question',
    ]


def test_values_are_text_even_when_yaml_would_guess_otherwise() -> None:
    (entry,) = parse_faq("- id: '2024'\n  question: yes\n  answer: 1.5\n")
    assert (entry.id, entry.question, entry.answer) == ("2024", "yes", "1.5")


def test_load_faq_reads_files_and_reports_missing(tmp_path: Path) -> None:
    path = tmp_path / "faq.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert len(load_faq(path)) == 2
    with pytest.raises(FaqFileError, match="no such file"):
        load_faq(tmp_path / "missing.yaml")
    path.write_bytes(b"\xff\xfe- id")
    with pytest.raises(FaqFileError, match="UTF-8"):
        load_faq(path)


def test_shipped_example_is_valid() -> None:
    entries = load_faq(Path(__file__).parents[2] / "bot" / "examples" / "faq.yaml")
    assert len(entries) >= 30
    assert {e.language for e in entries} == {"en", "es"}


def test_a_dumped_faq_reads_back_the_same_whatever_its_text() -> None:
    """`unionbot faq export` writes what `faq load` reads: YAML's special words and marks,
    quotes, emoji, line breaks, brackets and both languages survive the round trip."""
    entries = [
        FaqEntry(
            "yes",
            "null: what does # mean?",
            "Line one: \"quoted\" and 'single'.\nLine two — ✊ [fill in]\n\n- not a list",
            tags=("on", "no", "money-2026"),
            alternates=("- dash first", "yes", "¿Cuánto? 100%", "x: y"),
        ),
        FaqEntry(
            "pago",
            "¿Cuándo pagan?",
            "Cada viernes.",
            language="es",
            translates="yes",
            tags=("dinero",),
        ),
    ]
    assert parse_faq(dump_faq(entries)) == entries
