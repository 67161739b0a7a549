from .checklists import ChecklistItem, ChecklistTemplate
from .followups import Rectification, Violation
from .inspections import Inspection, InspectionResult
from .photos import Photo
from .plans import PlannedOutlet, WeekPlan
from .policy import InspectionPolicy

__all__ = [
    "ChecklistItem", "ChecklistTemplate", "Inspection", "InspectionPolicy", "InspectionResult", "Photo",
    "PlannedOutlet", "Rectification", "Violation", "WeekPlan",
]
