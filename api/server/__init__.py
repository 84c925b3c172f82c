"""The production server, ``python -m api``: granian and its settings (:mod:`.run`), and what
each worker does beside serving (:mod:`.worker_guard`)."""
