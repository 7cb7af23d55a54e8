"""How a command fails: one line for the operator, and an exit code systemd understands."""

from __future__ import annotations

EXIT_USAGE = 2  # a setting or argument needs fixing: don't restart
EXIT_UNAVAILABLE = 1  # something outside us failed: a restart may help


class CommandError(Exception):
    """A command cannot go on; the message is shown as one line (exit 2, or `exit_code`)."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def no_database(path: object) -> CommandError:
    """For the commands that look at the database as it is and never create one (`status`,
    `db backup`): the one way they say it is missing."""
    return CommandError(
        f"no database at {path}: check DATABASE_PATH, or create it with `unionbot db migrate`"
    )
