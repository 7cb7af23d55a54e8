"""Votes in chat: members' ballots, leaders' /votes, and the /newvote wizard."""
