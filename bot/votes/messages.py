"""How votes read in chat, in every language: cards, ballots, receipts, results, broadcasts.

A vote's question, options and description are texts in every language (bot/texts.py):
each reader gets them in their own, with the bot's words around them in the same.
They were typed by a leader, so they only ever reach HTML through `t()` values or
`html.escape`.
"""

from __future__ import annotations

import html
from fractions import Fraction
from typing import TYPE_CHECKING

from bot.callbacks import pack
from bot.charts import bar_chart, text_bars
from bot.i18n import LANGUAGES, Safe, format_percent, format_when, share_of, t
from bot.long_text import visible
from bot.outgoing import Button, Outgoing
from bot.texts import Text, say
from bot.votes.definition import VoteDefinition, format_duration
from bot.votes.receipts import display
from bot.votes.tally import Tally, Turnout
from storage.members import Member
from storage.votes import Vote

if TYPE_CHECKING:
    from bot.votes.service import TrusteeStatus


def _share(language: str, share: Fraction) -> str:
    """Fraction(1, 2) -> '50%'; Fraction(2, 3) -> '66.7%'."""
    return format_percent(language, share, decimals=1)


def question(language: str, vote: Vote) -> str:
    """The vote's question in `language`."""
    return say(vote.question, language)


def option(language: str, vote: Vote, index: int) -> str:
    """Option `index`'s label in `language`."""
    return say(vote.options[index], language)


def options(language: str, vote: Vote) -> list[str]:
    return [say(label, language) for label in vote.options]


def _description(language: str, text: Text | None, end: str = "") -> Safe:
    """The description in `language`, escaped (empty when the vote has none)."""
    return Safe(html.escape(say(text, language), quote=False) + end) if text else Safe("")


def threshold_text(language: str, vote: Vote) -> Safe:
    """'more than half of ballots cast' / 'at least two-thirds ...' / 'at least 60% ...'."""
    if vote.threshold_strict and (vote.threshold_num, vote.threshold_den) == (1, 2):
        return t(language, "vote.threshold.majority")
    if (vote.threshold_num, vote.threshold_den) == (2, 3):
        return t(language, "vote.threshold.two_thirds")
    share = _share(language, Fraction(vote.threshold_num, vote.threshold_den))
    key = "vote.threshold.more_than" if vote.threshold_strict else "vote.threshold.at_least"
    return t(language, key, share=share)


def quorum_text(language: str, vote: Vote) -> Safe:
    if vote.quorum_num is None or vote.quorum_den is None:
        return t(language, "vote.quorum.none")
    share = _share(language, Fraction(vote.quorum_num, vote.quorum_den))
    return t(language, "vote.quorum.share", share=share)


def rules(language: str, vote: Vote, tz_name: str) -> Safe:
    """The full definition: what leaders preview and see on a vote's card."""
    who = (
        ", ".join([*vote.worksites, *vote.classifications])
        if vote.worksites or vote.classifications
        else t(language, "vote.who.everyone")
    )
    reminders = ", ".join(format_duration(s) for s in vote.reminders) or t(
        language, "vote.reminders.none"
    )
    lines: list[str] = []
    # The texts in the reader's language, then in every other one: leaders check each.
    for shown in (language, *(other for other in LANGUAGES if other != language)):
        if shown != language:
            lines += ["", t(language, f"vote.rules.in_{shown}")]
        lines.append(t(language, "vote.rules.question", question=question(shown, vote)))
        if vote.description:
            lines.append(_description(shown, vote.description))
        lines.append(t(language, "vote.rules.options", options=" / ".join(options(shown, vote))))
    lines += [
        "",
        t(language, "vote.rules.who", who=who),
        t(language, "vote.rules.opens", when=format_when(language, vote.opens_at, tz_name)),
        t(language, "vote.rules.closes", when=format_when(language, vote.closes_at, tz_name)),
        t(
            language,
            "vote.rules.threshold",
            rule=threshold_text(language, vote),
            option=option(language, vote, 0),
        ),
        t(language, "vote.rules.quorum", rule=quorum_text(language, vote)),
        t(
            language,
            "vote.rules.results",
            who=t(
                language, "vote.results.members" if vote.show_results else "vote.results.leaders"
            ),
        ),
        t(language, "vote.rules.reminders", reminders=reminders),
    ]
    return Safe("\n".join(lines))


