"""The demo's daily and weekly routine, as the scheduler and a supervisor would have left it: last
week's bulletin published, this morning's laggard follow-ups, and last month's fraud screening."""

import datetime as dt
from collections.abc import Callable

from qudao.fraud.services import screen_period
from qudao.performance.bulletins import bulletin_publish, generate_bulletin, previous_week_start
from qudao.performance.laggards import detect_laggards


def seed_routine(*, as_of: dt.date, users: dict, log: Callable[[str], None]) -> None:
    bulletin, _created = generate_bulletin(week_start=previous_week_start(as_of))
    bulletin_publish(bulletin=bulletin)
    laggards = detect_laggards(day=as_of)
    last_month = (as_of.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    screening = screen_period(period=last_month, user=users["demo-supervisor"], as_of=as_of)
    log(f"routine: bulletin of the week from {bulletin.week_start} published ({bulletin.agents} agents); "
        f"laggards today: {laggards}; {last_month:%Y-%m} screened for fraud ({screening.records:,} records, {screening.flags:,} flags)")
