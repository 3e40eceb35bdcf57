"""Event extraction: PLOVER-typed events with actors, dates and the place where they happened."""

from .extract import extract_events

__all__ = ["extract_events"]
