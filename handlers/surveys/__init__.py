"""Surveys in chat."""
