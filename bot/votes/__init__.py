"""Strike-authorization votes: secret ballots, one member one vote, receipts, results."""
