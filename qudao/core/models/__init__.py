from .base import TimeStampedModel
from .events import Event

__all__ = ["Event", "TimeStampedModel"]
