"""Output: ``render`` (Markdown and plain text) and ``cli`` (the ``factsheet`` command)."""
