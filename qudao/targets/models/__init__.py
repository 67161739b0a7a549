from .calendar import CalendarException
from .targets import Target

__all__ = ["CalendarException", "Target"]
