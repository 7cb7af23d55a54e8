"""Surveys as the bot runs them: loading, opening, reminding, answering, closing, results.

Every member action re-reads the survey, the member's progress and eligibility from the
database: buttons carry only ids and positions, which are checked against both.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from bot import sealing
from bot.callbacks import pack
from bot.i18n import LANGUAGES, format_when, t
from bot.names import KnownNames
from bot.outgoing import Button, Outgoing
from bot.people import Person
from bot.surveys import flow
from bot.surveys import sealed as boxes
from bot.surveys.definition import parse_survey
from bot.surveys.disclosure import Plan, make_plan
from bot.surveys.model import Question, Survey, say
from bot.surveys.render import export_csv
from bot.surveys.tally import ANSWERED, Results, build
from storage.members import Member, MembersRepository, Role
from storage.surveys import (
    OpenedResponse,
    Progress,
    SealedProgress,
    StoredAnswer,
    StoredSurvey,
    SurveysRepository,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bot.delivery import DeliveryService
    from bot.keys import KeyService
    from bot.scheduler import Scheduler
    from storage.audit import AuditLog
    from storage.database import Database
    from storage.jobs import ScheduledJob

log = logging.getLogger(__name__)

OPEN_JOB, CLOSE_JOB, REMIND_JOB = "survey.open", "survey.close", "survey.remind"
ACTIVE_WINDOW = 3600  # typed text goes to a survey touched within the last hour


class Refusal(StrEnum):
    """Why a member's survey action was not taken (each has a catalog text)."""

    NOT_MEMBER = "not_member"
    NOT_OPEN = "not_open"
    CLOSED = "closed"
    NOT_ELIGIBLE = "not_eligible"
    DONE = "done"
    STALE = "stale"
    REQUIRED = "required"
    TOO_MANY = "too_many"
    NONE_CHOSEN = "none_chosen"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Step:
    """Where a member is: a question (position < len) or the Submit step."""

    stored: StoredSurvey
    survey: Survey
    position: int
    answers: dict[str, Any]
    resumed: bool = False

    @property
    def question(self) -> Question | None:
        if self.position >= len(self.survey.questions):
            return None
        return self.survey.questions[self.position]

    @property
    def counter(self) -> tuple[int, int, bool]:
        return flow.counter(self.survey, self.answers, self.position)


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of a member action: the next step, a refusal, or a typed-answer problem."""

    step: Step | None = None
    refusal: Refusal | None = None
    invalid: flow.Invalid | None = None
    submitted: bool = False
    missing: Question | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def survey_of(stored: StoredSurvey) -> Survey:
    return Survey.from_json(stored.definition)


class SurveyService:
    """The survey feature's logic; handlers and the CLI call only this."""

    def __init__(
        self,
        repo: SurveysRepository,
        members: MembersRepository,
        delivery: DeliveryService,
        scheduler: Scheduler,
        audit: AuditLog,
        db: Database,
        tz: ZoneInfo,
        keys: KeyService,
        progress_key: bytes,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.repo = repo
        self.keys = keys
        self._progress_key = progress_key  # server_key(SECRET_KEY, boxes.PROGRESS_PURPOSE)
        self.members = members
        self.delivery = delivery
        self.scheduler = scheduler
        self.audit = audit
        self.db = db
        self.tz = tz
        self.clock = clock
        # Telegram id -> when a survey started waiting for their typed answer. A mirror of
        # active survey_progress rows (rebuilt at start-up) so handler filters can be sync.
        self._typing: dict[int, int] = {}
        self._plans: dict[int, Plan] = {}

    # Reads and records handlers need: the repository stays behind the service.

    async def get(self, pk: int) -> StoredSurvey | None:
        return await self.repo.get(pk)

    async def recent(self, limit: int = 8) -> list[StoredSurvey]:
        return await self.repo.recent(limit)

    async def listed(self) -> list[StoredSurvey]:
        """Every survey scheduled, open or closed, for the operator's list."""
        return await self.repo.in_states("scheduled", "open", "closed")

    def now(self) -> int:
        return int(self.clock())

    async def start(self) -> None:
        """At start-up: finish a close cut short, rebuild the typing mirror, catch up."""
        for pk in await self.repo.scrub_pending():
            await self._scrub(pk)
        await self.load_typing()
        await self.catch_up()

    async def load_typing(self) -> None:
        surveys: dict[int, Survey] = {}
        self._typing.clear()
        for row, telegram_id in await self.repo.active_rows():
            if row.survey not in surveys:
                stored = await self.repo.get(row.survey)
                assert stored is not None
                surveys[row.survey] = survey_of(stored)
            questions = surveys[row.survey].questions
            position = self._open_progress(surveys[row.survey], row).position
            if position < len(questions) and questions[position].typed:
                self._typing[telegram_id] = row.updated_at

    # -- sealing ------------------------------------------------------------------------

    def _open_progress(self, survey: Survey, row: SealedProgress) -> Progress:
        label = boxes.progress_label(row.survey, row.member)
        position, answers = boxes.read_progress(
            sealing.unseal_private(self._progress_key, row.sealed, label)
        )
        return Progress(row.survey, position, answers, row.active, row.updated_at)

    async def _progress(self, survey: Survey, pk: int, member: int) -> Progress | None:
        row = await self.repo.progress(pk, member)
        return self._open_progress(survey, row) if row else None

    async def progress(self, pk: int, member: int) -> Progress | None:
        """A member's answers so far, opened (for the bot itself; tests)."""
        stored = await self.repo.get(pk)
        return await self._progress(survey_of(stored), pk, member) if stored else None

    async def record(
        self, pk: int, member: Member, survey: Survey, answers: dict[str, Any]
    ) -> bool:
        """Seal one response to the survey's public key and store it with the participation."""
        rows = stored_answers(survey, flow.kept_answers(survey, answers))
        link = member.id if survey.privacy == "confidential" else None
        plaintext = boxes.response_plaintext(
            survey, member.worksite, member.classification, link, rows
        )
        box = await self.keys.seal(boxes.response_subject(pk), plaintext)
        return await self.repo.submit(pk, member.id, box)

    def is_waiting(self, telegram_id: int) -> bool:
        """True when a survey waits for this person's typed answer (numbers, free text)."""
        since = self._typing.get(telegram_id)
        return since is not None and since >= self.now() - ACTIVE_WINDOW

    async def _save(
        self, pk: int, member: Member, survey: Survey, position: int, answers: dict[str, Any]
    ) -> None:
        now = self.now()
        label = boxes.progress_label(pk, member.id)
        box = sealing.seal_private(
            self._progress_key, boxes.progress_plaintext(survey, position, answers), label
        )
        await self.repo.save_progress(pk, member.id, box, now)
        if member.telegram_id is None:
            return
        if position < len(survey.questions) and survey.questions[position].typed:
            self._typing[member.telegram_id] = now
        else:
            self._typing.pop(member.telegram_id, None)

    # -- defining -------------------------------------------------------------------

    def parse(self, text: str, name: str, known: KnownNames | None = None) -> Survey:
        """Validate a definition (and its audience against `known`); raises SurveyFileError."""
        return parse_survey(text, name, self.tz, self.now(), known=known)

    async def known_names(self) -> KnownNames:
        """The roster's worksites and classifications, for checking a file's audience."""
        return KnownNames(*await self.members.roster_names())

    async def store(self, survey: Survey, by: Person) -> StoredSurvey:
        """Save a validated survey and arm its open, reminder and close timers (audited)."""
        by.require(Role.LEADER)
        actor = by.actor
        opens_at = survey.opens_at if survey.opens_at is not None else self.now()
        stored = await self.repo.save(survey.to_json(), opens_at, actor, self.keys.server_key())
        await self.scheduler.schedule(OPEN_JOB, str(stored.pk), _at(opens_at), {})
        for number, due in reminder_times(survey, opens_at):
            await self.scheduler.schedule(
                REMIND_JOB, f"{stored.pk}:{number}", _at(due), {"number": number}
            )
        await self.scheduler.schedule(CLOSE_JOB, str(stored.pk), _at(survey.closes_at), {})
        await self.audit.record(
            actor,
            "survey.load",
            survey.id,
            questions=len(survey.questions),
            opens_at=opens_at,
            closes_at=survey.closes_at,
            privacy=survey.privacy,
        )
        return stored

    def register_jobs(self) -> None:
        """Hang open, remind and close on the durable scheduler."""

        async def open_job(job: ScheduledJob) -> None:
            await self.open(int(job.key))

        async def remind_job(job: ScheduledJob) -> None:
            await self.remind(int(job.key.split(":")[0]), int(job.payload.get("number", 1)))

        async def close_job(job: ScheduledJob) -> None:
            await self.close(int(job.key))

        self.scheduler.register(OPEN_JOB, open_job)
        self.scheduler.register(REMIND_JOB, remind_job)
        self.scheduler.register(CLOSE_JOB, close_job)

    async def catch_up(self) -> None:
        """Open, remind and close whatever is due (for surveys loaded from the command line)."""
        now = self.now()
        for stored in await self.repo.in_states("scheduled", "open"):
            if stored.state == "scheduled" and stored.opens_at <= now < stored.closes_at:
                await self.open(stored.pk)
            if stored.closes_at <= now:
                if stored.state == "scheduled":
                    await self.repo.move(stored.pk, "scheduled", "open")
                await self.close(stored.pk)
                continue
            times = reminder_times(survey_of(stored), stored.opens_at)
            due = [number for number, at in times if at <= now]
            if due and max(due) > stored.reminders_sent and stored.opens_at <= now:
                await self.remind(stored.pk, max(due))

    # -- opening, reminding, closing ------------------------------------------------------

    async def audience(self, survey: Survey, worksites: list[str] | None = None) -> list[int]:
        """Member ids the survey is for (optionally only some worksites: a steward's)."""
        chosen = list(survey.worksites)
        if worksites is not None:
            chosen = [w for w in (chosen or worksites) if w in worksites]
            if not chosen:
                return []
        return await self.members.audience(chosen, list(survey.classifications), good_standing=True)

    async def open(self, pk: int) -> int | None:
        """Open the survey and announce it to its audience; the broadcast id."""
        await self.repo.ensure_key(pk, self.keys.server_key())  # stored before schema 11?
        if not await self.repo.move(pk, "scheduled", "open"):
            return None
        stored = await self.repo.get(pk)
        assert stored is not None
        survey = survey_of(stored)
        # Opened late (the bot was down at its time): reminders whose time has already
        # passed would arrive with the announcement; they count as sent.
        passed = [n for n, at in reminder_times(survey, stored.opens_at) if at <= self.now()]
        if passed:
            await self.repo.claim_reminder(pk, max(passed))
        messages = {
            lang: Outgoing(
                t(
                    lang,
                    "survey.announce",
                    title=say(survey.title, lang),
                    closes=format_when(lang, survey.closes_at, self.tz),
                    minutes=_minutes(survey),
                ),
                ((Button(t(lang, "survey.start_button"), _start_data(pk)),),),
            )
            for lang in LANGUAGES
        }
        recipients = await self.audience(survey)
        broadcast = await self.delivery.enqueue(
            kind="survey.announce",
            subject=f"survey:{pk}",
            recipients=recipients,
            messages=messages,
            created_by="system",
        )
        await self.repo.set_announcement(pk, broadcast)
        await self.audit.record("system", "survey.open", stored.slug, broadcast=broadcast)
        log.info("survey %s opened: announced to %d members", stored.slug, len(recipients))
        return broadcast

    async def remind(self, pk: int, number: int) -> int | None:
        """Remind members who have not submitted yet (the bot sends it; nobody sees who)."""
        if not await self.repo.claim_reminder(pk, number):
            return None
        stored = await self.repo.get(pk)
        assert stored is not None
        survey = survey_of(stored)
        done = await self.repo.participants(pk)
        recipients = [m for m in await self.audience(survey) if m not in done]
        messages = {
            lang: Outgoing(
                t(
                    lang,
                    "survey.reminder",
                    title=say(survey.title, lang),
                    closes=format_when(lang, survey.closes_at, self.tz),
                    minutes=_minutes(survey),
                ),
                ((Button(t(lang, "survey.continue_button"), _start_data(pk)),),),
            )
            for lang in LANGUAGES
        }
        return await self.delivery.enqueue(
            kind="survey.remind",
            subject=f"survey:{pk}",
            recipients=recipients,
            messages=messages,
            created_by="system",
        )

    async def close(self, pk: int) -> bool:
        """Close: open the sealed responses into the tally tables, erase the key, discard
        unfinished answers (one transaction), then scrub the traces from the file."""
        stored = await self.repo.get(pk)
        if stored is None:
            return False
        survey = survey_of(stored)
        audience = len(await self.audience(survey))
        subject = boxes.response_subject(pk)
        key = await self.keys.key(subject)
        opener_fn = None
        if key is not None and key.wrapped is not None:
            opener = self.keys.server_opener(key)

            async def opener_fn(sealed: list[bytes]) -> list[OpenedResponse]:
                # Thousands of boxes: off the event loop, so the bot keeps answering.
                return await asyncio.to_thread(
                    lambda: [boxes.read_response(opener.open(b, subject)) for b in sealed]
                )

        if not await self.repo.close_sealed(pk, audience, subject, opener_fn):
            return False
        # Who got a reminder is who had not answered yet: not kept past the close.
        await self.delivery.repo.forget_recipients("survey.remind", f"survey:{pk}")
        await self.load_typing()
        for number in range(1, len(survey.reminders) + 1):
            await self.scheduler.cancel(REMIND_JOB, f"{pk}:{number}")
        await self.scheduler.cancel(CLOSE_JOB, str(pk))
        await self._scrub(pk)
        await self.audit.record("system", "survey.close", stored.slug, audience=audience)
        responses = await self.repo.participation_count(pk)
        log.info("survey %s closed: %d responses of %d members", stored.slug, responses, audience)
        return True

    async def close_early(self, stored: StoredSurvey, by: Person) -> bool:
        """Close now, before its time (audited); False when it was already closed."""
        by.require(Role.LEADER)
        if stored.state == "scheduled":
            await self.repo.move(stored.pk, "scheduled", "open")
        if not await self.close(stored.pk):
            return False
        await self.audit.record(by.actor, "survey.close_early", stored.slug)
        return True

    async def _scrub(self, pk: int) -> None:
        """Deleted boxes, progress and the erased key linger in free pages and the WAL."""
        await self.db.checkpoint_and_vacuum()
        await self.repo.scrubbed(pk)

    # -- members answering ------------------------------------------------------------

    def eligible(self, survey: Survey, member: Member) -> bool:
        if member.verified_at is None or not member.active or member.telegram_id is None:
            return False
        if survey.worksites and member.worksite not in survey.worksites:
            return False
        return not (survey.classifications and member.classification not in survey.classifications)

    async def open_for(self, member: Member) -> list[tuple[StoredSurvey, str]]:
        """Open surveys this member may take, each 'new', 'started' or 'done'."""
        started = await self.repo.in_progress(member.id)
        listed = []
        for stored in await self.repo.in_states("open"):
            if stored.closes_at <= self.now() or not self.eligible(survey_of(stored), member):
                continue
            if await self.repo.participated(stored.pk, member.id):
                listed.append((stored, "done"))
            else:
                listed.append((stored, "started" if stored.pk in started else "new"))
        return listed

    async def _context(
        self, pk: int, member: Member | None
    ) -> tuple[StoredSurvey, Survey, Progress | None] | Refusal:
        """The survey and the member's progress, or why they cannot answer it now."""
        if member is None or member.verified_at is None:
            return Refusal.NOT_MEMBER
        stored = await self.repo.get(pk)
        if stored is None or stored.state == "scheduled":
            return Refusal.NOT_OPEN
        if stored.state == "closed" or stored.closes_at <= self.now():
            return Refusal.CLOSED
        survey = survey_of(stored)
        if not self.eligible(survey, member):
            return Refusal.NOT_ELIGIBLE
        if await self.repo.participated(pk, member.id):
            return Refusal.DONE
        return stored, survey, await self._progress(survey, pk, member.id)

    async def begin(self, pk: int, member: Member | None) -> Outcome:
        """Start, or resume where the member stopped."""
        found = await self._context(pk, member)
        if isinstance(found, Refusal):
            return Outcome(refusal=found)
        assert member is not None
        stored, survey, progress = found
        if progress is None:
            position, answers = flow.first_position(survey), {}
        else:
            position, answers = progress.position, progress.answers
        await self._save(pk, member, survey, position, answers)
        return Outcome(step=Step(stored, survey, position, answers, resumed=progress is not None))

    async def _at_position(
        self, pk: int, member: Member | None, position: int
    ) -> tuple[StoredSurvey, Survey, dict[str, Any], Member] | Outcome:
        """Where a pressed button says the member is, or the refusal when it is not so."""
        found = await self._context(pk, member)
        if isinstance(found, Refusal):
            return Outcome(refusal=found)
        stored, survey, progress = found
        if progress is None or progress.position != position:
            return Outcome(refusal=Refusal.STALE)  # an old message's button, or a forged one
        assert member is not None
        return stored, survey, progress.answers, member

    async def _advance(
        self,
        member: Member,
        stored: StoredSurvey,
        survey: Survey,
        position: int,
        answers: dict[str, Any],
    ) -> Outcome:
        answers = flow.kept_answers(survey, answers)
        following = flow.next_position(survey, answers, position)
        await self._save(stored.pk, member, survey, following, answers)
        return Outcome(step=Step(stored, survey, following, answers))

    async def choose(self, pk: int, member: Member | None, position: int, option: int) -> Outcome:
        """A single-choice option or scale point was pressed."""
        here = await self._at_position(pk, member, position)
        if isinstance(here, Outcome):
            return here
        stored, survey, answers, member = here
        question = survey.questions[position]
        if question.type == "single" and 0 <= option < len(question.options):
            value: Any = question.options[option].id
        elif question.type == "scale" and option in question.scale_points():
            value = option
        else:
            return Outcome(refusal=Refusal.STALE)
        return await self._advance(
            member, stored, survey, position, {**answers, question.id: value}
        )

    async def toggle(self, pk: int, member: Member | None, position: int, option: int) -> Outcome:
        """A multiple-choice option was pressed: tick or untick it, respecting the maximum."""
        here = await self._at_position(pk, member, position)
        if isinstance(here, Outcome):
            return here
        stored, survey, answers, member = here
        question = survey.questions[position]
        if question.type != "multiple" or not 0 <= option < len(question.options):
            return Outcome(refusal=Refusal.STALE)
        chosen = list(answers.get(question.id) or [])
        option_id = question.options[option].id
        if option_id in chosen:
            chosen.remove(option_id)
        elif question.max_choices is not None and len(chosen) >= question.max_choices:
            step = Step(stored, survey, position, answers)
            return Outcome(step=step, refusal=Refusal.TOO_MANY, extra={"max": question.max_choices})
        else:
            chosen.append(option_id)
        ordered = [o.id for o in question.options if o.id in chosen]
        answers = {**answers, question.id: ordered}
        await self._save(pk, member, survey, position, answers)
        return Outcome(step=Step(stored, survey, position, answers))

    async def done(self, pk: int, member: Member | None, position: int) -> Outcome:
        """Done on a multiple-choice question."""
        here = await self._at_position(pk, member, position)
        if isinstance(here, Outcome):
            return here
        stored, survey, answers, member = here
        question = survey.questions[position]
        if question.type != "multiple":
            return Outcome(refusal=Refusal.STALE)
        if not answers.get(question.id):
            if not question.optional:
                return Outcome(refusal=Refusal.NONE_CHOSEN)
            answers = {**answers, question.id: None}
        return await self._advance(member, stored, survey, position, answers)

    async def skip(self, pk: int, member: Member | None, position: int) -> Outcome:
        """Skip an optional question (a required one cannot be skipped, whatever is pressed)."""
        here = await self._at_position(pk, member, position)
        if isinstance(here, Outcome):
            return here
        stored, survey, answers, member = here
        if position >= len(survey.questions):
            return Outcome(refusal=Refusal.STALE)
        question = survey.questions[position]
        if not question.optional:
            return Outcome(refusal=Refusal.REQUIRED)
        return await self._advance(member, stored, survey, position, {**answers, question.id: None})

    async def back(self, pk: int, member: Member | None, position: int) -> Outcome:
        """Go to the previous shown question; its answer is kept until changed."""
        here = await self._at_position(pk, member, position)
        if isinstance(here, Outcome):
            return here
        stored, survey, answers, member = here
        previous = flow.previous_position(survey, answers, position)
        if previous is None:
            return Outcome(refusal=Refusal.STALE)
        await self._save(pk, member, survey, previous, answers)
        return Outcome(step=Step(stored, survey, previous, answers))

    async def typed(self, member: Member | None, text: str, language: str = "en") -> Outcome | None:
        """A typed message: the answer to the member's current number or text question,
        a number read as people write it in `language` (the member's).

        None when no survey is waiting for typing, so the text goes on to other features.
        """
        if member is None or member.verified_at is None:
            return None
        row = await self.repo.active_progress(member.id, self.now() - ACTIVE_WINDOW)
        if row is None:
            return None
        stored = await self.repo.get(row.survey)
        if stored is None:
            return None
        survey = survey_of(stored)
        progress = self._open_progress(survey, row)
        if progress.position >= len(survey.questions):
            return None
        question = survey.questions[progress.position]
        if not question.typed:
            return None
        here = await self._at_position(stored.pk, member, progress.position)
        if isinstance(here, Outcome):
            return here
        value = flow.parse_typed(question, text, language)
        if isinstance(value, flow.Invalid):
            step = Step(stored, survey, progress.position, progress.answers)
            return Outcome(step=step, invalid=value)
        answers = {**progress.answers, question.id: value}
        return await self._advance(member, stored, survey, progress.position, answers)

    async def pause(self, member: Member | None) -> bool:
        """Typed text stops going to surveys (until the member continues one)."""
        if member is None:
            return False
        if member.telegram_id is not None:
            self._typing.pop(member.telegram_id, None)
        return await self.repo.pause(member.id)

    async def submit(self, pk: int, member: Member | None) -> Outcome:
        """Store the response anonymously and record participation; once per member."""
        found = await self._context(pk, member)
        if isinstance(found, Refusal):
            return Outcome(refusal=found)
        assert member is not None
        _, survey, progress = found
        if progress is None or progress.position != len(survey.questions):
            return Outcome(refusal=Refusal.STALE)
        missing = flow.missing(survey, progress.answers)
        if missing is not None:
            return Outcome(refusal=Refusal.MISSING, missing=missing)
        saved = await self.record(pk, member, survey, progress.answers)
        if member.telegram_id is not None:
            self._typing.pop(member.telegram_id, None)
        return Outcome(submitted=saved, refusal=None if saved else Refusal.DONE)

    # -- results ----------------------------------------------------------------------

    async def scope_of(self, person: Person) -> list[str] | None:
        """Worksites whose results this person may see: None for all (leaders).

        Raises NotAllowed for members; a steward sees their own worksites only.
        """
        person.require(Role.STEWARD)
        if person.can(Role.LEADER) or person.member is None:
            return None
        return await self.members.steward_worksites(person.member.id)

    async def results(self, stored: StoredSurvey, group: str | None, by: Person) -> Results:
        """What `by` may be shown, broken down by `group` (worksite, classification or None):
        a steward sees their own worksites only, a member nothing (NotAllowed).

        While the survey is open the answers are sealed: only how many have responded.
        After close, groups and breakdowns follow the survey's disclosure plan.
        """
        return await self._results(stored, group, await self.scope_of(by))

    async def participation_count(self, stored: StoredSurvey) -> int:
        """How many have responded (a number that is public while the survey is open)."""
        return await self.repo.participation_count(stored.pk)

    async def audited(
        self, person: Person, action: str, stored: StoredSurvey, /, **detail: object
    ) -> None:
        """Record that `person` was shown something of this survey (results, charts)."""
        await self.audit.record(person.actor, action, stored.slug, **detail)

    async def _results(
        self, stored: StoredSurvey, by: str | None, worksites: list[str] | None
    ) -> Results:
        survey = survey_of(stored)
        if stored.state != "closed":
            audience = len(await self.audience(survey, worksites))
            count = await self.repo.participation_count(stored.pk, worksites)
            return Results(stored.slug, survey, stored.state, count, audience, by, sealed=True)
        plan = await self.plan(stored)
        scoped = False
        if worksites is not None:
            if plan.worksite is None:  # worksites are not published separately at all
                audience = len(await self.audience(survey, worksites))
                return Results(stored.slug, survey, stored.state, 0, audience, by, withheld=True)
            mine = {plan.worksite[w] for w in worksites if w in plan.worksite}
            if set(plan.worksite.values()) <= mine:
                worksites = None  # their groups are everything: the overall results
            else:
                worksites = [w for w, g in plan.worksite.items() if g in mine]  # type: ignore[misc]
                scoped = True
        if worksites is None and stored.audience is not None:
            audience = stored.audience
        else:
            audience = len(await self.audience(survey, [w for w in worksites or [] if w]))
        counts = await self.repo.response_counts(stored.pk, by, worksites)
        rows = await self.repo.tallies(stored.pk, by, worksites)
        results = build(stored.slug, survey, stored.state, audience, counts, rows, by, plan, scoped)
        if by is not None:
            results.hidden_groups = await self._hidden_groups(survey, by, worksites, results)
        return results

    async def _hidden_groups(
        self, survey: Survey, by: str, worksites: list[str] | None, results: Results
    ) -> int:
        """How many of the audience's groups the breakdown does not name (counted from the
        roster, not from who answered, so the number says nothing about anyone)."""
        chosen = list(survey.worksites)
        if worksites is not None:
            chosen = [w for w in (chosen or worksites) if w in worksites]
            if not chosen:
                return 0
        names = await self.members.audience_groups(by, chosen, list(survey.classifications))
        return sum(1 for name in names if name not in results.group_responses)

    async def plan(self, stored: StoredSurvey) -> Plan:
        """The disclosure plan of a closed survey (its responses no longer change)."""
        cached = self._plans.get(stored.pk)
        if cached is not None:
            return cached
        survey = survey_of(stored)
        multiple = {i for i, q in enumerate(survey.questions) if q.type == "multiple"}
        answered: dict[int, dict[tuple[str | None, str | None], int]] = {}
        for question, worksite, classification, marker, n in await self.repo.answer_cells(
            stored.pk
        ):
            if marker == (question in multiple):  # one row per answerer
                cells = answered.setdefault(question, {})
                cells[(worksite, classification)] = cells.get((worksite, classification), 0) + n
        plan = make_plan(
            await self.repo.cross_counts(stored.pk), answered, range(len(survey.questions))
        )
        self._plans[stored.pk] = plan
        return plan

    async def export(
        self, stored: StoredSurvey, by: Person, include_text: bool = True
    ) -> tuple[str, int]:
        """The leaders' CSV (one row per response) and how many responses it holds (audited).

        Only after close; the group columns carry what the disclosure plan allows."""
        by.require(Role.LEADER)
        if stored.state != "closed":
            raise PermissionError("the answers are sealed until the survey closes")
        results = await self._results(stored, None, None)
        rows = await self.repo.export_rows(stored.pk)
        labels = None
        if stored.privacy == "confidential":
            labels = (await self.member_labels(stored)).get
        text = export_csv(
            results,
            rows,
            include_text=include_text,
            member_ids=labels,
            plan=await self.plan(stored),
        )
        await self.audit.record(by.actor, "survey.export", stored.slug, rows=results.responses)
        return text, results.responses

    async def member_labels(self, stored: StoredSurvey) -> dict[int, str]:
        """Confidential surveys only: member pk -> roster id, for the leaders' export."""
        assert stored.privacy == "confidential"
        labels = {}
        for _, _, _, member, *_ in await self.repo.export_rows(stored.pk):
            if member is not None and member not in labels:
                found = await self.members.get(member)
                labels[member] = (found.member_id if found else None) or f"#{member}"
        return labels

    async def find(self, reference: str) -> StoredSurvey | None:
        """A survey by its id (slug) or number."""
        stored = await self.repo.by_slug(reference.strip().lower())
        if stored is None and reference.strip().isdigit():
            stored = await self.repo.get(int(reference))
        return stored


def stored_answers(survey: Survey, answers: dict[str, Any]) -> list[StoredAnswer]:
    """Answers as rows: option positions, numbers, free text; skipped ones leave no row."""
    rows: list[StoredAnswer] = []
    for index, question in enumerate(survey.questions):
        value = answers.get(question.id)
        if value is None:
            continue
        if question.type == "single":
            option = question.option_index(value)
            if option is not None:
                rows.append(StoredAnswer(index, float(option)))
        elif question.type == "multiple":
            options = [question.option_index(v) for v in value]
            rows.append(StoredAnswer(index, ANSWERED))
            rows += [StoredAnswer(index, float(o)) for o in options if o is not None]
        elif question.type == "text":
            rows.append(StoredAnswer(index, 0.0, str(value)))
        else:
            rows.append(StoredAnswer(index, float(value)))
    return rows


def reminder_times(survey: Survey, opens_at: int) -> list[tuple[int, int]]:
    """(number, when) of each reminder that falls after the survey opens; earlier ones
    are never sent."""
    times = [(n, survey.closes_at - before) for n, before in enumerate(survey.reminders, 1)]
    return [(number, at) for number, at in times if at > opens_at]


def _at(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def _minutes(survey: Survey) -> int:
    """A fair estimate: about 15 seconds a question, at least a minute."""
    return max(1, round(len(survey.questions) * 15 / 60))


def _start_data(pk: int) -> str:
    return pack("survey", "start", pk)
