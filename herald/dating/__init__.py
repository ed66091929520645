"""Dating: the calendar day of an event from its sentence and the publication date."""

from herald.dating.resolve import RULES, resolve_date_text, resolve_event_date

__all__ = ["RULES", "resolve_date_text", "resolve_event_date"]
