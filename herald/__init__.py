"""herald: political event data from raw news, with the sentence that proves each event."""

__version__ = "0.1.0"
