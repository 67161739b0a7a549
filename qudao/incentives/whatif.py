"""What-if: a draft (or any) version run against a done run's snapshot, compared with what the run
computed, without writing lines or statements."""

from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from qudao.channels.models import Agent
from qudao.core.errors import BusinessRuleError
from qudao.sales.models import Product
from qudao.territory.models import TerritoryNode

from .choices import RunStatus
from .engine.compute import compute, load_versions
from .engine.snapshot import verify_manifest, version_payload
from .lines import lines_path
from .rules import validate_rules

DIMENSIONS = {"agent": (Agent, "name"), "grid": (TerritoryNode, "name"),
              "product": (Product, "code")}


@dataclass
class WhatIf:
    baseline_fen: int = 0
    trial_fen: int = 0
    rows: dict = field(default_factory=dict)  # dimension → [(label, baseline, trial, difference)]

    @property
    def difference_fen(self) -> int:
        return self.trial_fen - self.baseline_fen


def _compare(con, lines_file: Path) -> dict[str, list[tuple]]:
    """Baseline (the run's lines file) against trial (`lines`) per agent, grid and product, in one pass."""
    path = str(lines_file).replace("'", "''")
    rows = con.execute(
        "SELECT agent_id, grid_id, product_id, GROUPING(agent_id), GROUPING(grid_id), sum(base)::BIGINT, "  # noqa: S608
        f"sum(trial)::BIGINT FROM (SELECT agent_id, grid_id, product_id, amount_fen AS base, 0 AS trial FROM read_parquet('{path}') "
        "UNION ALL SELECT agent_id, grid_id, product_id, 0, amount_fen FROM lines) "
        "GROUP BY GROUPING SETS ((agent_id), (grid_id), (product_id)) ORDER BY ALL"
    ).fetchall()
    out: dict[str, list[tuple]] = {"agent": [], "grid": [], "product": []}
    for agent, grid, product, no_agent, no_grid, base, trial in rows:
        if not no_agent:
            out["agent"].append((agent, base, trial))
        elif not no_grid:
            out["grid"].append((grid, base, trial))
        else:
            out["product"].append((product, base, trial))
    return out


def _labelled(rows, model, attr) -> list[tuple]:
    names = dict(model.objects.filter(pk__in=[r[0] for r in rows if r[0]]).values_list("pk", attr))
    return [(names.get(key, "—"), base, trial, trial - base) for key, base, trial in rows]


def what_if(*, version, run) -> WhatIf:
    """Costs with `version` in place of its scheme's approved versions, against the run's own result."""
    if run.status not in (RunStatus.DONE, RunStatus.SUPERSEDED) or not run.snapshot_dir:
        raise BusinessRuleError(_("A what-if needs a done run with its snapshot."))
    folder, lines_file = Path(run.snapshot_dir), lines_path(run)
    if lines_file is None or not verify_manifest(folder):
        raise BusinessRuleError(_("The run's snapshot is missing or was changed; start a new run."))
    if validate_rules(version.rules):
        raise BusinessRuleError(_("The version's rules are not valid."))
    trial = version_payload(version)
    versions = [v for v in load_versions(folder) if v["scheme"] != trial["scheme"]] + [trial]
    con = compute(folder, run.period, versions, in_agent_order=False)
    try:
        result = WhatIf()
        compared = _compare(con, lines_file)
        for name, (model, attr) in DIMENSIONS.items():
            result.rows[name] = _labelled(compared[name], model, attr)
        totals = result.rows["agent"]
        result.baseline_fen = sum(r[1] for r in totals)
        result.trial_fen = sum(r[2] for r in totals)
        return result
    finally:
        con.close()
