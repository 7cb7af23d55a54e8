"""Leaders load a survey by sending its YAML file (preview, then Confirm) or from the
command line; an invalid file is explained line by line and nothing is stored."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.cli import main
from sandbox.harness import Sandbox
from tests.e2e.membership import Union, build_union, verify_by_contact
from tests.e2e.surveys import survey_yaml

EXAMPLE = Path(__file__).parents[2] / "bot" / "examples" / "surveys" / "workload.yaml"


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


async def survey_count(sandbox: Sandbox) -> int:
    return await sandbox.services.db.fetchval("SELECT COUNT(*) FROM surveys")


async def test_leader_sends_a_file_previews_and_confirms(union: Union) -> None:
    sandbox, lee = union.sandbox, union.lee
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    ana.mark_read()
    await lee.send_document("check.yaml", survey_yaml(sandbox).encode(), "application/x-yaml")
    preview = await lee.next_message()
    assert "Workload check" in preview.text and "Load this survey?" in preview.text
    assert "6. Main reason? — one choice · only if leave" in preview.text
    assert "7. Anything else? — written answer (optional)" in preview.text
    assert await survey_count(sandbox) == 0  # nothing stored before Confirm
    confirm = preview.button_data[0][0]
    await lee.press("✅ Load survey", preview)
    assert "is loaded" in (await lee.next_message()).text
    assert await survey_count(sandbox) == 1
    announcement = await ana.next_message()
    assert "Workload check" in announcement.text and announcement.buttons == [["▶️ Start"]]
    await lee.press_data(confirm, preview)  # pressed again: the preview is spent
    await sandbox.settle()
    assert lee.callback_answers[-1] == (
        "This preview has expired. Please send the file again.",
        True,
    )
    audit = await sandbox.services.audit.recent(action="survey.load")
    assert audit[0].actor == f"tg:{lee.id}" and audit[0].subject == "check"


async def test_cancel_stores_nothing_and_members_cannot_load(union: Union) -> None:
    sandbox, lee = union.sandbox, union.lee
    await lee.send_document("check.yaml", survey_yaml(sandbox).encode())
    await lee.press("✖️ Cancel", await lee.next_message())
    assert "nothing was saved" in (await lee.next_message()).text
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    ana.mark_read()
    await ana.send_document("check.yaml", survey_yaml(sandbox).encode())
    assert "Only union leaders can load surveys." in (await ana.next_message()).text
    await ana.press_data("v1:survey:load:abcd1234")
    await sandbox.settle()
    assert ana.callback_answers[-1] == ("Only union leaders can load surveys.", True)
    assert await survey_count(sandbox) == 0


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (lambda y: y.replace("    max_length: 50\n", "    max_length: [50\n"), "not valid YAML"),
        (
            lambda y: y.replace("type: scale", "type: stars"),
            "line 32: question \"leave\": type: 'stars' is unknown; use single, multiple",
        ),
        (
            lambda y: y.replace("    min: 0\n    max: 500", "    min: 500\n    max: 0"),
            'line 18: question "caseload": max should be greater than min (500)',
        ),
        (
            lambda y: y.replace("{question: leave, min: 4}", "{question: comment, min: 4}"),
            'line 41: question "reason": show_if: refers to "comment", which is not an earlier',
        ),
        (
            lambda y: y.replace("options: [Workload, Pay]", "options: [Workload]"),
            'question "reason": options should be a list of at least 2 choices',
        ),
        (lambda y: y.replace("closes_at: 20", "closes_at: 19"), "closes_at is in the past"),
        (
            lambda y: y.replace("    unit:", "    units:"),
            "line 13: question \"hours\": unknown field 'units' (did you mean 'unit'?)",
        ),
        # The same rule as votes' texts (bot/texts.py): every language, and only those.
        (
            lambda y: y.replace("unit: {en: hours, es: horas}", "unit: {en: hours}"),
            'line 13: question "hours": unit: the Spanish text (es:) is missing',
        ),
        (
            lambda y: y.replace("es: Control de carga", "sp: Control de carga"),
            "line 2: title: unknown language 'sp' (did you mean 'es'?)",
        ),
        (
            lambda y: y.replace("es: horas}", "es: ''}"),
            'line 13: question "hours": unit: the Spanish text (es:) is empty',
        ),
    ],
)
async def test_invalid_files_are_explained_and_nothing_is_stored(
    union: Union, broken: object, expected: str
) -> None:
    sandbox, lee = union.sandbox, union.lee
    text = broken(survey_yaml(sandbox))  # type: ignore[operator]
    await lee.send_document("check.yaml", text.encode())
    reply = await lee.next_message()
    assert "That survey file has problems — nothing was saved" in reply.text
    assert expected in reply.text, reply.text
    assert not reply.buttons
    assert await survey_count(sandbox) == 0


async def test_yaml_that_is_not_a_survey_is_left_alone(union: Union) -> None:
    sandbox, lee = union.sandbox, union.lee
    await lee.send_document("faq.yaml", b"- id: strike-pay\n  question: q\n  answer: a\n")
    await sandbox.settle()
    lee.mark_read()
    assert await survey_count(sandbox) == 0


def test_cli_load_list_results_close(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import TEST_SECRET

    monkeypatch.setenv("SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "cli.sqlite3"))
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text().replace("type: scale", "type: stars"))
    assert main(["survey", "load", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.yaml line 54: question \"intent_to_leave\": type: 'stars' is unknown" in err
    assert "1 problem in bad.yaml; nothing was stored" in err
    assert main(["survey", "list"]) == 0
    assert "no surveys yet" in capsys.readouterr().out

    assert main(["survey", "load", str(EXAMPLE)]) == 0
    assert "loaded workload-2025: 8 questions, anonymous" in capsys.readouterr().out
    assert main(["survey", "results", "workload-2025"]) == 2
    assert "has not opened yet" in capsys.readouterr().err
    assert main(["survey", "close", "workload-2025"]) == 0
    capsys.readouterr()
    export = tmp_path / "out.csv"
    assert (
        main(
            [
                "survey",
                "results",
                "workload-2025",
                "--by",
                "worksite",
                "--json",
                "--csv",
                str(export),
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["responses"] == 0 and data["hidden"] is True and data["minimum_group"] == 5
    assert export.read_text().startswith("worksite,classification,protected_hours")
    assert main(["survey", "results", "nope"]) == 2
    assert 'no survey "nope"' in capsys.readouterr().err
