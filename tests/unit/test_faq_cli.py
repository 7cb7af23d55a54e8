"""`unionbot faq load|ask|eval`, through an argparse parser as the `unionbot` command does."""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

import pytest

from bot.cli.errors import CommandError
from bot.cli.faq import add_commands
from bot.faq.loader import load_faq
from bot.faq.service import FaqService
from bot.settings import load_settings
from storage.database import Database
from storage.faq import FaqEntry, FaqRepository
from tests.conftest import TEST_SECRET
from tests.unit.test_faq_service import SAMPLE_FAQ


def run(*argv: str) -> None:
    parser = argparse.ArgumentParser(prog="unionbot")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    outcome = args.handler(load_settings(), args)
    if asyncio.iscoroutine(outcome):
        asyncio.run(outcome)


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A migrated database named by DATABASE_PATH, as `unionbot db migrate` leaves it."""
    path = tmp_path / "bot.sqlite3"
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(path))

    async def migrate() -> None:
        async with Database(path) as db:
            await db.migrate()

    asyncio.run(migrate())
    return path


@pytest.fixture
def faq_file(tmp_path: Path) -> Path:
    path = tmp_path / "faq.yaml"
    path.write_text(SAMPLE_FAQ, encoding="utf-8")
    return path


def count_entries(path: Path) -> int:
    async def count() -> int:
        async with Database(path) as db:
            return await db.fetchval("SELECT COUNT(*) FROM faq_entries")

    return asyncio.run(count())


def test_load_then_ask_json(
    database: Path, faq_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("faq", "load", str(faq_file))
    assert "loaded 9 FAQ entries" in capsys.readouterr().out
    run("faq", "ask", "how much do we get paid per picket shift", "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["kind"] == "answer" and result["entry_id"] == "strike-pay"
    assert result["candidates"][0]["id"] == "strike-pay"
    assert {"confidence", "coverage", "title_coverage", "bm25"} <= set(result["candidates"][0])


def test_ask_text_output_for_unknown(
    database: Path, faq_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("faq", "load", str(faq_file))
    capsys.readouterr()
    run("faq", "ask", "what's the wifi password")
    assert capsys.readouterr().out.startswith("unknown:")


def test_bad_file_changes_nothing(database: Path, faq_file: Path, tmp_path: Path) -> None:
    run("faq", "load", str(faq_file))
    bad = tmp_path / "bad.yaml"
    bad.write_text('- id: only\n  question: "No answer here?"\n', encoding="utf-8")
    with pytest.raises(CommandError, match=r'bad.yaml line 1: entry "only" has no answer'):
        run("faq", "load", str(bad))
    assert count_entries(database) == 9


def test_eval_scores_questions(
    database: Path, faq_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("faq", "load", str(faq_file))
    questions = tmp_path / "questions.yaml"
    questions.write_text(
        '- q: "where do we picket"\n  id: picket-sites\n'
        '- q: "is my ballot anonymous"\n  id: secret-ballot\n'
        '- q: "best tacos in town?"\n  id: null\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    run("faq", "eval", str(questions), "--json")
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["answerable"] == 2 and summary["out_of_scope"] == 1
    assert summary["top1"] == 1.0 and summary["unknown_correct"] == 1.0
    assert summary["wrong_answers"] == 0
    run("faq", "eval", str(questions))
    assert "top-1" in capsys.readouterr().out


def test_eval_with_faq_file_needs_no_database(
    monkeypatch: pytest.MonkeyPatch, faq_file: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "absent.sqlite3"))
    questions = tmp_path / "q.yaml"
    questions.write_text('- q: "where are picket lines"\n  id: picket-sites\n', encoding="utf-8")
    run("faq", "eval", str(questions), "--faq", str(faq_file))
    assert not (tmp_path / "absent.sqlite3").exists()
    run("faq", "ask", "hello")  # without --faq: the bot's database, made as every command does
    assert (tmp_path / "absent.sqlite3").exists()


def test_eval_rejects_unknown_ids_and_bad_files(
    database: Path, faq_file: Path, tmp_path: Path
) -> None:
    run("faq", "load", str(faq_file))
    questions = tmp_path / "q.yaml"
    questions.write_text('- q: "x"\n  id: no-such-entry\n', encoding="utf-8")
    with pytest.raises(CommandError, match="ids not in the FAQ: no-such-entry"):
        run("faq", "eval", str(questions))
    questions.write_text('- q: "x"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 1: item has no id"):
        run("faq", "eval", str(questions))


def test_load_opens_and_migrates_the_database_as_every_command_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, faq_file: Path
) -> None:
    """A fresh install's first `faq load`, and a database from before the FAQ tables."""
    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    fresh = tmp_path / "new" / "bot.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(fresh))
    run("faq", "load", str(faq_file))
    assert count_entries(fresh) > 0

    old = tmp_path / "old.sqlite3"
    monkeypatch.setenv("DATABASE_PATH", str(old))

    async def empty() -> None:
        async with Database(old):
            pass

    asyncio.run(empty())
    run("faq", "load", str(faq_file))
    assert count_entries(old) == count_entries(fresh)


