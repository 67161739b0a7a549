"""The DuckDB query that invents the demo's development records, set-based and seeded.

Every "random" draw is a hash of (seed, outlet or agent code, day, record number, purpose) — codes,
not ids, so a rolled-back sequence never changes the data, so a seed always
gives the same rows, whatever the machine. Inputs are three small tables the caller loads:
  assignments(outlet_id, outlet_code, agent_id, agent_code, grid_id, valid_from, valid_to)   valid_to exclusive, NULL open
  products(product_id, category, fee_fen, lo, hi)   [lo, hi) share of the draw in 0..1
  params(seed, first_day, as_of, total, total_weight, span_first, span_last)
        total: how many records to make over first_day..as_of (about); total_weight: WEIGHT_SQL's
        answer over that whole range; span_first..span_last: the days this run makes (a month at a
        time keeps memory flat at province scale)
"""

# u(x...) in [0, 1): a seeded uniform draw.
UNIFORM = "((hash(p.seed, {args}) % 1000003) / 1000003.0)"


def u(*args: str) -> str:
    return UNIFORM.format(args=", ".join(args))


WEIGHTED = f"""
p AS (SELECT * FROM params),
days AS (
    SELECT CAST(d AS DATE) AS day FROM p, generate_series(p.span_first, p.span_last, INTERVAL 1 DAY) AS g(d)
),
outlet_days AS (
    -- who ran each outlet on each day (no row: not open that day)
    SELECT a.outlet_id, a.outlet_code, a.agent_id, a.agent_code, a.grid_id, d.day
    FROM assignments a JOIN days d ON d.day >= a.valid_from AND (a.valid_to IS NULL OR d.day < a.valid_to)
),
weighted AS (
    SELECT o.*,
        -- outlets differ a lot (skewed), weekends sell more, month ends push, a gentle upward trend
        (0.25 + 3.0 * pow({u("o.outlet_code", "'size'")}, 2))
        * CASE dayofweek(o.day) WHEN 6 THEN 1.35 WHEN 0 THEN 1.25 WHEN 1 THEN 0.85 ELSE 1.0 END
        * CASE WHEN day(o.day + INTERVAL 3 DAY) < day(o.day) THEN 1.2 ELSE 1.0 END
        * (1.0 + 0.0006 * date_diff('day', p.first_day, o.day))
        -- agents that are clearly behind: about one in eight falls away over the last two months
        * CASE WHEN {u("o.agent_code", "'behind'")} < 0.12 AND o.day > p.as_of - INTERVAL 60 DAY THEN 0.45 ELSE 1.0 END
        AS weight
    FROM outlet_days o, p
)
"""  # noqa: S608

WEIGHT_SQL = f"WITH {WEIGHTED} SELECT sum(weight) FROM weighted"  # noqa: S608

RECORDS_SQL = f"""
WITH {WEIGHTED},
expected AS (
    SELECT w.*, w.weight * p.total / p.total_weight AS lambda FROM weighted w, p
),
counted AS (
    SELECT e.*, CAST(floor(e.lambda + {u("e.outlet_code", "e.day", "'n'")}) AS INTEGER) AS n FROM expected e, p
),
sales AS (
    SELECT c.outlet_id, c.outlet_code, c.agent_id, c.agent_code, c.grid_id, c.day, s.seq
    FROM counted c, unnest(range(c.n)) AS s(seq)
    WHERE c.n > 0
),
drawn AS (
    SELECT s.*,
        {u("s.outlet_code", "s.day", "s.seq", "'product'")} AS u_product,
        {u("s.outlet_code", "s.day", "s.seq", "'status'")} AS u_status,
        hash(p.seed, s.outlet_code, s.day, s.seq, 'detail') AS h,
        CASE WHEN {u("s.agent_code", "'behind'")} < 0.12 THEN 0.58 ELSE 0.74 + 0.12 * {u("s.agent_code", "'quality'")} END
            AS paid_share,
        date_diff('day', s.day, p.as_of) AS age
    FROM sales s, p
),
statused AS (
    SELECT d.*, pr.product_id, pr.fee_fen,
        CASE
            WHEN d.u_status < 0.04 THEN 'cancelled'
            WHEN d.u_status < 0.06 THEN 'churned'
            WHEN d.age < 2 THEN 'new'
            WHEN d.u_status < 0.06 + d.paid_share AND d.age >= 1 + CAST(d.h % 7 AS INTEGER) THEN
                CASE WHEN d.u_status < 0.085 THEN 'arrears' ELSE 'paid' END
            ELSE 'activated'
        END AS status
    FROM drawn d JOIN products pr ON d.u_product >= pr.lo AND d.u_product < pr.hi
)
SELECT
    'DM' || strftime(day, '%Y%m%d') || '-' || outlet_code || '-' || CAST(seq AS VARCHAR) AS external_id,
    CAST(day AS TIMESTAMP) + to_seconds(CAST(9 * 3600 + h % 43200 AS BIGINT)) - INTERVAL 8 HOUR AS sold_at_utc,
    day AS sold_on, outlet_id, agent_id, grid_id, product_id,
    sha256('demo-customer-' || CAST(h % 5000000 AS VARCHAR)) AS customer_hash,
    '1' || CAST(30 + h % 60 AS VARCHAR) || lpad(CAST((h // 100) % 100000000 AS VARCHAR), 8, '0') AS subscriber_no,
    fee_fen,
    'DM-ST' || lpad(CAST(hash(agent_code) % 997 AS VARCHAR), 3, '0') AS staff_code,
    status,
    CASE WHEN status IN ('activated', 'paid', 'arrears', 'churned') THEN day + CAST(h % 2 AS INTEGER) END AS activated_on,
    CASE WHEN status IN ('paid', 'arrears') THEN day + 1 + CAST(h % 7 AS INTEGER) END AS paid_on,
    CASE WHEN status = 'cancelled' THEN day + 1 + CAST(h % 5 AS INTEGER)
         WHEN status = 'churned' THEN least(day + 20 + CAST(h % 60 AS INTEGER), (SELECT as_of FROM params)) END AS ended_on,
    status IN ('paid', 'arrears') AS is_effective
FROM statused
ORDER BY sold_on, outlet_id, seq
"""  # noqa: S608 (the only input is the caller's tables)
