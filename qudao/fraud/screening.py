"""Screening a period, set-based: DuckDB runs every enabled rule over the period's facts (the
Parquet copy written by the imports, or — when that is missing — the period's rows read from the
database in one query), and the flags and outlet risks are written back in bulk.

Re-screening replaces the period's open flags and keeps the reviewed ones (and their reviews);
outlet risk is recomputed from this screening's hits, leaving out the flags a reviewer cleared.
"""

import json
import logging
import time
from contextlib import contextmanager

import polars as pl
from django.db import transaction
from django.utils import timezone

from qudao.sales.models import DevelopmentRecord
from qudao.sales.partitions import next_month
from qudao.sales.pipeline.columnar import RECORDS, connect, month_dir, open_facts

from .choices import FactsSource, FlagStatus, RunStage, RunStatus
from .models import FraudFlag, FraudRule, OutletRisk, ScreeningRun
from .rules import hits_sql

log = logging.getLogger(__name__)
BATCH = 5000
_DB_COLUMNS = {
    "external_id": pl.String, "sold_at": pl.Datetime("us", "UTC"), "sold_on": pl.Date, "outlet_id": pl.Int64,
    "agent_id": pl.Int64, "customer_hash": pl.String, "status": pl.String, "paid_on": pl.Date, "ended_on": pl.Date,
}
_RISK_SQL = """
    WITH kept AS (
        SELECT h.* FROM hits h WHERE NOT EXISTS (
            SELECT 1 FROM reviewed r WHERE r.external_id = h.external_id AND r.rule = h.rule AND r.status = 'cleared')),
    per_outlet AS (SELECT outlet_id, sum(score) AS points, count(DISTINCT external_id) AS flagged FROM kept
                   GROUP BY outlet_id),
    sold AS (SELECT outlet_id, count(*) AS records FROM facts GROUP BY outlet_id)
    SELECT p.outlet_id, round(p.points / s.records, 2) AS score, s.records, p.flagged
    FROM per_outlet p JOIN sold s ON s.outlet_id = p.outlet_id ORDER BY p.outlet_id"""
_NEW_FLAGS_SQL = """
    SELECT h.* FROM hits h ANTI JOIN reviewed r ON r.external_id = h.external_id AND r.rule = h.rule
    ORDER BY h.external_id, h.rule"""


def run_screening(run_id: int) -> ScreeningRun:
    """Runs a queued screening (a finished one is left as it is); failures are recorded on the run."""
    run = ScreeningRun.objects.get(pk=run_id)
    if run.is_finished:
        return run
    try:
        _Screening(run).execute()
    except Exception as exc:
        log.exception("screening run %s failed", run_id)
        ScreeningRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, message=str(exc)[:2000], finished_at=timezone.now())
    run.refresh_from_db()
    return run


class _Screening:
    def __init__(self, run: ScreeningRun):
        self.run, self.timings = run, {}

    def stage(self, stage: str, progress: int, **extra) -> None:
        ScreeningRun.objects.filter(pk=self.run.pk).update(stage=stage, progress=progress, **extra)

    @contextmanager
    def timed(self, name: str):
        started = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - started, 3)

    def execute(self) -> None:
        run = self.run
        self.stage(RunStage.READING, 10, status=RunStatus.RUNNING, started_at=timezone.now())
        con = connect()
        try:
            with self.timed("read"):
                source = self.open(con)
                records = con.execute("SELECT count(*) FROM facts").fetchone()[0]
            self.stage(RunStage.RULES, 40, source=source, records=records)
            rules = list(FraudRule.objects.filter(enabled=True).values_list("kind", "weight", "params"))
            with self.timed("rules"):
                con.execute(f"CREATE TEMP TABLE hits AS {hits_sql(rules, run.as_of)}")
                con.register("reviewed", self.reviewed())
                flags = con.sql(_NEW_FLAGS_SQL).pl()
                risks = con.sql(_RISK_SQL).pl()
                hits, flagged = con.execute("SELECT count(*), count(DISTINCT external_id) FROM hits").fetchone()
            self.stage(RunStage.WRITING, 80)
            with self.timed("write"):
                kept = self.write(flags, risks)
        finally:
            con.close()
        ScreeningRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE, stage=RunStage.DONE, progress=100, flags=hits, flagged_records=flagged,
            outlets=risks.height, kept_reviews=kept, rules=[kind for kind, _w, _p in rules], timings=self.timings,
            finished_at=timezone.now(),
        )

    def open(self, con) -> str:
        period = self.run.period
        if any(month_dir(RECORDS, period).glob("*.parquet")):
            open_facts(con, [period])
            return FactsSource.PARQUET
        rows = DevelopmentRecord.objects.filter(sold_on__gte=period, sold_on__lt=next_month(period)).values_list(
            *_DB_COLUMNS)
        frame = pl.DataFrame(list(rows.iterator(chunk_size=BATCH)), schema=_DB_COLUMNS, orient="row")
        con.register("db_facts", frame)
        con.execute("CREATE OR REPLACE TEMP VIEW facts AS SELECT * FROM db_facts")
        return FactsSource.DATABASE

    def reviewed(self) -> pl.DataFrame:
        rows = FraudFlag.objects.filter(period=self.run.period).exclude(status=FlagStatus.OPEN).values_list(
            "external_id", "rule", "status")
        return pl.DataFrame(list(rows), schema={"external_id": pl.String, "rule": pl.String, "status": pl.String},
                            orient="row")

    @transaction.atomic
    def write(self, flags: pl.DataFrame, risks: pl.DataFrame) -> int:
        run, period = self.run, self.run.period
        FraudFlag.objects.filter(period=period, status=FlagStatus.OPEN).delete()
        FraudFlag.objects.bulk_create(
            (FraudFlag(run=run, period=period, external_id=ext, sold_on=sold_on, outlet_id=outlet, agent_id=agent,
                       rule=rule, score=score, detail=_json(detail))
             for ext, sold_on, outlet, agent, rule, score, detail in flags.iter_rows()),
            batch_size=BATCH,
        )
        OutletRisk.objects.filter(period=period).delete()
        OutletRisk.objects.bulk_create(
            (OutletRisk(run=run, period=period, outlet_id=outlet, score=score, records=records, flagged=flagged)
             for outlet, score, records, flagged in risks.iter_rows()),
            batch_size=BATCH,
        )
        return FraudFlag.objects.filter(period=period).exclude(status=FlagStatus.OPEN).count()


def _json(text: str | None) -> dict:
    return json.loads(text) if text else {}
