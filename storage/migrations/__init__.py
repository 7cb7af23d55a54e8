"""Numbered SQL migrations, applied in order by `storage.database.Database.migrate`.

PRECONDITIONS lists migrations that must not be applied in some state of the data: the
query returns one non-NULL value describing what is in the way, and the message (with
`{found}`) tells the operator what to do. Nothing is changed when one is refused.
"""

PRECONDITIONS: dict[int, tuple[str, str]] = {
    10: (
        "SELECT group_concat('#' || id, ', ') FROM votes WHERE state = 'open'",
        "vote {found} is open. Ballots cast before this version are not sealed, so upgrade "
        "after it closes: keep the old version running until then. Nothing was changed.",
    ),
}
