"""Reach of fraud screening (qudao.fraud): runs for all staff with reach; flags and outlet risk by
the outlet's grid; never agent users."""

import datetime as dt

from qudao.fraud.models import FraudFlag, OutletRisk, ScreeningRun

from . import ModelSpec

PERIOD = dt.date(2026, 8, 1)
BY_OUTLET = {"manager_a": ("OA1",), "manager_b": ("OB1",), "supervisor": ("OA1", "OB1"),
             "analyst": ("OA1", "OB1", "OC1"), "head": ("OA1", "OB1", "OC1"), "agent_user": (), "outsider": ()}
STAFF = ("manager_a", "manager_b", "supervisor", "analyst", "head")

SPECS = [
    ModelSpec("fraud_run", ("fraud:run_",), "api:fraud-run-", {p: ("run",) if p in STAFF else () for p in BY_OUTLET}),
    ModelSpec("fraud_flag", ("fraud:flag_",), "api:fraud-flag-", BY_OUTLET),
    ModelSpec("fraud_risk", ("fraud:risk_",), "api:outlet-risk-", BY_OUTLET),
]
EXEMPT = {}


def populate(cast):
    run = ScreeningRun.objects.create(period=PERIOD, as_of=PERIOD, status="done", stage="done", progress=100,
                                      started_by=cast.head)
    flags, risks = {}, {}
    for code in ("OA1", "OB1", "OC1"):
        outlet = cast.outlets[code]
        flags[code] = FraudFlag.objects.create(
            run=run, period=PERIOD, external_id=f"REACH-{code}", sold_on=PERIOD, outlet=outlet, agent=outlet.agent,
            rule="odd_hours", score=10.0, detail={"local_hour": 3})
        risks[code] = OutletRisk.objects.create(run=run, period=PERIOD, outlet=outlet, score=5.0, records=2, flagged=1)
    return {"fraud_run": {"run": run}, "fraud_flag": flags, "fraud_risk": risks}
