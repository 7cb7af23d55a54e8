"""FAQ answering: file format, text analysis, ranking and decision, service, commands."""
