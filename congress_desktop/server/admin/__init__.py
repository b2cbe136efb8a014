"""The admin API (secretariat console, hall display, technicians) under ``/api/v1/admin``.

Routes live in ``*_routes.py`` modules and are gathered by :mod:`.router`; the domain logic
lives beside them (``server/users.py``, ``audit.py``, ``roster.py``, ``agenda.py``,
``attendance.py``, and the modules here). Every write goes through
``server.changes.write_row``/``delete_row`` (so terminals receive it) together with one
audit entry, in one transaction.
"""
