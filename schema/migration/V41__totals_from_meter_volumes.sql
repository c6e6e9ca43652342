-- Village, zone and canal totals from per-meter volumes already computed.
--
-- abstraction_totals (V16, V25) and canal_volume (V25) each ran meter_volume over the whole period
-- themselves. The extract already holds every well's and every gate's volume (its per-well rows), so it
-- computed the same volumes again for the totals: on a year of readings, twice more for wells and once
-- more for gates. The summing is now a function of its own, taking the volumes as two parallel arrays
-- (device id, volume in m3, one element per meter, as meter_volume returns them); the original
-- functions pass meter_volume's result to it, so rule, panels and extract still sum by one definition.

-- What abstraction_totals returns, for the volumes given: every well registered in a village or zone
-- counts, active or not (a well taken out of service pumped before it was), a well absent from the
-- arrays counts zero.
CREATE FUNCTION abstraction_totals_of(p_device text[], p_volume double precision[])
RETURNS TABLE (level text, id text, name text, zone_id text, volume_m3 double precision, allocation_m3 double precision)
LANGUAGE sql STABLE AS $$
    WITH given AS (
        SELECT g.device_id, g.volume_m3 FROM unnest(p_device, p_volume) AS g(device_id, volume_m3)
    ), wells AS (
        SELECT w.device_id, w.village_id, w.zone_id, coalesce(g.volume_m3, 0)::numeric AS volume_m3
        FROM well w LEFT JOIN given g ON g.device_id = w.device_id
    )
    SELECT 'village', v.id, v.name, v.zone_id, coalesce(sum(wells.volume_m3), 0)::double precision, v.annual_allocation_m3
    FROM village v LEFT JOIN wells ON wells.village_id = v.id
    GROUP BY v.id, v.name, v.zone_id, v.annual_allocation_m3
    UNION ALL
    SELECT 'zone', z.id, z.name, z.id, coalesce(sum(wells.volume_m3), 0)::double precision, z.annual_cap_m3
    FROM zone z LEFT JOIN wells ON wells.zone_id = z.id
    GROUP BY z.id, z.name, z.annual_cap_m3
$$;

CREATE OR REPLACE FUNCTION abstraction_totals(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (level text, id text, name text, zone_id text, volume_m3 double precision, allocation_m3 double precision)
LANGUAGE sql STABLE AS $$
    SELECT t.*
    FROM (SELECT array_agg(m.device_id) AS device, array_agg(m.volume_m3) AS volume
          FROM meter_volume('well', p_from, p_to) m) v
    CROSS JOIN LATERAL abstraction_totals_of(v.device, v.volume) t
$$;

-- What canal_volume returns, for the gate volumes given: per canal with an active gate, the sum over its
-- active gates flagged counts_in_canal_total (gates in series measure the same water once), how many
-- active gates it has and how many of them count.
CREATE FUNCTION canal_volume_of(p_device text[], p_volume double precision[])
RETURNS TABLE (canal text, volume_m3 double precision, gates integer, counted integer)
LANGUAGE sql STABLE AS $$
    WITH given AS (
        SELECT g.device_id, g.volume_m3 FROM unnest(p_device, p_volume) AS g(device_id, volume_m3)
    )
    SELECT g.canal,
           coalesce(sum(m.volume_m3::numeric) FILTER (WHERE g.counts_in_canal_total), 0)::double precision,
           count(*)::int,
           count(*) FILTER (WHERE g.counts_in_canal_total)::int
    FROM gate g
    JOIN device d ON d.id = g.device_id AND d.active
    LEFT JOIN given m ON m.device_id = g.device_id
    GROUP BY g.canal
$$;

CREATE OR REPLACE FUNCTION canal_volume(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (canal text, volume_m3 double precision, gates integer, counted integer)
LANGUAGE sql STABLE AS $$
    SELECT t.*
    FROM (SELECT array_agg(m.device_id) AS device, array_agg(m.volume_m3) AS volume
          FROM meter_volume('gate', p_from, p_to) m) v
    CROSS JOIN LATERAL canal_volume_of(v.device, v.volume) t
$$;
