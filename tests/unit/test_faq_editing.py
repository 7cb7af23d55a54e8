"""FAQ edits typed in chat: ids made from questions, topics, limits."""

from __future__ import annotations

import pytest

from bot.faq.editing import FaqEditError, check_answer, check_question, new_id, parse_tags
from bot.faq.loader import ID_PATTERN


def test_ids_come_from_the_question_and_stay_unique() -> None:
    assert new_id("Can we bring dogs to the picket?", set()) == "can-we-bring-dogs-to-the-picket"
    assert new_id("¿Cuánto es el pago?", {"cuanto-es-el-pago"}) == "cuanto-es-el-pago-2"
    assert new_id("???", set()) == "entry"
    long_id = new_id("word " * 40, set())
    assert ID_PATTERN.match(long_id) and not long_id.endswith("-")


def test_topics() -> None:
    assert parse_tags(" Money, picket ,money") == ("money", "picket")
    assert parse_tags("-") == ()
    for bad in ("<b>x</b>", "two words", ",", ",".join(f"t{n}" for n in range(9))):
        with pytest.raises(FaqEditError) as error:
            parse_tags(bad)
        assert error.value.code == "bad_tags"


def test_limits() -> None:
    assert check_question("  Why?  ") == "Why?"
    with pytest.raises(FaqEditError, match="question_too_long"):
        check_question("x" * 301)
    with pytest.raises(FaqEditError, match="answer_too_long"):
        check_answer("x" * 3801)
    with pytest.raises(FaqEditError, match="empty"):
        check_answer("   ")
