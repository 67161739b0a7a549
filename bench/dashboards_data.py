"""Province-scale data for bench/dashboards.py, generated set-based straight into PostgreSQL."""

import datetime as dt
import time
from dataclasses import dataclass

from django.db import connection, models

SHARES = (  # product code, category, fee (fen), share of sales
    ("B-5G59", "mobile_plan", 5900, 0.26), ("B-5G129", "mobile_plan", 12900, 0.10),
    ("B-BB100", "broadband", 10000, 0.12), ("B-RH169", "convergence", 16900, 0.09),
    ("B-PHONE", "terminal", 199900, 0.05), ("B-CARD29", "card", 2900, 0.28), ("B-CARD19", "card", 1900, 0.10),
)
COUNTIES, AREAS_PER_COUNTY = 20, 5
OUTLETS_PER_GRID, OUTLETS_PER_AGENT = 40, 5


@dataclass
class World:
    first: dt.date
    as_of: dt.date
    company: object
    county: object
    grid: object
    users: dict
    rollup_rows: int = 0

    @property
    def first_outlet_id(self) -> int:
        from qudao.channels.models import Outlet

        return Outlet.objects.order_by("pk").values_list("pk", flat=True).first()


def build_world(outlets: int, months: int, records_per_month: int, *, log) -> World:
    from qudao.reporting.periods import shift_months

    as_of = dt.date.today()
    first = shift_months(as_of.replace(day=1), -(months - 1))
    company, counties, grids = _territory(max(1, outlets // OUTLETS_PER_GRID), log)
    _agents_and_outlets(grids, outlets, log)
    _products(first)
    world = World(first, as_of, company, counties[0], next(g for g in grids if g.parent.parent_id == counties[0].pk),
                  users={})
    world.users = _users(world)
    world.rollup_rows = _rollups(first, as_of, outlets, records_per_month, log)
    return world


def _level(nodes):
    from qudao.territory.models import TerritoryNode, child_path

    created = TerritoryNode.objects.bulk_create(nodes, batch_size=1000)
    for node in created:
        node.path = child_path(node.parent.path if node.parent else None, node.pk)
    TerritoryNode.objects.bulk_update(created, ["path"], batch_size=1000)
    return created


def _territory(grid_count: int, log):
    from qudao.territory.models import TerritoryNode as N

    (company,) = _level([N(code="CO", name="Bench company", kind="company")])
    (branch,) = _level([N(code="BR", name="Bench branch", kind="branch", parent=company)])
    counties = _level([N(code=f"C{i:02d}", name=f"County {i}", kind="county", parent=branch) for i in range(COUNTIES)])
    areas = _level([N(code=f"{c.code}A{j}", name=f"Area {c.code}-{j}", kind="area", parent=c)
                    for c in counties for j in range(AREAS_PER_COUNTY)])
    grids = _level([N(code=f"G{k:04d}", name=f"Grid {k}", kind="grid", parent=areas[k % len(areas)])
                    for k in range(grid_count)])
    log(f"territory: {len(counties)} counties, {len(areas)} areas, {len(grids)} grids")
    return company, counties, grids


def _literal(field) -> str:
    value = field.get_default()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def insert_generated(model, count: int, expressions: dict[str, str]) -> None:
    """INSERT … SELECT FROM generate_series(1, count) g: given columns from `expressions` (SQL over
    g), every other column its default, '' or NULL — so the bench follows model changes."""
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        if field.column in expressions:
            values.append(expressions[field.column])
        elif field.has_default():
            values.append(_literal(field))
        elif field.null:
            values.append("NULL")
        elif isinstance(field, models.DateTimeField):
            values.append("now()")
        elif isinstance(field, (models.CharField, models.TextField)):
            values.append("''")
        else:
            raise ValueError(f"no value for {model.__name__}.{field.name}")
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
                       f"SELECT {', '.join(values)} FROM generate_series(1, {int(count)}) g")


def _agents_and_outlets(grids, outlets: int, log) -> None:
    from qudao.channels.models import Agent, Outlet, OutletAssignment

    grid_ids = "ARRAY[" + ",".join(str(g.pk) for g in grids) + "]"
    agents = max(1, outlets // OUTLETS_PER_AGENT)
    insert_generated(Agent, agents, {
        "code": "'BA' || lpad(g::text, 6, '0')", "name": "'Bench agent ' || g", "credit_code": "'BC' || lpad(g::text, 16, '0')",
        "channel_type": "'authorised'", "territory_id": f"({grid_ids})[1 + (g - 1) % {len(grids)}]",
    })
    insert_generated(Outlet, outlets, {
        "code": "'BO' || lpad(g::text, 6, '0')", "name": "'Bench outlet ' || g", "outlet_type": "'authorised'",
        "agent_id": f"(SELECT min(id) FROM channels_agent) + (g - 1) % {agents}",  # noqa: S608 (inserted in order)
        "grid_id": f"({grid_ids})[1 + ((g - 1) % {agents}) % {len(grids)}]", "status": "'active'",
        "opening_date": "DATE '2020-01-01'",
    })
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {OutletAssignment._meta.db_table} (outlet_id, agent_id, grid_id, valid_from, reason) "  # noqa: S608
                       f"SELECT id, agent_id, grid_id, opening_date, 'open' FROM {Outlet._meta.db_table}")
    log(f"agents: {agents}, outlets: {outlets}")


def _products(first: dt.date) -> None:
    from qudao.sales.models import Product

    Product.objects.bulk_create([Product(code=code, name=code, category=category, monthly_fee_fen=fee,
                                         active_from=first) for code, category, fee, _share in SHARES])


def _users(world: World) -> dict:
    from qudao.accounts.models import User
    from qudao.territory.models import StaffAssignment

    users = {}
    for name, role, node in [("bench-head", "head_of_channels", world.company),
                             ("bench-supervisor", "supervisor", world.county),
                             ("bench-manager", "channel_manager", world.grid)]:
        users[name] = User.objects.create_user(username=name, password="bench-pass-123", role=role)
        StaffAssignment.objects.create(user=users[name], node=node)
    return users


ROLLUP_SQL = """
INSERT INTO sales_dailyrollup (day, outlet_id, agent_id, grid_id, product_id, category,
                               records, fee_fen, effective, effective_fee_fen)
SELECT x.day, x.outlet_id, x.agent_id, x.grid_id, x.product_id, x.category,
       x.n, x.n * x.fee, x.e, x.e * x.fee
FROM (
    SELECT d::date AS day, o.id AS outlet_id, o.agent_id, o.grid_id, p.id AS product_id, p.category,
           p.monthly_fee_fen AS fee, n.n, least(n.n, floor(n.n * 0.78 + random())::int) AS e
    FROM generate_series(%(first)s::date, %(last)s::date, interval '1 day') d
    CROSS JOIN channels_outlet o
    JOIN sales_product p ON true
    JOIN (VALUES {shares}) s(code, share) ON s.code = p.code
    CROSS JOIN LATERAL (
        SELECT floor(%(per_outlet_day)s * s.share * (0.4 + (o.id %% 13) / 10.0)
                     * CASE extract(dow FROM d) WHEN 6 THEN 1.3 WHEN 0 THEN 1.2 ELSE 0.95 END
                     + random())::int AS n
    ) n
) x
WHERE x.n > 0
"""


def _rollups(first: dt.date, as_of: dt.date, outlets: int, records_per_month: int, log) -> int:
    from qudao.reporting.periods import shift_months

    shares = ", ".join(f"('{code}', {share})" for code, _c, _f, share in SHARES)
    # 0.4 + (id % 13)/10 averages 1.0; the weekday factor averages ~1.0
    per_outlet_day = records_per_month * 12 / 365 / outlets
    with connection.cursor() as cursor:
        dropped = _drop_rollup_indexes(cursor)
        month, total = first, 0
        while month <= as_of:
            last = min(shift_months(month, 1) - dt.timedelta(days=1), as_of)
            started = time.monotonic()
            cursor.execute(ROLLUP_SQL.format(shares=shares), {"first": month, "last": last,
                                                               "per_outlet_day": per_outlet_day})
            total += cursor.rowcount
            log(f"rollups {month:%Y-%m}: {cursor.rowcount:,} rows in {time.monotonic() - started:.0f} s")
            month = shift_months(month, 1)
        started = time.monotonic()
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for statement in dropped:
            cursor.execute(statement)
        cursor.execute("ANALYZE sales_dailyrollup")
        cursor.execute("SELECT sum(records) FROM sales_dailyrollup")
        records = cursor.fetchone()[0]
        log(f"rollups: {total:,} rows holding {records:,} records; indexes rebuilt in {time.monotonic() - started:.0f} s")
    return total


def _drop_rollup_indexes(cursor) -> list[str]:
    """Loading tens of millions of rows is far faster with the indexes built afterwards."""
    cursor.execute("""SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                      WHERE conrelid = 'sales_dailyrollup'::regclass AND contype = 'u'""")
    constraints = cursor.fetchall()
    cursor.execute("""SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'sales_dailyrollup'
                      AND indexname NOT IN (SELECT conname FROM pg_constraint
                                            WHERE conrelid = 'sales_dailyrollup'::regclass)""")
    indexes = cursor.fetchall()
    recreate = []
    for name, definition in constraints:
        cursor.execute(f'ALTER TABLE sales_dailyrollup DROP CONSTRAINT "{name}"')
        recreate.append(f'ALTER TABLE sales_dailyrollup ADD CONSTRAINT "{name}" {definition}')
    for name, definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
        recreate.append(definition)
    return recreate


def refresh_all(world: World, *, log) -> None:
    from qudao.reporting.aggregates import refresh_all_reporting_aggregates

    started = time.monotonic()
    written = refresh_all_reporting_aggregates()
    log(f"reporting aggregates, full rebuild: {written} in {time.monotonic() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reporting_nodedaystat; ANALYZE reporting_outletmonthstat")


def time_refreshes(world: World, *, log) -> None:
    """What an import costs afterwards: node days per day, outlet months per touched month."""
    from qudao.reporting.aggregates import refresh_node_days, refresh_outlet_months

    day = [world.as_of]
    month = [world.as_of.replace(day=1) + dt.timedelta(days=i) for i in range(world.as_of.day)]
    some_outlets = list(range(world.first_outlet_id, world.first_outlet_id + 500))
    for label, call in [
        ("node days, one day", lambda: refresh_node_days(day)),
        ("node days, one month", lambda: refresh_node_days(month)),
        ("outlet months, a month of all outlets", lambda: refresh_outlet_months(day)),
        ("outlet months, 500 touched outlets", lambda: refresh_outlet_months(day, some_outlets)),
    ]:
        started = time.monotonic()
        call()
        log(f"incremental refresh, {label}: {time.monotonic() - started:.1f} s")


def find_world(log) -> World:
    """The world of an earlier run kept with --keep (for --reuse)."""
    from qudao.accounts.models import User
    from qudao.sales.models import DailyRollup
    from qudao.territory.models import TerritoryNode

    users = {u.username: u for u in User.objects.filter(username__startswith="bench-")}
    county = TerritoryNode.objects.get(code="C00")
    first = DailyRollup.objects.order_by("day").values_list("day", flat=True).first()
    world = World(first, dt.date.today(), TerritoryNode.objects.get(code="CO"), county,
                  TerritoryNode.objects.filter(kind="grid", path__startswith=county.path + ".").order_by("path").first(),
                  users=users)
    log(f"reusing the data from {first}")
    return world
