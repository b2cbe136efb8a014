"""Helpers shared by the secretariat console and the hall display (not the terminal's)."""
