"""The Spanish review holds (docs/i18n.md): no slash forms, no Spain-isms or anglicisms, one
word per concept, and no English word a Spanish-speaking member is asked to type.

Scans every Spanish catalog template and every Spanish text of the example files (FAQ,
vote, survey). A deny-list: when one of these comes back, the test names the key and the
word, and docs/i18n.md's glossary says what to write instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
import yaml

from bot.i18n import catalog, templates
from handlers.keywords import WORDS, keyword

# (pattern, why): each found case-insensitively in text without tags and placeholders.
DENIED = [
    (r"[^\W\d_]/[^\W\d_]|[^\W\d_]/(as|os)\b", "slash form (verificado/a, y/o): rephrase"),
    (r"\bañad\w*", "Spain: añadir → agregar"),
    (r"\bpadr[oó]n\b", "Spain: padrón → lista de miembros, lista de votantes"),
    (r"\bm[oó]vil(es)?\b", "Spain: móvil → celular"),
    (r"\bordenador(es)?\b", "Spain: ordenador → computadora"),
    (r"\bvosotr[oa]s\b|\bvuestr[oa]s?\b|\w+[áé]is\b", "Spain: vosotros → ustedes (or tú)"),
    (r"\bcaduc\w*", "Spain: caducar → vencer"),
    (r"\bcoger\b|\bcoche\b|\bfichero\b", "Spain-ism (coger is vulgar in Mexico)"),
    (r"\b\d{1,3}(\.\d{3})+\b|\b\d+,\d{1,2}\b", "Spain's numbers (4.000, 7,5) → 4,000 and 7.5"),
    (r"\busted(es)?\b|\b(le|les) ayuda\b|\bsu salario\b", "usted → tú"),
    (r"(?-i:\bFAQ\b)", "anglicism: el FAQ → las preguntas frecuentes"),
    (r"\btickets?\b", "anglicism: ticket → consulta"),
    (r"de nuestro lado", "anglicism (on our side): say what failed"),
    (r"\bque apliquen?\b", "anglicism (that apply) → que correspondan"),
    (r"\bcuando (has|ha|han) \w+(ado|ido)\b", "future after cuando takes the subjunctive: hayas"),
    (r"\btodos\s+(\w+\s+)?clasificaciones\b", "clasificación is feminine: todas"),
    (r"(?<!la )\bbienvenid[oa]s?\b", "gendered: te damos la bienvenida"),
    (r"\bdelegad[oa]s?\b", "steward → representante sindical"),
    (r"\bdirigentes?\b|\bdirectiva\b|\bdirecci[oó]n\b", "leaders → el liderazgo, líder"),
    (r"\badministraci[oó]n\b", "reads as the employer's management: admin del bot"),
    (r"\bhuella\b|\bcifrad[oa]\b", "a hash: say what it is for the member (un código)"),
    (r"\bfiduciari[oa]s?\b", "trustee → el comité de conteo (gendered otherwise)"),
    (r"\bempresa\b", "the employer → el empleador"),
]


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>|\{[^}]*\}", " ", text))


def _example_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every Spanish text in the example files."""
    examples = resources.files("bot.examples")

    def spanish(where: str, value: Any) -> Iterator[tuple[str, str]]:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "es" and isinstance(inner, str):
                    yield where, inner
                else:
                    yield from spanish(f"{where}.{key}", inner)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from spanish(f"{where}[{index}]", item)

    for name in ("votes/strike-authorization.yaml", "surveys/workload.yaml"):
        yield from spanish(name, yaml.safe_load(examples.joinpath(name).read_text("utf-8")))
    for entry in yaml.safe_load(examples.joinpath("faq.yaml").read_text("utf-8")):
        if entry.get("language") == "es":
            for field in ("question", "answer"):
                yield f"faq.yaml {entry['id']}.{field}", entry[field]
            for alternate in entry.get("alternates", []):
                yield f"faq.yaml {entry['id']}.alternates", alternate


def spanish_texts() -> list[tuple[str, str]]:
    found = [
        (f"es:{key}", template)
        for key, entry in catalog("es").items()
        for template in templates(entry)
    ]
    return found + list(_example_texts())


def test_the_texts_are_found() -> None:
    texts = spanish_texts()
    assert len(texts) > 500
    assert any(where.startswith("faq.yaml") for where, _ in texts)
    assert any(where.startswith("surveys/") for where, _ in texts)


@pytest.mark.parametrize(("pattern", "why"), DENIED, ids=[why for _, why in DENIED])
def test_no_denied_spanish(pattern: str, why: str) -> None:
    found = [
        (where, match.group(0))
        for where, text in spanish_texts()
        if (match := re.search(pattern, _plain(text), re.IGNORECASE))
    ]
    assert not found, f"{why}: {found}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tu consulta #3 está abierta.", None),
        ("el ticket #3", "anglicism: ticket → consulta"),
        ("Añadir", "Spain: añadir → agregar"),
        ("Eres miembro verificado/a", "slash form (verificado/a, y/o): rephrase"),
        ("toca centros y/o clasificaciones", "slash form (verificado/a, y/o): rephrase"),
        ("Toca Todos las clasificaciones", "clasificación is feminine: todas"),
        ("cuando has verificado", "future after cuando takes the subjunctive: hayas"),
        ("unos 4.000 caracteres", "Spain's numbers (4.000, 7,5) → 4,000 and 7.5"),
        ("por ejemplo 7 o 7.5; 4,000 caracteres", None),
        ("/results ID <code>worksite</code>", None),
    ],
)
def test_the_deny_list_catches(text: str, expected: str | None) -> None:
    """Each rule bites (a deny-list that matched nothing would pass forever)."""
    hits = [why for pattern, why in DENIED if re.search(pattern, _plain(text), re.IGNORECASE)]
    assert hits == ([] if expected is None else [expected])


def test_no_english_word_to_type_in_spanish() -> None:
    """Command keywords shown to a Spanish reader are the Spanish ones."""
    english = {choice for choice, words in WORDS.items() if choice != "admin"}
    english |= {"yes", "all", "everyone"}
    found = [
        (where, word)
        for where, text in spanish_texts()
        for word in re.findall(r"[^\W\d_]+", _plain(text))  # "allí" is not "all"
        if word in english
    ]
    assert not found, found


@pytest.mark.parametrize(
    ("typed", "choices", "expected"),
    [
        ("centro", ("worksite", "classification"), "worksite"),
        ("Lugar", ("worksite", "classification"), "worksite"),
        ("clasificación", ("worksite", "classification"), "classification"),
        ("CLASIFICACION", ("worksite", "classification"), "classification"),
        ("classification", ("worksite", "classification"), "classification"),
        ("quitar", ("remove",), "remove"),
        ("agregar", ("add",), "add"),
        ("añadir", ("add",), "add"),
        ("Líder", ("member", "steward", "leader", "admin"), "leader"),
        ("lider", ("member", "steward", "leader", "admin"), "leader"),
        ("representante", ("member", "steward", "leader", "admin"), "steward"),
        ("emperador", ("member", "steward", "leader", "admin"), None),
        ("centro", ("remove",), None),
    ],
)
def test_keywords_in_either_language(
    typed: str, choices: tuple[str, ...], expected: str | None
) -> None:
    assert keyword(typed, *choices) == expected
