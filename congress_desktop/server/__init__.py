"""The central server: sync API, blob API, enrollment, change log (FastAPI + SQLAlchemy).

Runs on SQLite (one process serves a hall) or PostgreSQL (several stateless processes).
Never imports ``ui`` or ``sync``.
"""
