"""krampe: Danish self-help and triage assistant for calf cramps."""

__version__ = "0.1.0"
