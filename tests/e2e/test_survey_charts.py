"""📊 Charts on a closed survey's results: one PNG per question plus one per breakdown that
the disclosure plan publishes (docs/surveys.md); a suppressed group is never drawn."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

from bot import charts
from sandbox import SimUser
from sandbox.harness import Sandbox
from sandbox.users import SentMessage
from tests.e2e.membership import Union, build_union
from tests.e2e.surveys import close_survey, load_survey, seed_responses


@pytest.fixture
async def union(tmp_path: Path) -> AsyncIterator[Union]:
    async with Sandbox(tmp_path) as sandbox:
        yield await build_union(sandbox)


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every label drawn on a bar chart (the PNG itself is not readable text)."""
    labels: list[str] = []
    real = charts.bar_chart

    def recording(title: str, bars: Sequence[str], values: Sequence[float], **kw: object) -> bytes:
        labels.extend(bars)
        return real(title, bars, values, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(charts, "bar_chart", recording)
    return labels


async def charts_of(
    sandbox: Sandbox, user: SimUser, groups: list[tuple[str, str, int]]
) -> list[SentMessage]:
    stored = await load_survey(sandbox)
    await seed_responses(sandbox, stored, groups)
    await close_survey(sandbox, stored)
    user.mark_read()
    await user.send("/results check")
    await sandbox.settle()
    results = [m for m in user.inbox if m.buttons and "📊 Charts" in m.buttons[-1]]
    user.mark_read()
    await user.press("📊 Charts", results[-1])
    await sandbox.settle()
    photos = [m for m in user.inbox if m.photo is not None]
    assert photos and all(p.photo.content.startswith(b"\x89PNG") for p in photos)  # type: ignore[union-attr]
    return photos


# Every worksite and classification large enough to publish: both breakdowns are charted.
LARGE_GROUPS = [
    ("Downey", "Psychologist", 5),
    ("Downey", "Therapist", 5),
    ("Irvine", "Psychologist", 5),
    ("Irvine", "Therapist", 6),
]


async def test_charts_include_the_breakdowns_that_are_published(
    union: Union, drawn: list[str]
) -> None:
    photos = await charts_of(union.sandbox, union.lee, LARGE_GROUPS)
    captions = [p.text for p in photos]
    overall = [c for c in captions if "—" not in c]
    assert overall[0].startswith("1. Protected hours a week?")
    by_site = [c for c in captions if c.endswith("— worksite")]
    by_class = [c for c in captions if c.endswith("— classification")]
    assert by_site and by_class
    assert "1. Protected hours a week? — worksite" in by_site
    assert len(captions) == len(overall) + len(by_site) + len(by_class)
    assert any(label.startswith("Downey") for label in drawn)
    assert any(label.startswith("Psychologist") for label in drawn)


async def test_suppressed_groups_are_never_charted(union: Union, drawn: list[str]) -> None:
    groups = [
        ("Downey", "Psychologist", 4),
        ("Downey", "Therapist", 2),
        ("Irvine", "Therapist", 6),
        ("Tustin", "Psychologist", 3),
        ("Santa Ana", "Nurse", 2),
    ]
    photos = await charts_of(union.sandbox, union.lee, groups)
    captions = [p.text for p in photos]
    # Worksites: Tustin and Santa Ana merged into Other; classifications withheld (a
    # difference of published figures would isolate Downey's 2 therapists).
    assert any(c.endswith("— worksite") for c in captions)
    assert not any(c.endswith("— classification") for c in captions)
    assert any(label.startswith("Other") for label in drawn)
    for hidden in ("Tustin", "Santa Ana", "Therapist", "Nurse", "Psychologist"):
        assert not any(hidden in label for label in drawn), hidden


async def test_a_steward_gets_no_breakdown_inside_their_worksite(
    union: Union, drawn: list[str]
) -> None:
    photos = await charts_of(union.sandbox, union.sam, LARGE_GROUPS)  # Sam stewards Downey
    assert not any("—" in p.text for p in photos)  # Downey alone: nothing to break down
    assert not any("Irvine" in label or "Therapist" in label for label in drawn)
