"""Settlement runs: start (one active run per period and scope), execute (freeze → compute →
write, all database writes in one transaction at the end), send statements, what-if."""

import datetime as dt
import logging
import shutil
import time

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_approve
from qudao.core.errors import BusinessRuleError
from qudao.core.events import record_event
from qudao.core.money import to_yuan
from qudao.sales.partitions import month_start
from qudao.territory.selectors import nodes_within_reach

from .choices import RunStatus, StatementStatus
from .engine.compute import compute, digest
from .engine.snapshot import freeze
from .engine.write import lines_to_parquet, write_statements
from .integrations import post_ledger_entries
from .lines import LINES_FILE
from .models import SettlementRun, Statement, StatementItem
from .permissions import can_run_settlements

log = logging.getLogger(__name__)


def _check_runner(user, scope) -> None:
    """A channel manager settles (and sends) the nodes within their reach; the whole company takes
    a supervisor or above whose reach is the whole company."""
    if not can_run_settlements(user):
        raise BusinessRuleError(_("You may not run settlements."), code="forbidden")
    if scope is None:
        allowed = can_approve(user) and nodes_within_reach(user).filter(parent__isnull=True).exists()
    else:
        allowed = nodes_within_reach(user).filter(pk=scope.pk).exists()
    if not allowed:
        raise BusinessRuleError(_("This scope is beyond your reach: choose a node you look after."), code="forbidden")


def period_closed(*, period: dt.date, scope_key: str) -> bool:
    """A period is closed for a scope once a done run's statements were sent."""
    return Statement.objects.filter(run__period=period, run__scope_key=scope_key, run__status=RunStatus.DONE).exclude(
        status=StatementStatus.DRAFT).exists()


def start_run(*, period: dt.date, scope=None, user) -> SettlementRun:
    """Creates the run and enqueues it; refused while another run of the period and scope is active."""
    _check_runner(user, scope)
    if period != month_start(period):
        raise BusinessRuleError(_("The period is the first day of a month."))
    scope_key = str(scope.pk) if scope is not None else "all"
    if period_closed(period=period, scope_key=scope_key):
        raise BusinessRuleError(_("The statements of this period were sent: it is closed. Corrections go into the next period's run."))
    try:
        with transaction.atomic():
            run = SettlementRun.objects.create(period=period, scope=scope, scope_key=scope_key, created_by=user,
                                               stage=_("waiting for a worker"))
            transaction.on_commit(lambda: _enqueue(run.pk))
    except IntegrityError:
        raise BusinessRuleError(_("A run for this period and scope is already in progress."), code="run_active") from None
    return run


def _enqueue(run_id: int) -> None:
    from .tasks import execute_run_task

    execute_run_task.enqueue(run_id)


def _progress(run_id: int):
    def report(pct: int, stage: str) -> None:
        SettlementRun.objects.filter(pk=run_id).update(progress=pct, stage=stage)
    return report


class _Laps(dict):
    """Seconds per stage, for the log and the benchmark."""

    def __init__(self):
        super().__init__()
        self._last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self[stage], self._last = round(now - self._last, 2), now

    def __str__(self) -> str:
        return ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in self.items())


def execute_run(run_id: int) -> SettlementRun:
    """Runs a queued run; a run already taken by a worker (or finished) is returned as it is."""
    claimed = SettlementRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), progress=1, stage="freeze")
    run = SettlementRun.objects.select_related("scope").get(pk=run_id)
    if not claimed:
        return run
    report, laps = _progress(run_id), _Laps()
    try:
        folder, sha, records = freeze(run, report)
        laps("freeze")
        report(40, "compute")
        con = compute(folder, run.period)
        laps("compute")
        try:
            result = digest(con)
            laps("digest")
            lines_to_parquet(con, folder / LINES_FILE)
            laps("lines.parquet")
            report(70, "write")
            _write_result(con, run, sha=sha, result=result, records=records, folder=folder)
            laps("database")
        finally:
            con.close()
        log.info("settlement run %s: %s", run_id, laps)
    except Exception as exc:
        log.exception("settlement run %s failed", run_id)
        folder = SettlementRun.objects.values_list("snapshot_dir", flat=True).get(pk=run_id)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
        SettlementRun.objects.filter(pk=run_id).update(status=RunStatus.FAILED, finished_at=timezone.now(),
                                                       stage="failed", snapshot_dir="", message=str(exc)[:2000])
    return SettlementRun.objects.get(pk=run_id)


@transaction.atomic
def _write_result(con, run: SettlementRun, *, sha: str, result: str, records: int, folder) -> None:
    statements = write_statements(con, run.pk)
    lines = sum(s.line_count for s in statements)
    total = sum(s.total_fen for s in statements)
    held = sum(s.held_fen for s in statements)
    SettlementRun.objects.filter(period=run.period, scope_key=run.scope_key, status=RunStatus.DONE).update(
        status=RunStatus.SUPERSEDED)
    SettlementRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE, progress=100, stage="done", snapshot_dir=str(folder), snapshot_sha256=sha,
        result_digest=result, record_count=records, line_count=lines, statement_count=len(statements),
        total_fen=total, held_fen=held, finished_at=timezone.now())


def _ledger_entries(run: SettlementRun, statements) -> list[dict]:
    """Per agent: what is not held, as commission (every rule but clawbacks) and clawback."""
    sums = (StatementItem.objects.filter(statement__in=statements).values("statement__agent_id")
            .annotate(claw=Sum(F("amount_fen") - F("held_fen"), filter=Q(rule_kind="clawback")),
                      other=Sum(F("amount_fen") - F("held_fen"), filter=~Q(rule_kind="clawback"))))
    entries = []
    for row in sums:
        for kind, fen in (("commission", row["other"]), ("clawback", row["claw"])):
            if fen:
                entries.append({"agent_id": row["statement__agent_id"], "kind": kind, "amount": to_yuan(fen),
                                "period": run.period, "source": f"settlement-run:{run.pk}", "memo": f"{run.period:%Y-%m} {kind}"})
    return entries


@transaction.atomic
def send_statements(*, run: SettlementRun, user) -> int:
    """Sends the run's draft statements (status sent) and posts commission/clawback to the ledger."""
    _check_runner(user, run.scope)
    run = SettlementRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DONE:
        raise BusinessRuleError(_("Only the statements of a done run can be sent."))
    drafts = list(run.statements.filter(status=StatementStatus.DRAFT))
    Statement.objects.filter(pk__in=[s.pk for s in drafts]).update(status=StatementStatus.SENT, sent_at=timezone.now())
    post_ledger_entries(_ledger_entries(run, drafts), user=user)
    record_event(subject=run, action="statements_sent", by=user, data={"statements": len(drafts)})
    return len(drafts)
