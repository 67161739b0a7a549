"""The demo's field work: yesterday's callback sample drawn and this month's scorecards computed,
through the same services the morning tasks call, so the callback workbench and the supervisor's
scorecards have something to show on the first login."""

import datetime as dt
from collections.abc import Callable

from qudao.fieldwork.services import compute_scorecards, sample_callbacks


def seed_field_work(*, as_of: dt.date, log: Callable[[str], None]) -> None:
    run, _created = sample_callbacks(day=as_of - dt.timedelta(days=1))
    cards = compute_scorecards(month=as_of.replace(day=1), today=as_of)
    log(f"field work: {run.sampled:,} of {run.population:,} of yesterday's users sampled for callbacks, "
        f"{cards} scorecards")
