"""Realism report: does the history look like a farm? Measures with the bands a farm keeps.

    .venv/bin/python bench/realism.py [--dsn DSN]

Reads a database `aquasql seed` filled (default: the embedded cluster's) and prints, for the
batches aquasql generated, one row per measure: what was measured, the band a fish farmer would
expect, and whether it holds. The bands are those of issue "A farm, not a simulation" and the
domain reference; run `aquasql verify` for the domain's section 8 checks. A measure prints n/a
where the data has nothing to measure (e.g. no harvest yet on a small profile).
"""

from __future__ import annotations

import argparse

import psycopg

from aquasql.connection import resolve_dsn

OURS = "SELECT batch_id FROM aquasql.plan_batch"

# (measure, SQL returning one number, low, high, unit); low/high None = not bounded that side
MEASURES = [
    (
        "rings of one batch: harvest weight range (max - min) / mean (mean over harvested batches)",
        """
        SELECT avg(spread) FROM (
            SELECT batch_id, (max(w) - min(w)) / avg(w) AS spread FROM ring_harvest
            GROUP BY batch_id HAVING count(*) > 3) AS x""",
        0.05,
        0.15,
        "",
    ),
    (
        "rings of one batch: harvest weight CV (mean over harvested batches)",
        """
        SELECT avg(cv) FROM (
            SELECT batch_id, stddev_pop(w) / avg(w) AS cv FROM ring_harvest
            GROUP BY batch_id HAVING count(*) > 3) AS x""",
        0.015,
        0.05,
        "",
    ),
    (
        "rings of one batch on the day its harvest starts: weight range (max - min) / mean (mean over batches)",
        f"""
        SELECT avg(spread) FROM (
            SELECT s.batch_id, (max(s.avg_weight_g) - min(s.avg_weight_g)) / avg(s.avg_weight_g) AS spread
            FROM batch_actualdailyassignmentstate AS s
            INNER JOIN aquasql.plan_batch AS p ON s.batch_id = p.batch_id AND s.date = p.harvest_start_date
            INNER JOIN batch_lifecyclestage AS st ON s.lifecycle_stage_id = st.id AND st."order" = 6
            WHERE s.batch_id IN ({OURS}) GROUP BY s.batch_id HAVING count(*) > 3) AS x""",
        0.05,
        0.15,
        "",
    ),
    (
        "tanks of one batch: weight CV on the last day of a freshwater stage (mean over batch stages)",
        f"""
        SELECT avg(cv) FROM (
            SELECT s.batch_id, s.lifecycle_stage_id, stddev_pop(s.avg_weight_g) / avg(s.avg_weight_g) AS cv
            FROM batch_actualdailyassignmentstate AS s
            INNER JOIN batch_batchcontainerassignment AS a ON s.assignment_id = a.id AND s.date = a.departure_date - 1
            INNER JOIN batch_lifecyclestage AS st ON s.lifecycle_stage_id = st.id AND st."order" BETWEEN 2 AND 5
            WHERE s.batch_id IN ({OURS}) GROUP BY 1, 2 HAVING count(*) > 1) AS x""",
        0.005,
        0.03,
        "",
    ),
    (
        "yearly sea-temperature anomaly spread (max - min yearly mean, per geography, smallest)",
        """
        SELECT min(spread) FROM (
            SELECT geography_id, max(m) - min(m) AS spread FROM (
                SELECT geography_id, extract(YEAR FROM date) AS y, avg(temp_c) AS m
                FROM aquasql.daily_temperature WHERE stage_order = 6 GROUP BY 1, 2 HAVING count(*) > 360) AS y
            GROUP BY geography_id) AS g""",
        0.5,
        None,
        "°C",
    ),
    (
        "sea-site temperature spread (same day and geography, between areas' mean readings; mean over days)",
        """
        SELECT avg(spread) FROM (
            SELECT geography_id, d, max(m) - min(m) AS spread FROM (
                SELECT a.geography_id, c.area_id, r.reading_time::date AS d, avg(r.value) AS m
                FROM environmental_environmentalreading AS r
                INNER JOIN environmental_environmentalparameter AS pa ON r.parameter_id = pa.id AND pa.name = 'Temperature'
                INNER JOIN infrastructure_container AS c ON r.container_id = c.id AND c.area_id IS NOT NULL
                INNER JOIN infrastructure_area AS a ON c.area_id = a.id
                GROUP BY 1, 2, 3) AS a
            GROUP BY geography_id, d HAVING count(*) > 1) AS s""",
        0.5,
        2.0,
        "°C",
    ),
    (
        "freshwater stage duration spread (sd of days per stage over assignments)",
        f"""
        SELECT avg(sd) FROM (
            SELECT a.lifecycle_stage_id, stddev_pop(a.departure_date - a.assignment_date) AS sd
            FROM batch_batchcontainerassignment AS a
            INNER JOIN batch_lifecyclestage AS st ON a.lifecycle_stage_id = st.id AND st."order" < 6
            WHERE a.batch_id IN ({OURS}) AND a.departure_date IS NOT NULL GROUP BY 1) AS x""",
        5,
        None,
        "days",
    ),
    (
        "sea transfers in the smolt windows (Mar–May, Sep–Nov)",
        f"""
        SELECT avg((extract(MONTH FROM w.actual_start_date) IN (3, 4, 5, 9, 10, 11))::int)
        FROM batch_batchtransferworkflow AS w
        INNER JOIN batch_lifecyclestage AS st ON w.dest_lifecycle_stage_id = st.id AND st."order" = 6
        WHERE w.batch_id IN ({OURS})""",
        0.8,
        None,
        "share",
    ),
    (
        "FCR CV between completed batches",
        """
        SELECT stddev_pop(fcr) / nullif(avg(fcr), 0) FROM (
            SELECT s.batch_id, sum(s.feed_kg) / nullif(sum(s.biomass_kg) FILTER (WHERE s.date = p.history_end)
                + (SELECT coalesce(sum(l.live_weight_kg), 0) FROM harvest_harvestlot AS l
                   INNER JOIN harvest_harvestevent AS e ON l.event_id = e.id WHERE e.batch_id = s.batch_id), 0) AS fcr
            FROM batch_actualdailyassignmentstate AS s
            INNER JOIN aquasql.plan_batch AS p ON s.batch_id = p.batch_id AND p.harvest_date <= (
                SELECT as_of FROM aquasql.run_setting)
            GROUP BY s.batch_id) AS x""",
        0.03,
        0.08,
        "",
    ),
    (
        "months with sea mortality above 2 % (share of batch-months at sea)",
        f"""
        SELECT avg((dead::float8 / nullif(alive, 0) > 0.02)::int) FROM (
            SELECT batch_id, date_trunc('month', date) AS m, sum(dead) AS dead,
                max(alive) FILTER (WHERE date = date_trunc('month', date)::date) AS alive
            FROM (
                SELECT s.batch_id, s.date, sum(s.mortality_count) AS dead, sum(s.population + s.mortality_count) AS alive
                FROM batch_actualdailyassignmentstate AS s
                INNER JOIN batch_lifecyclestage AS st ON s.lifecycle_stage_id = st.id AND st."order" = 6
                WHERE s.batch_id IN ({OURS}) GROUP BY 1, 2) AS daily
            GROUP BY 1, 2) AS x WHERE alive IS NOT NULL""",
        0.01,
        None,
        "share",
    ),
    (
        "delousings preceded by a count ≥ 0.5 adult females per fish within 14 days",
        f"""
        SELECT avg(triggered::int) FROM (
            SELECT j.id, EXISTS (
                SELECT 1 FROM health_licecount AS c
                LEFT JOIN health_licetype AS lt ON c.lice_type_id = lt.id
                WHERE c.container_id = j.container_id AND c.batch_id = j.batch_id
                    AND c.count_date BETWEEN (j.entry_date AT TIME ZONE 'UTC')::date - 14
                        AND (j.entry_date AT TIME ZONE 'UTC')::date
                GROUP BY c.count_date
                HAVING (coalesce(sum(c.count_value) FILTER (WHERE lt.species = 'Lepeophtheirus salmonis'
                        AND lt.gender = 'female' AND lt.development_stage = 'adult'), 0)
                    + sum(c.adult_female_count))::float8 / nullif(max(c.fish_sampled), 0) >= 0.5
            ) AS triggered
            FROM health_journalentry AS j
            WHERE j.batch_id IN ({OURS}) AND j.id % 8 = 3) AS x""",
        0.95,
        None,
        "share",
    ),
    (
        "harvest days per site: first to last ring harvested (mean over completed batches)",
        f"""
        SELECT avg(days) FROM (SELECT e.batch_id, max(e.event_date::date) - min(e.event_date::date) + 1 AS days
            FROM harvest_harvestevent AS e
            INNER JOIN batch_batch AS b ON e.batch_id = b.id AND b.status = 'COMPLETED'
            WHERE e.batch_id IN ({OURS}) GROUP BY 1) AS x""",
        14,
        None,
        "days",
    ),
    (
        "harvest rate per site: live tonnes a harvest day (mean over completed batches)",
        f"""
        SELECT avg(t / days) FROM (SELECT e.batch_id, sum(l.live_weight_kg) / 1000 AS t,
                max(e.event_date::date) - min(e.event_date::date) + 1 AS days
            FROM harvest_harvestevent AS e INNER JOIN harvest_harvestlot AS l ON e.id = l.event_id
            INNER JOIN batch_batch AS b ON e.batch_id = b.id AND b.status = 'COMPLETED'
            WHERE e.batch_id IN ({OURS}) GROUP BY 1) AS x""",
        100,
        300,
        "t/day",
    ),
    (
        "feed-withdrawal days before harvest (mean per harvested ring)",
        f"""
        SELECT avg(days) FROM (
            SELECT e.assignment_id, count(*) FILTER (WHERE s.feed_kg = 0) AS days
            FROM harvest_harvestevent AS e
            INNER JOIN batch_actualdailyassignmentstate AS s
                ON s.assignment_id = e.assignment_id AND s.date BETWEEN e.event_date::date - 7 AND e.event_date::date
            WHERE e.batch_id IN ({OURS}) GROUP BY 1) AS x""",
        3,
        None,
        "days",
    ),
    (
        "lice after a delousing against before (mean ratio of adult females per fish, next count / trigger)",
        f"""
        SELECT avg(after / nullif(before, 0)) FROM (
            SELECT j.id,
                (SELECT af FROM ring_count AS c WHERE c.container_id = j.container_id AND c.batch_id = j.batch_id
                    AND c.count_date <= (j.entry_date AT TIME ZONE 'UTC')::date ORDER BY c.count_date DESC LIMIT 1) AS before,
                (SELECT af FROM ring_count AS c WHERE c.container_id = j.container_id AND c.batch_id = j.batch_id
                    AND c.count_date > (j.entry_date AT TIME ZONE 'UTC')::date ORDER BY c.count_date LIMIT 1) AS after
            FROM health_journalentry AS j
            WHERE j.batch_id IN ({OURS}) AND j.id % 8 = 3) AS x""",
        None,
        0.5,
        "",
    ),
    (
        "container-days above max biomass",
        f"""
        SELECT count(*) FROM batch_actualdailyassignmentstate AS s
        INNER JOIN infrastructure_container AS c ON s.container_id = c.id
        WHERE s.batch_id IN ({OURS}) AND s.biomass_kg > c.max_biomass_kg""",
        None,
        0,
        "",
    ),
    (
        "feed container-days above capacity (all lots together, after the day's deliveries)",
        """
        SELECT count(*) FROM (
            SELECT d.feed_container_id, d.day,
                sum(d.delivered) OVER w - (sum(d.fed) OVER w - d.fed) AS stock, f.capacity_kg
            FROM (
                SELECT feed_container_id, day, sum(delivered) AS delivered, sum(fed) AS fed FROM (
                    SELECT s.feed_container_id, s.entry_date::date AS day, p.quantity_kg AS delivered, 0 AS fed
                    FROM inventory_feedcontainerstock AS s INNER JOIN inventory_feedpurchase AS p ON s.id = p.id
                    UNION ALL
                    SELECT d.feed_container_id, d.drawn_at::date, 0, d.kg FROM feed_draw AS d
                ) AS u GROUP BY 1, 2) AS d
            INNER JOIN infrastructure_feedcontainer AS f ON d.feed_container_id = f.id
            WINDOW w AS (PARTITION BY d.feed_container_id ORDER BY d.day)) AS x
        WHERE stock > capacity_kg + 0.01""",
        None,
        0,
        "",
    ),
    (
        "feed fed on or after its lot's expiry date (kg)",
        """
        SELECT coalesce(sum(d.kg), 0) FROM feed_draw AS d
        INNER JOIN inventory_feedpurchase AS p ON d.stock_id = p.id
        WHERE d.drawn_at::date >= p.expiry_date""",
        None,
        0,
        "kg",
    ),
    (
        "utilisation at the run date: sea rings holding fish",
        """
        SELECT avg((EXISTS (SELECT 1 FROM batch_batchcontainerassignment AS a WHERE a.container_id = c.id
            AND a.assignment_date <= r.as_of AND (a.departure_date IS NULL OR a.departure_date > r.as_of)))::int)
        FROM infrastructure_container AS c CROSS JOIN aquasql.run_setting AS r
        WHERE c.active AND c.area_id IS NOT NULL""",
        0.70,
        None,
        "share",
    ),
    (
        "utilisation at the run date: freshwater containers holding fish",
        """
        SELECT avg((EXISTS (SELECT 1 FROM batch_batchcontainerassignment AS a WHERE a.container_id = c.id
            AND a.assignment_date <= r.as_of AND (a.departure_date IS NULL OR a.departure_date > r.as_of)))::int)
        FROM infrastructure_container AS c CROSS JOIN aquasql.run_setting AS r
        WHERE c.active AND c.hall_id IS NOT NULL""",
        0.60,
        None,
        "share",
    ),
]


