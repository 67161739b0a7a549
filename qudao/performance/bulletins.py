"""The weekly bulletin: generated once per week from the daily rollups, stored, then published."""

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qudao.accounts.permissions import can_approve
from qudao.core.errors import BusinessRuleError
from qudao.core.events import transition

from .choices import BulletinStatus
from .models import Bulletin, BulletinLine
from .volumes import NO_VOLUME, agent_home_grids, agent_volumes, counties_of, week_targets

WEEK = dt.timedelta(days=7)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week containing `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def previous_week_start(day: dt.date) -> dt.date:
    """The Monday of the last complete week before `day`'s week (what Monday's bulletin covers)."""
    return week_of(day)[0] - WEEK


def competition_ranks(scores: Mapping[Hashable, int]) -> dict[Hashable, int]:
    """Highest score first; equal scores share a rank and the next rank skips (1, 2, 2, 4)."""
    first_place: dict[int, int] = {}
    for place, score in enumerate(sorted(scores.values(), reverse=True), start=1):
        first_place.setdefault(score, place)
    return {key: first_place[score] for key, score in scores.items()}


def _attainment(records: int, target: Decimal | None) -> Decimal | None:
    if not target:
        return None
    return (Decimal(records) * 100 / target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _ranks_within(groups: Mapping[int, int | None], records: Mapping[int, int]) -> tuple[dict, dict]:
    """({agent: rank within its group}, {group: agents in it}) for agents keyed to a group."""
    members: dict[int, dict[int, int]] = defaultdict(dict)
    for agent, group in groups.items():
        if group is not None:
            members[group][agent] = records[agent]
    ranks = {agent: rank for scores in members.values() for agent, rank in competition_ranks(scores).items()}
    return ranks, {group: len(scores) for group, scores in members.items()}


def compute_lines(week_start: dt.date) -> list[BulletinLine]:
    """The unsaved lines of the week: a few grouped queries, then ranking in memory (per agent,
    not per record)."""
    week_end = week_start + dt.timedelta(days=6)
    current = agent_volumes(week_start, week_end)
    previous = agent_volumes(week_start - WEEK, week_start - dt.timedelta(days=1))
    grids = agent_home_grids(week_start, week_end)
    counties = counties_of(set(grids.values()))
    targets = week_targets(week_start, week_end)
    records = {agent: current.get(agent, NO_VOLUME).records for agent in grids}
    grid_ranks, grid_sizes = _ranks_within(grids, records)
    agent_county = {agent: counties.get(grid) for agent, grid in grids.items()}
    county_ranks, county_sizes = _ranks_within(agent_county, records)
    lines = []
    for agent, grid in sorted(grids.items()):
        now, before, county = current.get(agent, NO_VOLUME), previous.get(agent, NO_VOLUME), agent_county[agent]
        lines.append(BulletinLine(
            agent_id=agent, grid_id=grid, county_id=county,
            records=now.records, fee_fen=now.fee_fen, effective=now.effective, effective_fee_fen=now.effective_fee_fen,
            prev_records=before.records, prev_fee_fen=before.fee_fen, prev_effective=before.effective,
            rank_in_grid=grid_ranks[agent], grid_agents=grid_sizes[grid],
            rank_in_county=county_ranks.get(agent), county_agents=county_sizes.get(county),
            week_target=targets.get(agent), attainment_pct=_attainment(now.records, targets.get(agent)),
        ))
    return lines


def generate_bulletin(*, week_start: dt.date) -> tuple[Bulletin, bool]:
    """(bulletin, created). A week that already has a bulletin keeps it exactly as it is:
    generating again replaces nothing and duplicates nothing."""
    if week_start.weekday() != 0:
        raise BusinessRuleError(_("A bulletin week starts on a Monday."), code="not_monday")
    existing = Bulletin.objects.filter(week_start=week_start).first()
    if existing is not None:
        return existing, False
    try:
        return _create_bulletin(week_start), True
    except IntegrityError:  # another run created it meanwhile
        return Bulletin.objects.get(week_start=week_start), False


@transaction.atomic
def _create_bulletin(week_start: dt.date) -> Bulletin:
    lines = compute_lines(week_start)
    bulletin = Bulletin.objects.create(
        week_start=week_start, week_end=week_start + dt.timedelta(days=6), agents=len(lines),
        records=sum(line.records for line in lines), fee_fen=sum(line.fee_fen for line in lines),
        effective=sum(line.effective for line in lines),
    )
    for line in lines:
        line.bulletin = bulletin
    BulletinLine.objects.bulk_create(lines, batch_size=1000)
    return bulletin


@transaction.atomic
def bulletin_publish(*, bulletin: Bulletin, by=None) -> Bulletin:
    """Makes the bulletin visible to agents. `by` None is the scheduled job."""
    if by is not None and not can_approve(by):
        raise PermissionDenied(_("Your role may read but not publish bulletins."))
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    bulletin.published_at = timezone.now()
    transition(subject=bulletin, to=BulletinStatus.PUBLISHED, allowed_from={BulletinStatus.DRAFT}, action="publish", by=by)
    return bulletin
