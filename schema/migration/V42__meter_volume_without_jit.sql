-- meter_volume without PostgreSQL's JIT compilation.
--
-- On a year of readings the planner's cost of a whole family's meter_volume (every well or every gate)
-- is far above jit_inline_above_cost, mostly for a branch that is almost always empty: on plain
-- PostgreSQL the daily rollup views re-aggregate invalidated buckets from the raw readings, estimated at
-- half a million rows. JIT then spends about 0.7 s inlining, optimising and emitting code for a query that
-- runs in 0.1-0.4 s (ingest-service/BENCHMARKS.md, "The year with the volumes computed once": the wells'
-- call 1.1 s with JIT, 0.4 s without; a one-day extract 6.4 s, 2.5 s without). The setting holds while the
-- function runs, for every caller: the extract, WELL_QUOTA's totals, the groundwater and gate panels.
ALTER FUNCTION meter_volume(text, timestamptz, timestamptz, text) SET jit = off;
