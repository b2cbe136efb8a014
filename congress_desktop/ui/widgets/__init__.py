"""Reusable, app-independent widgets (they know nothing of the store or the engine)."""
