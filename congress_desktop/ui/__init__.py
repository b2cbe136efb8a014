"""The Qt front ends (PySide6 + qasync). Nothing below this package imports Qt."""
