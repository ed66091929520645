"""Actors stage: who is mentioned in an article, as CAMEO-style actors with spans."""

from herald.actors.lexicon import Lexicon, load_lexicon
from herald.actors.resolver import ActorResolver, coordinated_mentions, mention_at
from herald.actors.stage import ActorStage

__all__ = ["ActorResolver", "ActorStage", "Lexicon", "coordinated_mentions", "load_lexicon", "mention_at"]
