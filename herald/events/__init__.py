"""Events stage: CAMEO/PLOVER events from predicates and their arguments."""

from herald.events.coder import CoderSettings, EventCoder, ModalityPolicy
from herald.events.lexicon import Lexicon, load_lexicon
from herald.events.stage import EventStage

__all__ = ["CoderSettings", "EventCoder", "EventStage", "Lexicon", "ModalityPolicy", "load_lexicon"]
