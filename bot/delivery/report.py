"""How a broadcast's progress and final report read in the sender's chat."""

from __future__ import annotations

from bot.i18n import Safe, format_number, t
from storage.delivery import Progress

BAR_WIDTH = 10


def bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """'▓▓▓▓▓░░░░░' for half done."""
    filled = width if total == 0 else min(width, round(width * done / total))
    return "▓" * filled + "░" * (width - filled)


def progress_text(language: str, progress: Progress) -> Safe:
    """'Sending 1,200 / 2,400 ▓▓▓▓▓░░░░░'."""
    return t(
        language,
        "delivery.progress",
        done=progress.handled,
        total=progress.total,
        bar=bar(progress.handled, progress.total),
    )


def final_report(language: str, progress: Progress) -> Safe:
    """Delivered, skipped (muted / unreachable), failed with reasons."""
    lines = [
        t(language, "delivery.done", total=progress.total),
        t(language, "delivery.delivered", count=progress.sent),
    ]
    if progress.skipped:
        reasons = ", ".join(
            f"{t(language, 'delivery.reason.' + r) if r in _KNOWN_SKIPS else r} "
            f"{format_number(language, n)}"
            for r, n in sorted(progress.skips.items())
        )
        lines.append(t(language, "delivery.skipped", count=progress.skipped, reasons=reasons))
    if progress.failed:
        lines.append(t(language, "delivery.failed", count=progress.failed))
        lines += [
            t(language, "delivery.failure", reason=reason, count=count)
            for reason, count in sorted(progress.failures.items(), key=lambda item: -item[1])[:5]
        ]
    return Safe("\n".join(lines))


_KNOWN_SKIPS = {"muted", "unreachable", "cancelled"}
