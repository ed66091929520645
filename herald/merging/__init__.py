"""Event merging: cluster mentions of one real-world event across articles and sentences."""

from herald.merging.merge import MergedEvent, MergeRules, merge_block, merge_events

__all__ = ["MergeRules", "MergedEvent", "merge_block", "merge_events"]
