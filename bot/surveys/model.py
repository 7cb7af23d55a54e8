"""A survey definition as plain data: questions, options, conditions, per-language text."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# A text in each language, and picking one: shared with votes (bot/texts.py).
from bot.texts import Text, say  # noqa: F401 (say is used from here by the survey modules)

TYPES = ("single", "multiple", "scale", "number", "text")
CHOICE_TYPES = ("single", "multiple")
NUMERIC_TYPES = ("scale", "number")
PRIVACY = ("anonymous", "confidential")


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Condition:
    """Show a question only when an earlier answer is one of `values` or within min..max."""

    question: str
    values: tuple[str | float, ...] = ()
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    type: str
    text: Text
    optional: bool = False
    options: tuple[Option, ...] = ()
    max_choices: int | None = None  # multiple choice
    min: float | None = None  # scale and number
    max: float | None = None
    min_label: Text | None = None  # scale
    max_label: Text | None = None
    unit: Text | None = None  # number
    integer: bool = True
    max_length: int = 500  # text
    show_if: Condition | None = None

    @property
    def typed(self) -> bool:
        """Answered by typing (numbers, text) rather than with buttons."""
        return self.type in ("number", "text")

    def option_index(self, option_id: str) -> int | None:
        return next((i for i, o in enumerate(self.options) if o.id == option_id), None)

    def scale_points(self) -> list[int]:
        assert self.type == "scale" and self.min is not None and self.max is not None
        return list(range(int(self.min), int(self.max) + 1))


@dataclass(frozen=True, slots=True)
class Survey:
    """A validated definition; times are Unix seconds."""

    id: str
    title: Text
    closes_at: int
    questions: tuple[Question, ...]
    intro: Text | None = None
    privacy: str = "anonymous"
    worksites: tuple[str, ...] = ()
    classifications: tuple[str, ...] = ()
    opens_at: int | None = None  # None: as soon as it is loaded
    reminders: tuple[int, ...] = (86400,)  # seconds before closing

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Survey:
        questions = []
        for q in data["questions"]:
            condition = q.get("show_if")
            questions.append(
                Question(
                    **{
                        **q,
                        "options": tuple(Option(**o) for o in q.get("options", ())),
                        "show_if": Condition(**{**condition, "values": tuple(condition["values"])})
                        if condition
                        else None,
                    }
                )
            )
        return cls(
            **{
                **data,
                "questions": tuple(questions),
                "worksites": tuple(data.get("worksites", ())),
                "classifications": tuple(data.get("classifications", ())),
                "reminders": tuple(data.get("reminders", ())),
            }
        )