def state_label(language: str, vote: Vote) -> Safe:
    """'open', 'closed', or 'closed · sealed' while trustees have not unlocked the count."""
    return t(language, "vote.state.sealed" if vote.sealed else f"vote.state.{vote.state}")


def card(language: str, vote: Vote, tz_name: str) -> Safe:
    """A leader's view of one vote: number, state, rules."""
    head = t(language, "votes.card.title", number=vote.id, state=state_label(language, vote))
    return Safe(f"{head}\n\n{rules(language, vote, tz_name)}")


def listing_line(language: str, vote: Vote, tz_name: str) -> Safe:
    """'#3 · open until 2026-12-08 17:00 PST · Do you authorize ...'."""
    state = state_label(language, vote)
    moment = vote.closes_at if vote.state == "open" else vote.opens_at
    when = format_when(language, moment, tz_name)
    text = question(language, vote)
    text = text if len(text) <= 60 else text[:57] + "..."
    return t(language, "votes.list.line", number=vote.id, state=state, when=when, question=text)


# -- members ----------------------------------------------------------------------------


def ballot(language: str, vote: Vote, tz_name: str) -> tuple[Safe, tuple[tuple[Button, ...], ...]]:
    """The question and one button per option, in the member's language."""
    text = t(
        language,
        "vote.ballot",
        question=question(language, vote),
        description=_description(language, vote.description, "\n\n"),
        closes=format_when(language, vote.closes_at, tz_name),
    )
    buttons = tuple(
        (Button(label, pack("vote", "pick", vote.id, i)),)
        for i, label in enumerate(options(language, vote))
    )
    return text, buttons


def confirm(language: str, vote: Vote, choice: int) -> tuple[Safe, tuple[tuple[Button, ...], ...]]:
    """'You are voting X. Ballots cannot be changed. Confirm?'."""
    text = t(
        language,
        "vote.confirm",
        question=question(language, vote),
        option=option(language, vote, choice),
    )
    buttons = (
        (Button(t(language, "vote.button.confirm"), pack("vote", "cast", vote.id, choice)),),
        (Button(t(language, "vote.button.back"), pack("vote", "show", vote.id)),),
    )
    return text, buttons


def receipt(language: str, vote: Vote, code: str) -> Safe:
    """What the ballot message becomes: the receipt, never the choice."""
    return t(language, "vote.receipt", question=question(language, vote), receipt=display(code))


# -- trustees ---------------------------------------------------------------------------


def share(
    language: str,
    definition: VoteDefinition,
    share_text: str,
    needed: int,
    trustees: int,
    tz_name: str,
) -> Safe:
    """The private message that hands a trustee their key share (sent once, never stored)."""
    return t(
        language,
        "vote.share",
        question=say(definition.question, language),
        share=share_text,
        opens=format_when(language, definition.opens_at, tz_name),
        closes=format_when(language, definition.closes_at, tz_name),
        needed=needed,
        trustees=trustees,
    )


def unlock_request(vote: Vote, needed: int, have: int, first: bool) -> dict[str, Outgoing]:
    key = "vote.unlock.request" if first else "vote.unlock.reminder"
    return {
        lang: Outgoing(
            t(lang, key, number=vote.id, question=question(lang, vote), needed=needed, have=have)
        )
        for lang in LANGUAGES
    }


def sealed_notice(vote: Vote, needed: int, trustees: int) -> dict[str, Outgoing]:
    return {
        lang: Outgoing(
            t(
                lang,
                "vote.sealed_notice",
                number=vote.id,
                question=question(lang, vote),
                needed=needed,
                trustees=trustees,
            )
        )
        for lang in LANGUAGES
    }


def trustee_lines(language: str, status: TrusteeStatus) -> Safe:
    """For leaders: how many unlocked, and who is still awaited (names, never shares)."""
    waiting = ", ".join(_name(m) for m in status.waiting) or "—"
    return t(
        language,
        "votes.trustees.status",
        have=len(status.unlocked),
        needed=status.needed,
        waiting=waiting,
    )


def _name(member: Member) -> str:
    return " ".join(p for p in (member.first_name, member.last_name) if p) or (
        member.member_id or "?"
    )


def announcement(vote: Vote, tz_name: str) -> dict[str, Outgoing]:
    return {
        lang: Outgoing(
            t(
                lang,
                "vote.announce",
                question=question(lang, vote),
                description=_description(lang, vote.description, "\n\n"),
                closes=format_when(lang, vote.closes_at, tz_name),
                rules=_member_rules(lang, vote),
            ),
            ((Button(t(lang, "vote.button.vote"), pack("vote", "show", vote.id)),),),
        )
        for lang in LANGUAGES
    }


