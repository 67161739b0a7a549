"""Business verbs of field work. Keyword-only, atomic, validated; views, the API and tasks call these."""

from .followups import (
    escalate_overdue_rectifications,
    rectification_open,
    rectification_recheck,
)
from .inspections import inspection_add_photos, inspection_check_in, inspection_finish
from .plans import plan_save
from .violations import (
    violation_add_evidence,
    violation_close,
    violation_escalate,
    violation_propose_penalty,
    violation_raise,
)

__all__ = [
    "escalate_overdue_rectifications", "inspection_add_photos", "inspection_check_in", "inspection_finish", "plan_save",
    "rectification_open", "rectification_recheck", "violation_add_evidence", "violation_close",
    "violation_escalate", "violation_propose_penalty", "violation_raise",
]
