"""Workload surveys: YAML definitions, one-question-at-a-time answering, private tallies."""
