"""Scores of a finished inspection; each kind's template names its own method.

- pass rate (routine): 100 × Σ weight of passed items ÷ Σ weight
- deduction (weekly compliance): 100 − Σ points of failed items, never below 0
- points (monthly assessment): 100 × Σ weight × points/max ÷ Σ weight
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .choices import AnswerType, ScoringMethod

ONE_DECIMAL = Decimal("0.1")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Answer:
    item_id: int
    passed: bool | None = None  # pass/fail items
    points: int | None = None  # points items
    comment: str = ""


def item_passes(item, answer: Answer) -> bool:
    if item.answer_type == AnswerType.POINTS:
        return answer.points is not None and answer.points >= (item.pass_points or 0)
    return bool(answer.passed)


def score(method: str, graded: list[tuple[object, Answer, bool]]) -> Decimal:
    """`graded` holds (item, answer, passed) for every item of the checklist."""
    if not graded:
        return HUNDRED.quantize(ONE_DECIMAL)
    if method == ScoringMethod.DEDUCTION:
        lost = sum(item.max_points for item, _answer, passed in graded if not passed)
        value = max(Decimal(0), HUNDRED - lost)
    elif method == ScoringMethod.POINTS:
        total = sum(item.weight for item, _a, _p in graded)
        earned = sum(Decimal(item.weight) * _fraction(item, answer, passed) for item, answer, passed in graded)
        value = HUNDRED * earned / total
    else:
        total = sum(item.weight for item, _a, _p in graded)
        value = HUNDRED * sum(item.weight for item, _a, passed in graded if passed) / total
    return Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _fraction(item, answer: Answer, passed: bool) -> Decimal:
    if item.answer_type == AnswerType.POINTS:
        return Decimal(answer.points or 0) / item.max_points
    return Decimal(1 if passed else 0)
