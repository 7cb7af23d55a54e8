"""Results as people read them: chat text with bars, PNG charts, CSV and JSON exports.

Text that came from a survey file is escaped like anything else a person typed.
Free-text answers never appear here except in the leaders' CSV export.
"""

from __future__ import annotations

import csv
import html
import io
import math
import secrets
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import charts
from bot.i18n import Safe, format_number, format_when, share_of, t
from bot.long_text import visible
from bot.privacy import MIN_GROUP, OTHER, merge_counts
from bot.surveys.disclosure import CLASSIFICATION, WORKSITE, Plan
from bot.surveys.model import Question, say
from bot.surveys.tally import Results, Summary, Tally, summarize

MESSAGE_LIMIT = 3800  # Telegram allows 4096; leave room for entities
HISTOGRAM_BINS = 5


def fmt(value: float) -> str:
    """For files: 1 decimal at most, no grouping: 7.25 -> '7.3', 7.0 -> '7', 4000 -> '4000'."""
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"


def num(language: str, value: float) -> str:
    """For people: 1 decimal at most, in the language's locale: 4000 -> '4,000', 7.25 -> '7.3'."""
    return format_number(language, value, decimals=1)


def group_name(language: str, group: str) -> str:
    return t(language, "survey.other") if group == OTHER else group


def option_label(question: Question, value: float, language: str) -> str:
    """What a stored value means: an option's text, a scale point, or the number."""
    if question.type in ("single", "multiple"):
        index = int(value)
        return say(question.options[index].text, language) if index < len(question.options) else "?"
    if question.type == "scale":
        label = ""
        if value == question.min and question.min_label:
            label = f" · {say(question.min_label, language)}"
        elif value == question.max and question.max_label:
            label = f" · {say(question.max_label, language)}"
        return f"{num(language, value)}{label}"
    return num(language, value)


def choice_rows(question: Question, tally: Tally, language: str) -> list[tuple[str, int]]:
    """(label, count) for every option or scale point, in the survey's order."""
    if question.type == "scale":
        points = [float(p) for p in question.scale_points()]
    else:
        points = [float(i) for i in range(len(question.options))]
    return [(option_label(question, p, language), tally.counts.get(p, 0)) for p in points]


def bins(summary: Summary, integer: bool) -> list[tuple[float, float]]:
    """Equal-width bins over the answers' range (whole-number edges for whole numbers)."""
    low, high = summary.low, summary.high
    if high == low:
        return [(low, high)]
    if integer:
        width = float(max(1, math.ceil((high - low + 1) / HISTOGRAM_BINS)))
        count = math.ceil((high - low + 1) / width)
    else:
        width, count = (high - low) / HISTOGRAM_BINS, HISTOGRAM_BINS
    return [(low + i * width, low + (i + 1) * width) for i in range(count)]


def binned(language: str, tally: Tally, question: Question) -> list[tuple[str, int]]:
    summary = summarize(tally.counts)
    assert summary is not None
    rows = []
    edges = bins(summary, question.integer)
    for number, (low, high) in enumerate(edges):
        last = number == len(edges) - 1
        count = sum(c for v, c in tally.counts.items() if low <= v < high or (last and v == high))
        if question.integer:
            label = (
                num(language, low)
                if high - low <= 1
                else f"{num(language, low)}–{num(language, high - 1)}"
            )
        else:
            label = f"{num(language, low)}–{num(language, high)}"
        rows.append((label, count))
    return rows


def summary_line(language: str, question: Question, tally: Tally) -> Safe:
    summary = summarize(tally.counts)
    assert summary is not None
    unit = f" {say(question.unit, language)}" if question.unit else ""
    return t(
        language,
        "survey.res_stats",
        mean=num(language, summary.mean),
        median=num(language, summary.median),
        q1=num(language, summary.q1),
        q3=num(language, summary.q3),
        low=num(language, summary.low),
        high=num(language, summary.high),
        unit=unit,
    )


def bars(language: str, rows: Sequence[tuple[str, int]], total: int) -> str:
    escaped = [(html.escape(label, quote=False), count) for label, count in rows]
    return "\n".join(charts.text_bars(escaped, total, language=language))


