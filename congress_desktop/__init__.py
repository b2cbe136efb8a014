"""congress-desktop: paperless congress session software (数字人代会)."""

__version__ = "0.1.0"