def reminder(vote: Vote, tz_name: str) -> dict[str, Outgoing]:
    return {
        lang: Outgoing(
            t(
                lang,
                "vote.remind",
                question=question(lang, vote),
                closes=format_when(lang, vote.closes_at, tz_name),
            ),
            ((Button(t(lang, "vote.button.vote"), pack("vote", "show", vote.id)),),),
        )
        for lang in LANGUAGES
    }


def _member_rules(language: str, vote: Vote) -> Safe:
    return t(
        language,
        "vote.announce_rules",
        rule=threshold_text(language, vote),
        option=option(language, vote, 0),
        quorum=quorum_text(language, vote),
    )


# -- results ----------------------------------------------------------------------------


def result_text(language: str, vote: Vote, tally: Tally) -> Safe:
    """Text bars, turnout, quorum, threshold and the decision."""
    bars = text_bars(
        [(html.escape(label, quote=False), n) for label, n in tally.rows(language)],
        tally.ballots,
        language=language,
    )
    quorum = (
        t(language, "vote.result.no_quorum")
        if tally.quorum is None
        else t(
            language,
            "vote.result.quorum_met" if tally.quorum_met else "vote.result.quorum_missed",
            share=_share(language, tally.quorum),
        )
    )
    threshold = t(
        language,
        "vote.result.threshold_met" if tally.threshold_met else "vote.result.threshold_missed",
        rule=threshold_text(language, vote),
        option=option(language, vote, 0),
    )
    lines = [
        t(language, "vote.result.title", question=question(language, vote)),
        "",
        *bars,
        "",
        t(
            language,
            "vote.result.turnout",
            ballots=tally.ballots,
            roll=tally.roll_size,
            share=share_of(language, tally.ballots, tally.roll_size),
        ),
        quorum,
        threshold,
        "",
        t(language, "vote.result.passed" if tally.passed else "vote.result.failed"),
    ]
    return Safe("\n".join(lines))


def result(vote: Vote, tally: Tally, tz_name: str, *, for_leaders: bool) -> dict[str, Outgoing]:
    """The result broadcast; leaders also get buttons for the chart and the CSV exports."""
    out = {}
    for lang in LANGUAGES:
        buttons: tuple[tuple[Button, ...], ...] = ()
        if for_leaders:
            buttons = (
                (
                    Button(t(lang, "votes.button.chart"), pack("votes", "chart", vote.id)),
                    Button(t(lang, "votes.button.csv"), pack("votes", "csv", vote.id)),
                ),
                (Button(t(lang, "votes.button.receipts"), pack("votes", "receipts", vote.id)),),
            )
        out[lang] = Outgoing(result_text(lang, vote, tally), buttons)
    return out


def chart(language: str, tally: Tally) -> bytes:
    """The result as a PNG bar chart in `language` (labels are drawn, not parsed as HTML)."""
    note = t(
        language,
        "vote.chart.note",
        ballots=tally.ballots,
        roll=tally.roll_size,
        share=share_of(language, tally.ballots, tally.roll_size),
    )
    return bar_chart(
        f"#{tally.vote_id} {say(tally.question, language)}",
        [label for label, _ in tally.rows(language)],
        list(tally.counts),
        note=visible(note),  # a picture, not chat HTML
    )


def turnout_text(language: str, vote: Vote, turnout: Turnout) -> Safe:
    """Turnout while a vote is open: how many, never who, never how."""
    lines = [
        t(language, "votes.turnout.title", number=vote.id, question=question(language, vote)),
        t(
            language,
            "votes.turnout.overall",
            voted=turnout.voted,
            roll=turnout.roll_size,
            share=share_of(language, turnout.voted, turnout.roll_size),
        ),
    ]
    if turnout.by_worksite:
        lines.append(t(language, "votes.turnout.by_worksite"))
        for name, (voted, roll) in sorted(turnout.by_worksite.items()):
            label = t(language, "votes.turnout.other") if name == "Other" else name
            lines.append(
                t(
                    language,
                    "votes.turnout.line",
                    worksite=label,
                    voted=voted,
                    roll=roll,
                    share=share_of(language, voted, roll),
                )
            )
    lines.append(t(language, "votes.turnout.sealed"))
    return Safe("\n".join(lines))