def question_block(language: str, number: int, entry: Any) -> str:
    """One question's results: heading, then bars or statistics, then its breakdown.

    A breakdown the disclosure plan withholds adds nothing here: `notes` says so once.
    """
    question: Question = entry.question
    tally: Tally = entry.overall
    lines = [
        t(
            language,
            "survey.res_question",
            number=number,
            text=say(question.text, language),
            answered=tally.answered,
        )
    ]
    if question.type == "text":
        lines.append(t(language, "survey.res_text", count=tally.answered))
        return "\n".join(lines)
    if not has_figures(entry):
        lines.append(t(language, "survey.res_too_few", minimum=MIN_GROUP))
        return "\n".join(lines)
    if question.type in ("single", "multiple", "scale"):
        lines.append(bars(language, choice_rows(question, tally, language), tally.answered))
    if question.type in ("scale", "number"):
        lines.append(summary_line(language, question, tally))
    if question.type == "number":
        lines.append(bars(language, binned(language, tally, question), tally.answered))
    if question.type == "multiple":
        lines.append(t(language, "survey.res_multiple"))
    if entry.groups:
        lines.append(breakdown_lines(language, question, entry.groups))
    return "\n".join(lines)


def has_figures(entry: Any) -> bool:
    """A question with numbers to show: not free text, enough answers, not withheld."""
    return entry.question.type != "text" and entry.overall.shown and not entry.withheld


def breakdown_lines(language: str, question: Question, groups: dict[str, Tally]) -> str:
    lines = []
    for name in sorted(groups, key=lambda g: (g == OTHER, g)):
        tally = groups[name]
        label = group_name(language, name)
        if question.type in ("scale", "number"):
            summary = summarize(tally.counts)
            assert summary is not None
            detail = t(
                language,
                "survey.res_group_stats",
                mean=num(language, summary.mean),
                median=num(language, summary.median),
            )
        else:
            top = sorted(choice_rows(question, tally, language), key=lambda r: -r[1])[:3]
            detail = " · ".join(
                f"{html.escape(label_, quote=False)} {share_of(language, count, tally.answered)}"
                for label_, count in top
                if count
            )
        lines.append(
            t(language, "survey.res_group", group=label, n=tally.answered, detail=Safe(detail))
        )
    return "\n".join(lines)


def when(timestamp: int, tz: ZoneInfo) -> str:
    """For the command line and files: '2026-12-01 13:37'. People read bot.i18n.when."""
    return datetime.fromtimestamp(timestamp, tz).strftime("%Y-%m-%d %H:%M")


def header_lines(
    language: str, results: Results, closes_at: int, tz: ZoneInfo, scope: str | None = None
) -> list[str]:
    """Title, responses, open or closed, the steward's scope, and why nothing more shows."""
    survey = results.survey
    state = t(
        language,
        "survey.res_open" if results.state == "open" else "survey.res_closed",
        at=format_when(language, closes_at, tz),
    )
    header = [
        t(language, "survey.res_title", title=say(survey.title, language)),
        t(
            language,
            "survey.res_count",
            responses=results.responses,
            audience=results.audience,
            rate=share_of(language, results.responses, results.audience),
        ),
        state,
    ]
    if scope:
        header.append(t(language, "survey.res_scope", worksites=scope))
    if results.sealed:
        header.append(t(language, "survey.res_sealed"))
    elif results.withheld:
        header[1] = t(language, "survey.res_scope_withheld", minimum=MIN_GROUP)
    elif not results.shown:
        header.append(t(language, "survey.res_hidden", minimum=MIN_GROUP))
    return header


def groups_line(language: str, results: Results) -> str | None:
    """'By worksite: Downey 6 · Irvine 6 · Other 5', when a breakdown is published."""
    if not results.by or not results.group_responses:
        return None
    groups = " · ".join(
        f"{html.escape(group_name(language, g), quote=False)} {format_number(language, n)}"
        for g, n in sorted(results.group_responses.items(), key=lambda i: (i[0] == OTHER, i[0]))
    )
    dimension = t(language, f"survey.by_{results.by}")
    return t(language, "survey.res_groups", dimension=dimension, groups=Safe(groups))


def unbroken(results: Results) -> list[int]:
    """Question numbers whose own breakdown is withheld although the survey's is published."""
    if not results.by or not results.group_responses:
        return []
    return [
        number
        for number, entry in enumerate(results.questions, 1)
        if has_figures(entry) and not entry.groups
    ]


