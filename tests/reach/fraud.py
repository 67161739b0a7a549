"""Reach of fraud screening (qudao.fraud): runs and rules for all staff with reach; flags and outlet
risk by the outlet's grid; never agent users."""

import datetime as dt

from qudao.fraud.models import FraudFlag, FraudRule, OutletRisk, ScreeningRun

from . import ModelSpec

PERIOD = dt.date(2026, 8, 1)
BY_OUTLET = {"manager_a": ("OA1",), "manager_b": ("OB1",), "supervisor": ("OA1", "OB1"),
             "analyst": ("OA1", "OB1", "OC1"), "head": ("OA1", "OB1", "OC1"), "agent_user": (), "outsider": ()}
STAFF = ("manager_a", "manager_b", "supervisor", "analyst", "head")
RULES = ("shared_customer", "burst", "odd_hours", "no_usage", "early_cancel")

SPECS = [
    ModelSpec("fraud_run", ("fraud:run_",), "api:fraud-run-", {p: ("run",) if p in STAFF else () for p in BY_OUTLET}),
    ModelSpec("fraud_flag", ("fraud:flag_",), "api:fraud-flag-", BY_OUTLET),
    ModelSpec("fraud_risk", ("fraud:risk_",), "api:outlet-risk-", BY_OUTLET),
    ModelSpec("fraud_rule", ("fraud:rule_",), "api:fraud-rule-", {p: RULES if p in STAFF else () for p in BY_OUTLET}),
]
EXEMPT = {
    "fraud:policy_detail": "one company-wide settings row without a pk; staff-only reach is tested in "
                           "qudao/fraud/tests/test_rule_settings.py",
    "fraud:policy_edit": "as fraud:policy_detail",
}


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
    rules = {rule.kind: rule for rule in FraudRule.objects.all()}
    return {"fraud_run": {"run": run}, "fraud_flag": flags, "fraud_risk": risks, "fraud_rule": rules}
