-- Functions of older planner versions that sql/38_planned_growth.sql and sql/40_planner.sql
-- used to drop each time they were applied. A database migrated before this keeps none of them
-- (those files dropped them); one migrated from an older aquasql may, and its plan() and
-- plan_sea_growth() would be ambiguous overloads beside today's. Runs before the sql/ files.
DROP FUNCTION IF EXISTS aquasql.plan(text, bigint, date, integer, integer, double precision, boolean);
DROP FUNCTION IF EXISTS aquasql.plan_sea_growth(bigint, bigint, bigint);
DROP FUNCTION IF EXISTS aquasql.smolt_window_date(date);
DROP FUNCTION IF EXISTS aquasql.expected_freshwater_days(bigint, integer, integer, double precision);
