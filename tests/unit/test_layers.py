"""The import rule (docs/architecture.md), read from the source with `ast`.

handlers/ → bot/ (services) → storage/, one direction only:
- storage/ imports no other layer of ours, and not `telegram`;
- services (bot/ outside its Telegram side) never import `telegram`, handlers/ or sandbox/;
- the Telegram side of bot/ is bot/runtime/ (the Application, transport, persistence, the
  handler context), bot/delivery/ (the sender and its rate limiter) and bot/cli/ (one-off
  Bot API calls); only bot/runtime/app.py (which wires the handlers) and bot/cli/ import
  handlers/, and only the CLI's `demo` imports sandbox/;
- handlers/ never import sandbox/ or bot/cli/;
- sandbox/ (the emulator, a development tool) is imported by nothing of the product but
  the `demo` command.
Imports under `if TYPE_CHECKING:` are annotations only and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TELEGRAM_SIDE = ("bot/runtime/", "bot/delivery/", "bot/cli/")
MAY_IMPORT_HANDLERS = ("bot/runtime/app.py", "bot/cli/")
MAY_IMPORT_SANDBOX = ("bot/cli/main.py",)


def imports_of(path: Path) -> set[str]:
    """Top-level package-qualified names this module imports at run time."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    names: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def uses(names: set[str], package: str) -> list[str]:
    return sorted(n for n in names if n == package or n.startswith(package + "."))


def violations(folder: str, rule: str) -> list[str]:
    found = []
    for path in modules(folder):
        where, names = relative(path), imports_of(path)
        banned: list[str] = []
        if rule == "storage":
            for package in ("telegram", "bot", "handlers", "sandbox"):
                banned += uses(names, package)
        elif rule == "bot":
            if not where.startswith(TELEGRAM_SIDE):
                banned += uses(names, "telegram")
            if not where.startswith(MAY_IMPORT_HANDLERS):
                banned += uses(names, "handlers")
            if where not in MAY_IMPORT_SANDBOX:
                banned += uses(names, "sandbox")
        elif rule == "handlers":
            banned += uses(names, "sandbox") + uses(names, "bot.cli")
        found += [f"{where} imports {name}" for name in sorted(set(banned))]
    return found


@pytest.mark.parametrize("folder", ["storage", "bot", "handlers"])
def test_imports_go_one_way(folder: str) -> None:
    assert violations(folder, folder) == []


def test_the_rule_sees_a_violation(tmp_path: Path) -> None:
    """The checker itself: each kind of wrong import is caught, TYPE_CHECKING ones are not."""
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "import telegram\n"
        "from handlers.common import reply\n"
        "if TYPE_CHECKING:\n"
        "    from sandbox import Sandbox\n"
    )
    names = imports_of(module)
    assert uses(names, "telegram") == ["telegram"]
    assert uses(names, "handlers") == ["handlers.common", "handlers.common.reply"]
    assert uses(names, "sandbox") == []


def test_every_feature_is_one_name_in_each_layer() -> None:
    """Where a feature lives: the same name under bot/ and handlers/ (and storage/)."""
    features = ("membership", "updates", "votes", "surveys", "faq", "tickets")
    for feature in features:
        assert (ROOT / "bot" / feature / "__init__.py").is_file(), feature
        assert (ROOT / "handlers" / feature / "__init__.py").is_file(), feature
        assert (ROOT / "bot" / "cli" / f"{feature}.py").is_file() or feature in (
            "updates",
            "tickets",
        ), feature


# What handlers never touch: a service's repository, and the repositories and database
# that Services holds for the services themselves (members, audit log, the database).
NOT_FOR_HANDLERS = {"repo", "members", "audit", "db", "pending"}


def storage_reaches(source: str) -> list[tuple[int, str]]:
    """(line, attribute) for every `x.repo`, `x.members`, `x.audit`, `x.db`, `x.pending`."""
    return [
        (node.lineno, node.attr)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr in NOT_FOR_HANDLERS
    ]


def test_handlers_reach_no_repository_and_no_database() -> None:
    """Handlers call services (`services.accounts`, `services.votes`, ...), never the
    repository behind a service, the members repository, the audit log or the database."""
    reaches = [
        f"{relative(path)}:{line} .{attr}"
        for path in modules("handlers")
        for line, attr in storage_reaches(path.read_text())
    ]
    assert reaches == []


def test_the_storage_rule_sees_a_reach() -> None:
    """The checker itself: each forbidden attribute is caught, a service call is not."""
    source = (
        "async def h(context):\n"
        "    s = context.services\n"
        "    await s.members.get(1)\n"
        "    await context.services.audit.record('x', 'y')\n"
        "    await s.db.checkpoint()\n"
        "    await s.votes.repo.get(1)\n"
        "    await s.pending.clear(1, 1)\n"
        "    await s.accounts.get(1)\n"
    )
    assert storage_reaches(source) == [
        (3, "members"),
        (4, "audit"),
        (5, "db"),
        (6, "repo"),
        (7, "pending"),
    ]


# The wiring (builds every service and the delivery engine they are handed) and the
# `python3 -m bot` entry point: outside the Telegram side, only these reach telegram
# through what they import.
WIRING = ("bot/services.py", "bot/__main__.py")


def module_file(name: str) -> Path | None:
    """The file of one of our modules named `name` (a package's __init__.py), if any."""
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def loaded_by(path: Path) -> set[str]:
    """Every module importing `path` runs at run time, ours followed to the end."""
    seen: set[str] = set()
    todo = [path]
    done: set[Path] = set()
    while todo:
        current = todo.pop()
        if current in done:
            continue
        done.add(current)
        for name in imports_of(current):
            parts = name.split(".")
            for i in range(1, len(parts) + 1):  # a.b.c runs a, a.b and a.b.c
                prefix = ".".join(parts[:i])
                seen.add(prefix)
                if (found := module_file(prefix)) is not None:
                    todo.append(found)
    return seen


def test_services_do_not_reach_telegram_through_what_they_import() -> None:
    """Not even indirectly: a service hands plain `bot.outgoing` messages to the delivery
    engine it is given; importing the engine (which speaks Telegram) is the wiring's job."""
    reached = [
        f"{relative(path)} reaches {name}"
        for path in modules("bot")
        if not relative(path).startswith(TELEGRAM_SIDE) and relative(path) not in WIRING
        for name in sorted(uses(loaded_by(path), "telegram"))[:1]
    ]
    assert reached == []


def test_the_indirect_rule_follows_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checker itself: telegram two modules away is found, through a package too."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("import telegram.ext\n")
    (tmp_path / "pkg" / "inner.py").write_text("X = 1\n")
    (tmp_path / "a.py").write_text("from pkg.inner import X\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert uses(loaded_by(tmp_path / "a.py"), "telegram") == ["telegram", "telegram.ext"]
