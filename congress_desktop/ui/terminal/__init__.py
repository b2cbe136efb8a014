"""The delegate terminal: one module per screen, composed by ``window.py``."""