def test_load_warns_about_text_left_to_fill_in(
    database: Path, faq_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("faq", "load", str(faq_file))
    assert "warning" not in capsys.readouterr().err  # nothing in [brackets]
    starter = Path(__file__).parents[2] / "bot" / "examples" / "faq.yaml"
    run("faq", "load", str(starter))
    err = capsys.readouterr().err
    assert "entries still have text in [brackets] to fill in" in err
    assert "  strike-pay (en): [$X] [N]" in err and "  pago-de-huelga (es): [$X] [N]" in err
    assert count_entries(database) > 0  # loaded all the same: the leader decides


def chat_changes(path: Path) -> None:
    """What stewards and leaders do in chat: link a member's wording, add and pair an entry."""

    async def change() -> None:
        async with Database(path) as db:
            service = FaqService(db)
            await service.link("strike-pay", "cuánto nos dan x turno")
            spanish = FaqEntry("lineas", "¿Dónde están las líneas?", "Afuera.", language="es")
            await service.add(spanish)
            await service.pair("lineas", "picket-sites")

    asyncio.run(change())


def stored(path: Path) -> list[FaqEntry]:
    async def read() -> list[FaqEntry]:
        async with Database(path) as db:
            return await FaqRepository(db).all()

    return asyncio.run(read())


def test_load_refuses_to_drop_what_was_added_in_chat(
    database: Path, faq_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("faq", "load", str(faq_file))
    run("faq", "load", str(faq_file))  # the same file again: nothing to lose
    chat_changes(database)
    before = stored(database)
    with pytest.raises(CommandError) as refused:
        run("faq", "load", str(faq_file))
    message = str(refused.value)
    assert "nothing was changed" in message
    assert "entries not in the file (1): lineas" in message
    assert 'strike-pay: "cuánto nos dan x turno"' in message
    assert "unionbot faq export" in message and "--replace" in message
    assert stored(database) == before
    capsys.readouterr()
    run("faq", "load", str(faq_file), "--replace")
    assert "loaded 9 FAQ entries" in capsys.readouterr().out
    assert [e.alternates for e in stored(database) if e.id == "strike-pay"] == [()]


def test_export_writes_what_load_reads_back(
    database: Path, faq_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("faq", "load", str(faq_file))
    chat_changes(database)
    before = stored(database)
    exported = tmp_path / "current.yaml"
    run("faq", "export", str(exported))
    assert "exported 10 FAQ entries" in capsys.readouterr().out
    text = exported.read_text(encoding="utf-8")
    assert "cuánto nos dan x turno" in text and "translates: picket-sites" in text
    assert "tags: [money]" in text
    assert load_faq(exported) == before
    run("faq", "load", str(exported))  # nothing lost: no --replace needed
    assert stored(database) == before
    capsys.readouterr()
    run("faq", "export", "-")
    assert capsys.readouterr().out == text


def test_export_refuses_an_existing_file_or_an_empty_faq(
    database: Path, faq_file: Path, tmp_path: Path
) -> None:
    kept = tmp_path / "mine.yaml"
    kept.write_text("my own edits\n", encoding="utf-8")
    with pytest.raises(CommandError, match="the FAQ is empty"):
        run("faq", "export", str(tmp_path / "new.yaml"))
    assert not (tmp_path / "new.yaml").exists()
    run("faq", "load", str(faq_file))
    with pytest.raises(CommandError, match=r"mine\.yaml exists; nothing was written"):
        run("faq", "export", str(kept))
    assert kept.read_text(encoding="utf-8") == "my own edits\n"
    run("faq", "export", str(kept), "--force")
    assert len(load_faq(kept)) == 9
    assert not list(tmp_path.glob("*.partial"))


def test_before_any_load_everything_in_the_faq_counts_as_added_in_chat(
    database: Path, faq_file: Path
) -> None:
    """A leader who built the FAQ in chat only: the first file loaded over it is refused."""

    async def add() -> None:
        async with Database(database) as db:
            await FaqService(db).add(FaqEntry("parking", "Where do I park?", "On Elm Street."))

    asyncio.run(add())
    with pytest.raises(CommandError, match=r"entries not in the file \(1\): parking"):
        run("faq", "load", str(faq_file))
    assert [e.id for e in stored(database)] == ["parking"]