def notes(language: str, results: Results) -> list[str]:
    """What a breakdown hides, each said once: how many groups and why, then which
    questions are not broken down."""
    if not results.by or not results.shown:
        return []
    by, count = results.by, results.hidden_groups
    if not results.group_responses:
        # The 'one' form names no number: also for a scope with no named group at all.
        many = max(count, 1)
        return [t(language, f"survey.res_unbroken_{by}", count=many, minimum=MIN_GROUP)]
    lines = []
    if count:
        lines.append(t(language, f"survey.res_hidden_{by}", count=count, minimum=MIN_GROUP))
    elif OTHER in results.group_responses:
        lines.append(t(language, "survey.res_merged", minimum=MIN_GROUP))
    return lines + question_notes(language, results, unbroken(results))


def question_notes(language: str, results: Results, numbers: list[int]) -> list[str]:
    """'Questions 5, 6 aren't broken down by worksite ...' in one line (none: nothing)."""
    if not numbers or not results.by:
        return []
    line = t(
        language,
        "survey.res_questions_unbroken",
        count=len(numbers),
        numbers=", ".join(str(n) for n in numbers),
        dimension=t(language, f"survey.by_{results.by}"),
        minimum=MIN_GROUP,
    )
    return [line]


def results_messages(
    language: str, results: Results, closes_at: int, tz: ZoneInfo, scope: str | None = None
) -> list[Safe]:
    """Everything at once (the command line): the header, then every question in full."""
    header = header_lines(language, results, closes_at, tz, scope)
    if not results.shown:
        return [Safe("\n".join(header))]
    header += [line for line in (groups_line(language, results),) if line]
    header += notes(language, results)
    blocks = ["\n".join(header)]
    for number, entry in enumerate(results.questions, 1):
        blocks.append(question_block(language, number, entry))
    return [Safe(m) for m in pack_blocks(blocks)]


# -- in chat: a summary that fits a phone, details on request -------------------------

SUMMARY_TEXT = 70  # a question's text in the summary, in characters
SUMMARY_LABEL = 28  # the leading option's label
SUMMARY_BAR = 8


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def headline(language: str, entry: Any) -> str:
    """A question's figure in one short line: the leading option, a mean or a median."""
    question: Question = entry.question
    tally: Tally = entry.overall
    if question.type == "text":
        return t(language, "survey.sum_text", count=tally.answered)
    if not has_figures(entry):
        return t(language, "survey.res_too_few", minimum=MIN_GROUP)
    if question.type in ("single", "multiple"):
        label, count = max(choice_rows(question, tally, language), key=lambda r: r[1])
        bar = charts.text_bar(count, tally.answered, SUMMARY_BAR)
        share = share_of(language, count, tally.answered)
        return f"{bar} {share} {html.escape(clip(label, SUMMARY_LABEL), quote=False)}"
    summary = summarize(tally.counts)
    assert summary is not None and question.min is not None and question.max is not None
    figure = summary.mean if question.type == "scale" else summary.median
    span = question.max - question.min
    bar = charts.text_bar(round(100 * (figure - question.min)), round(100 * span), SUMMARY_BAR)
    unit = f" {say(question.unit, language)}" if question.unit else ""
    return f"{bar} " + t(
        language,
        f"survey.sum_{question.type}",
        value=num(language, figure),
        low=num(language, question.min),
        high=num(language, question.max),
        unit=unit,
    )


def summary_message(
    language: str, results: Results, closes_at: int, tz: ZoneInfo, scope: str | None = None
) -> Safe:
    """The first message: turnout, then each question's headline figure in two lines,
    and what a breakdown hides said once. Details are behind buttons (`detail_numbers`)."""
    lines = header_lines(language, results, closes_at, tz, scope)
    if not results.shown:
        return Safe("\n".join(lines))
    lines += [line for line in (groups_line(language, results),) if line]
    lines += notes(language, results)
    lines.append("")
    for number, entry in enumerate(results.questions, 1):
        text = clip(say(entry.question.text, language), SUMMARY_TEXT)
        lines.append(t(language, "survey.sum_question", number=number, text=text))
        lines.append(headline(language, entry))
    if detail_numbers(results):
        lines += ["", t(language, "survey.sum_tap")]
    return Safe("\n".join(lines))


def detail_numbers(results: Results) -> list[int]:
    """The questions with more to show than their headline (not free text, not hidden)."""
    if not results.shown:
        return []
    return [n for n, entry in enumerate(results.questions, 1) if has_figures(entry)]