def band(low, high, unit: str) -> str:
    if low is not None and high is not None:
        return f"{low} – {high} {unit}".strip()
    return (f"≥ {low} {unit}" if low is not None else f"≤ {high} {unit}").strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default=None)
    args = parser.parse_args()
    held = 0
    with psycopg.connect(resolve_dsn(args.dsn), options="-c search_path=public -c TimeZone=UTC") as conn:
        run = conn.execute("SELECT profile, seed, as_of FROM aquasql.run_setting").fetchone()
        # adult female lice per fish of each ring count (normalized rows)
        conn.execute(f"""CREATE TEMP TABLE ring_count AS
            SELECT c.batch_id, c.container_id, c.count_date, sum(c.count_value)::float8 / max(c.fish_sampled) AS af
            FROM health_licecount AS c INNER JOIN health_licetype AS t ON c.lice_type_id = t.id
            WHERE t.species = 'Lepeophtheirus salmonis' AND t.gender = 'female' AND t.development_stage = 'adult'
                AND c.batch_id IN ({OURS})
            GROUP BY 1, 2, 3""")
        conn.execute("CREATE INDEX ON ring_count (container_id, batch_id, count_date)")
        # a ring's harvest weight: its lots' live weight over their fish
        conn.execute(f"""CREATE TEMP TABLE ring_harvest AS
            SELECT e.batch_id, e.id, sum(l.live_weight_kg) / nullif(sum(l.unit_count), 0) AS w
            FROM harvest_harvestevent AS e INNER JOIN harvest_harvestlot AS l ON e.id = l.event_id
            WHERE e.batch_id IN ({OURS}) GROUP BY 1, 2""")
        # every feeding's draws from the lots, FIFO (as the feed stock step allocated them)
        conn.execute("CREATE TEMP TABLE feed_draw AS SELECT * FROM aquasql.feed_draws()")
        print(f"profile {run[0]}, seed {run[1]}, run date {run[2]}\n")
        for name, sql, low, high, unit in MEASURES:
            value = conn.execute(sql).fetchone()[0]
            ok = value is not None and (low is None or value >= low) and (high is None or value <= high)
            held += ok
            shown = "n/a" if value is None else f"{float(value):.3f}"
            print(f"  {'PASS' if ok else 'FAIL'}  {shown:>10}  {band(low, high, unit):<16} {name}")
    print(f"\n{held} of {len(MEASURES)} measures within their bands")


if __name__ == "__main__":
    main()
