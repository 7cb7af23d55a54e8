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
    # Responses of an open survey are in clear in survey_responses and the WAL; sealing
    # them at the upgrade would leave the clear copies in free pages and in every backup
    # taken so far, and mix sealed and clear rows of one survey. Closing first is honest.
    11: (
        "SELECT group_concat(slug, ', ') FROM surveys WHERE state = 'open'",
        "schema 11 seals survey answers, and cannot upgrade while a survey is open "
        "(open: {found}). Run the previous unionbot until it closes, or close it with "
        "`unionbot survey close SURVEY` on the previous version, then upgrade.",
    ),
}