def question_message(language: str, results: Results, number: int) -> Safe:
    """One question in full (bars, statistics, its breakdown), under the survey's title."""
    entry = results.questions[number - 1]
    lines = [t(language, "survey.res_title", title=say(results.survey.title, language))]
    if entry.groups:
        lines += [line for line in (groups_line(language, results),) if line]
    # What the whole breakdown hides was said in the summary; only this question's own.
    lines += question_notes(language, results, [n for n in unbroken(results) if n == number])
    lines += ["", question_block(language, number, entry)]
    return Safe("\n".join(lines))


def pack_blocks(blocks: list[str]) -> list[str]:
    """Join blocks into as few messages as fit Telegram's length limit."""
    messages: list[str] = []
    for block in blocks:
        if messages and len(messages[-1]) + 2 + len(block) <= MESSAGE_LIMIT:
            messages[-1] += "\n\n" + block
        else:
            messages.append(block[:MESSAGE_LIMIT])
    return messages


# -- charts ---------------------------------------------------------------------


def chart_images(
    language: str, results: Results, breakdowns: Sequence[Results] = ()
) -> list[tuple[str, bytes]]:
    """One PNG per question that has something to show, each followed by one per breakdown
    (`results` itself if broken down, then `breakdowns`) whose groups are published for
    that question: (caption, png)."""
    if not results.shown:
        return []
    images = []
    for number, entry in enumerate(results.questions, 1):
        question, tally = entry.question, entry.overall
        if question.type == "text" or not tally.shown or entry.withheld:
            continue
        title = f"{number}. {say(question.text, language)}"  # charts wrap a long title
        note = visible(  # a picture, not chat HTML: "&" stays "&"
            t(
                language,
                "survey.chart_note",
                answered=tally.answered,
                title=say(results.survey.title, language),
            )
        )
        if question.type == "number":
            values = [v for v, c in sorted(tally.counts.items()) for _ in range(c)]
            unit = say(question.unit, language) if question.unit else ""
            png = charts.histogram(
                title,
                values,
                counted=visible(t(language, "survey.chart_axis_answers")),
                bins=min(10, len(tally.counts)) or 1,
                unit=unit,
            )
        else:
            rows = choice_rows(question, tally, language)
            png = charts.bar_chart(title, [r[0] for r in rows], [r[1] for r in rows], note=note)
        images.append((f"{number}. {say(question.text, language)}"[:200], png))
        for broken_down in (results, *breakdowns):
            grouped = broken_down.questions[number - 1]
            if grouped.groups and not grouped.withheld:  # {}: suppressed, never charted
                images.append(_breakdown_chart(language, number, grouped, broken_down.by or ""))
    return images


def _breakdown_chart(language: str, number: int, entry: Any, by: str) -> tuple[str, bytes]:
    """Per group: the mean (numbers, scales) or each option's share (choices)."""
    question: Question = entry.question
    title = f"{number}. {say(question.text, language)} — {t(language, f'survey.by_{by}')}"
    labels: list[str] = []
    values: list[float] = []
    groups = entry.groups
    for name in sorted(groups, key=lambda g: (g == OTHER, g)):
        tally = groups[name]
        if question.type in ("scale", "number"):
            summary = summarize(tally.counts)
            assert summary is not None
            labels.append(f"{group_name(language, name)} (n={tally.answered})")
            values.append(round(summary.mean, 2))
        else:
            for label, count in choice_rows(question, tally, language):
                labels.append(f"{group_name(language, name)}: {label}")
                values.append(count)
    note = visible(t(language, "survey.chart_breakdown_note", minimum=MIN_GROUP))
    return title, charts.bar_chart(title, labels, values, note=note)


# -- exports ----------------------------------------------------------------------

ExportRow = tuple[
    int, "str | None", "str | None", "int | None", "int | None", "float | None", "str | None"
]


def safe_groups(rows: list[tuple[str | None, str | None]]) -> list[tuple[str, str]]:
    """Generalise (worksite, classification) so every combination covers >= MIN_GROUP rows.

    Worksites under the threshold become "Other"; then, within each worksite, so do
    classifications. No row of an export then stands out by where or what someone works.
    """
    sites = merge_counts(_counts(w for w, _ in rows))
    mapped = [(w if w in sites and w != OTHER else OTHER, c or OTHER) for w, c in rows]
    per_site: dict[str, dict[str | None, int]] = {}
    for site, classification in mapped:
        bucket = per_site.setdefault(site, {})
        bucket[classification] = bucket.get(classification, 0) + 1
    kept = {site: merge_counts(counts) for site, counts in per_site.items()}
    return [(site, c if c in kept[site] else OTHER) for site, c in mapped]


