"""The factsheet for AI assistants: an MCP server on the official SDK (the extra ``mcp``).

``answers``, ``search`` and ``prompt`` say what it answers and need no SDK; ``server`` registers them with
the SDK; ``serve`` runs it over stdio or streamable HTTP (``factsheet mcp``).
"""
