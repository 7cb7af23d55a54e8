"""Spanish-speaking staff type Spanish words after a command, never English ones.

Every command that takes a keyword shows the Spanish one in Spanish and accepts it (any
case, with or without accents), as well as the English one: `/results ID centro`,
`/results ID clasificación`, `/promote ID representante CENTRO`, `/stewardgroup quitar
CENTRO`, `/votes agregar VOTACIÓN ID`; a word it does not know gets the Spanish usage and
changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.i18n import t
from sandbox import SimUser
from sandbox.harness import Sandbox
from sandbox.users import SentMessage
from storage.members import Role
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.l10n import english_in
from tests.e2e.membership import Union, build_union, verify_by_contact
from tests.e2e.surveys import close_survey, load_survey, seed_responses
from tests.e2e.test_survey_results import GROUPS, results_messages
from tests.e2e.voting import create_vote, received, run_job


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path, admin_ids=(ADMIN_ID,)) as sandbox:
        yield await build_union(sandbox)


async def in_spanish(union: Union, user: SimUser, member_id: str) -> SimUser:
    await union.sandbox.services.members.set_language((await union.member(member_id)).id, "es")
    user.mark_read()
    return user


def plain(key: str, **values: object) -> str:
    """A catalog text as the chat shows it (tags gone)."""
    return re.sub(r"<[^>]+>", "", t("es", key, **values))


async def results_of(union: Union, user: SimUser, command: str) -> list[str]:
    await user.send(command)
    return [m.text for m in await results_messages(user, union.sandbox)]


async def test_results_by_centro_or_clasificacion(union: Union) -> None:
    sandbox = union.sandbox
    stored = await load_survey(sandbox)
    await seed_responses(sandbox, stored, GROUPS)
    await close_survey(sandbox, stored)
    lee = await in_spanish(union, union.lee, "L1")

    await lee.send("/results")
    [pick] = [m.text for m in await results_messages(lee, sandbox)]
    assert "centro o clasificación" in pick and "worksite" not in pick

    overall = await results_of(union, lee, "/results check")
    by_worksite = await results_of(union, lee, "/results check worksite")
    by_class = await results_of(union, lee, "/results check classification")
    assert by_worksite != overall and by_class != overall and by_worksite != by_class
    for typed in ("centro", "Lugar", "CENTRO"):
        assert await results_of(union, lee, f"/results check {typed}") == by_worksite, typed
    for typed in ("clasificación", "clasificacion", "Clasificación"):
        assert await results_of(union, lee, f"/results check {typed}") == by_class, typed
    audited = [e.detail["by"] for e in await sandbox.services.audit.recent(action="survey.results")]
    assert (
        audited[::-1]
        == ["all", "worksite", "classification"] + ["worksite"] * 3 + ["classification"] * 3
    )

    # A word it does not know: the Spanish usage, with the Spanish words; nothing shown.
    assert await results_of(union, lee, "/results check región") == [plain("survey.results_usage")]
    assert "centro o clasificación" in plain("survey.results_usage")
    assert len(await sandbox.services.audit.recent(action="survey.results")) == len(audited)


async def test_promote_with_a_spanish_role(union: Union) -> None:
    sandbox = union.sandbox
    rosa = sandbox.user("Rosa", user_id=ADMIN_ID, language_code="es")
    await rosa.send("/start")
    await sandbox.settle()
    ben = sandbox.user("Ben")
    await verify_by_contact(sandbox, ben, "A2")
    rosa.mark_read()

    await rosa.send("/promote")
    usage = await rosa.next_message()
    assert "/promote NÚMERO representante CENTRO" in usage.text and "steward" not in usage.text
    await rosa.send("/promote A2 representante Downey")
    done = await rosa.next_message()
    assert done.text == (
        "✅ Ben Okafor (A2) ahora tiene el rol: representante sindical\n"
        "Representante sindical de: Downey."
    )
    member = await union.member("A2")
    assert member.role is Role.STEWARD
    assert await sandbox.services.members.steward_worksites(member.id) == ["Downey"]
    await rosa.send("/promote A2 Lider")
    assert "ahora tiene el rol: líder" in (await rosa.next_message()).text
    assert (await union.member("A2")).role is Role.LEADER
    await rosa.send("/promote A2 jefa")
    assert (await rosa.next_message()).text == usage.text
    assert (await union.member("A2")).role is Role.LEADER
    await rosa.send("/promote A2 miembro")
    assert "ahora tiene el rol: miembro" in (await rosa.next_message()).text
    assert (await union.member("A2")).role is Role.MEMBER


async def test_stewardgroup_quitar(union: Union) -> None:
    sandbox = union.sandbox
    rosa = sandbox.user("Rosa", user_id=ADMIN_ID, language_code="es")
    group = sandbox.emulator.add_group("Representantes de Downey", members=[rosa, union.sam])
    tickets = sandbox.services.tickets
    await rosa.send("/stewardgroup", chat=group)
    await sandbox.settle()
    assert "<code>/stewardgroup quitar CENTRO</code>" in t(
        "es", "stewardgroup.usage", worksites="—"
    )
    assert "/stewardgroup quitar CENTRO" in group.inbox[-1].text
    await rosa.send("/stewardgroup Downey", chat=group)
    await sandbox.settle()
    assert group.inbox[-1].text.startswith("✅ Las consultas de los miembros de Downey")
    assert await tickets.worksites_of_group(group.id) == ["Downey"]
    await rosa.send("/stewardgroup Quitar Downey", chat=group)
    await sandbox.settle()
    assert group.inbox[-1].text == plain("stewardgroup.removed", worksite="Downey")
    assert await tickets.worksites_of_group(group.id) == []
    await rosa.send("/stewardgroup quitar Downey", chat=group)  # again: it no longer gets them
    await sandbox.settle()
    assert group.inbox[-1].text == plain("stewardgroup.not_served", worksite="Downey")


async def test_votes_agregar(union: Union) -> None:
    sandbox = union.sandbox
    lee = await in_spanish(union, union.lee, "L1")
    vote = await create_vote(sandbox)
    await run_job(sandbox, "vote.open", str(vote.id))
    await sandbox.settle()
    # Ana verifies after the vote opened: she is not on its roll until a leader adds her.
    ana = sandbox.user("Ana")
    await verify_by_contact(sandbox, ana, "A1")
    lee.mark_read()
    await lee.send(f"/votes agregar {vote.id} A1")
    added = await received(lee, "A1")
    assert added.text == plain("votes.add.done", member_id="A1", number=vote.id)
    await received(ana, "Do you authorize a strike?")
    await lee.send(f"/votes añadir {vote.id} A1")
    again = await received(lee, "ya está en la lista de votantes")
    assert again.text == plain("votes.error.already_on_roll", member_id="A1")
    await lee.send("/votes agregar uno A1")
    usage = (await received(lee, "Uso:")).text
    assert usage == plain("votes.add.usage") and "/votes agregar 3 40211" in usage
    [entry] = await sandbox.services.audit.recent(action="vote.roll_add")
    assert entry.subject == f"vote:{vote.id}"


async def test_newvote_wizard_takes_spanish_words(union: Union) -> None:
    """A Spanish-speaking leader's misspelt worksite is explained in Spanish; `todas` typed
    works like the Todas las clasificaciones button."""
    lee = await in_spanish(union, union.lee, "L1")

    async def answer(text: str) -> SentMessage:
        await lee.send(text)
        return await lee.next_message()

    await answer("/newvote")
    await answer("¿Autorizas una huelga?")
    await answer("Igual que en español")
    worksites = await answer("Sí / No")
    assert worksites.reply_keyboard == [["Todos los centros"]]
    wrong = await answer("Dwney")
    assert wrong.text == (
        "“Dwney” no está en la lista de miembros. ¿Quisiste decir “Downey”? "
        "Escríbelo como aparece en la lista, o toca el botón de abajo."
    )
    unknown = await answer("Marte")
    assert unknown.text.startswith("“Marte” no está en la lista de miembros. La lista tiene: ")
    classes = await answer("Downey")
    assert "¿qué clasificaciones votan?" in classes.text
    assert classes.reply_keyboard == [["Todas las clasificaciones"]]
    opens = await answer("todas")
    assert opens.text.startswith("Paso 5")
    shown = [wrong.text, unknown.text, classes.text, opens.text]
    assert not [text for text in shown if english_in(text)], shown
    draft = union.sandbox.application.user_data[lee.id]["newvote"]  # type: ignore[union-attr]
    assert draft["worksites"] == ("Downey",) and draft["classifications"] == ()