def _counts(values: Any) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def export_csv(
    results: Results,
    rows: list[Any],
    *,
    include_text: bool,
    member_ids: Callable[[int], str] | None = None,
    plan: Plan | None = None,
) -> str:
    """One row per response, in random order; answers in English.

    With a `plan` the group columns hold the published groups, and only the dimensions
    the plan lets the CSV carry (blank otherwise), so every combination of them covers at
    least MIN_GROUP rows and no row stands out; without one, see safe_groups.
    `member_ids` (confidential surveys only) turns the stored member link into a roster id.
    """
    survey = results.survey
    responses: dict[int, dict[str, Any]] = {}
    for response, worksite, classification, member, question, value, text in rows:
        entry = responses.setdefault(
            response, {"group": (worksite, classification), "member": member, "answers": {}}
        )
        if question is None or not 0 <= question < len(survey.questions):
            continue
        q = survey.questions[question]
        if q.type == "multiple":
            if value is not None and value >= 0:
                entry["answers"].setdefault(q.id, []).append(q.options[int(value)].id)
        elif q.type == "single":
            entry["answers"][q.id] = q.options[int(value)].id
        elif q.type == "text":
            entry["answers"][q.id] = text if include_text else ""
        else:
            entry["answers"][q.id] = fmt(value) if value is not None else ""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    questions = [q for q in survey.questions if include_text or q.type != "text"]
    header = ["worksite", "classification", *(q.id for q in questions)]
    if member_ids is not None:
        header.insert(0, "member_id")
    writer.writerow(header)
    if len(responses) < MIN_GROUP:
        return buffer.getvalue()
    entries = list(responses.values())
    secrets.SystemRandom().shuffle(entries)
    if plan is None:
        groups = safe_groups([e["group"] for e in entries])
    else:
        groups = [_planned_group(plan, *e["group"]) for e in entries]
    for entry, (site, classification) in zip(entries, groups, strict=True):
        answers = entry["answers"]
        row = [site, classification]
        for q in questions:
            value = answers.get(q.id, "")
            row.append(";".join(value) if isinstance(value, list) else value)
        if member_ids is not None:
            row.insert(0, member_ids(entry["member"]) if entry["member"] else "")
        writer.writerow(row)
    return buffer.getvalue()


def _planned_group(plan: Plan, worksite: str | None, classification: str | None) -> tuple[str, str]:
    site = plan.worksite.get(worksite, OTHER) if plan.worksite and WORKSITE in plan.csv else ""
    kind = ""
    if plan.classification and CLASSIFICATION in plan.csv:
        kind = plan.classification.get(classification, OTHER)
    return site, kind


def results_json(results: Results) -> dict[str, Any]:
    """The same numbers as in chat, for scripts (English labels)."""
    survey = results.survey
    out: dict[str, Any] = {
        "survey": results.slug,
        "title": say(survey.title, "en"),
        "state": results.state,
        "responses": results.responses,
        "audience": results.audience,
        "response_rate": round(results.rate, 4),
        "minimum_group": MIN_GROUP,
        "by": results.by,
        "groups": results.group_responses if results.by else None,
        "questions": [],
    }
    if results.sealed:
        out["sealed"] = True  # open: the answers are sealed until the close
    if not results.shown:
        out["hidden"] = True
        return out
    for entry in results.questions:
        if entry.withheld:
            out["questions"].append({"id": entry.question.id, "hidden": True})
            continue
        out["questions"].append(_question_json(entry.question, entry.overall, entry.groups))
    return out


def _question_json(
    question: Question, tally: Tally, groups: dict[str, Tally] | None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "text": say(question.text, "en"),
        "answered": tally.answered,
    }
    if question.type == "text" or not tally.shown:
        data["hidden"] = question.type != "text"
        return data
    if question.type in ("single", "multiple", "scale"):
        data["counts"] = {label: count for label, count in choice_rows(question, tally, "en")}
    if question.type in ("scale", "number"):
        summary = summarize(tally.counts)
        assert summary is not None
        data["stats"] = {
            "mean": round(summary.mean, 3),
            "median": summary.median,
            "q1": summary.q1,
            "q3": summary.q3,
            "min": summary.low,
            "max": summary.high,
        }
    if groups is not None:
        data["groups"] = {
            name: _question_json(question, group, None) for name, group in groups.items()
        }
        data["groups_suppressed"] = not groups
    return data
