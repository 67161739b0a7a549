from django.db.models import QuerySet

from qudao.incentives.choices import StatementStatus
from qudao.incentives.models import Statement
from qudao.incentives.selectors import statements_visible_to

from .models import StatementDispute


def sent_statements_visible_to(user) -> QuerySet[Statement]:
    """Statements that have left the settlement desk (drafts are the run's business)."""
    return statements_visible_to(user).exclude(status=StatementStatus.DRAFT)


def disputes_visible_to(user) -> QuerySet[StatementDispute]:
    """Whoever may read the statement may read its disputes (agent users: their own agent's)."""
    qs = StatementDispute.objects.select_related("statement__agent", "statement__run", "raised_by", "answered_by")
    return qs.filter(statement__in=sent_statements_visible_to(user).values("pk"))

