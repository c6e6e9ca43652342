-- A small registry and recent data, relative to now(), that gives every dashboard panel rows:
-- devices of each family in each state, a year of control-well levels, a well over its quota,
-- CEMS minute data over a limit, water-quality data with faults, gates, calibrations and alerts.

INSERT INTO zone (id, name, annual_cap_m3) VALUES
    ('Z1', '乌拉特中旗超采区一', 5000000),
    ('Z2', '乌拉特中旗超采区二', 3000000);
INSERT INTO village (id, name, township, zone_id, annual_allocation_m3) VALUES
    ('V1', '新忽热嘎查', '新忽热苏木', 'Z1', 60000),
    ('V2', '海流图村', '海流图镇', 'Z1', 200000),
    ('V3', '德岭山村', '德岭山镇', 'Z2', 150000);

INSERT INTO device (id, family, name, reporting_interval, lon, lat) VALUES
    ('W001', 'well', '新忽热 1 号井', interval '1 hour', 108.51, 41.57),
    ('W002', 'well', '海流图 2 号井', interval '1 hour', 108.53, 41.55),
    ('W003', 'well', '德岭山 3 号井', interval '1 hour', 108.70, 41.40),
    ('W004', 'well', '新忽热 4 号井', interval '1 hour', 108.52, 41.58),
    ('C001', 'cems', '焦炉烟气总排口', interval '1 minute', 108.60, 41.30),
    ('C002', 'cems', '锅炉烟气排口', interval '1 minute', 108.61, 41.31),
    ('Q001', 'water_quality', '洁源污水处理厂出口', interval '1 hour', 108.50, 41.56),
    ('Q002', 'water_quality', '蒙源水务出口', interval '1 hour', 108.49, 41.54),
    ('G001', 'gate', '友谊支渠 1 号闸', interval '1 hour', 108.40, 41.10),
    ('G002', 'gate', '友谊支渠 2 号闸', interval '1 hour', 108.41, 41.11),
    ('G003', 'gate', '团结渠 1 号闸', interval '1 hour', 108.45, 41.05);

INSERT INTO well (device_id, village_id, zone_id, annual_allocation_m3, meter_type, is_control_well, control_level_m,
                  is_monitoring_well) VALUES
    ('W001', 'V1', 'Z1', 30000, 'electromagnetic', true, 1020.0, true),
    ('W002', 'V2', 'Z1', 30000, 'electromagnetic', true, 1010.0, true),
    ('W003', 'V3', 'Z2', 30000, 'ultrasonic', true, 1000.0, true),
    ('W004', 'V1', 'Z1', 20000, 'ic_card', false, NULL, false);

INSERT INTO monitor (device_id, kind, enterprise, outlet, mn) VALUES
    ('C001', 'cems', '神华巴彦淖尔能源', 'coke oven main outlet', 'MN-C001'),
    ('C002', 'cems', '中旗热电', 'boiler outlet', 'MN-C002'),
    ('Q001', 'water_quality', '洁源污水处理有限公司', 'outlet', 'MN-Q001'),
    ('Q002', 'water_quality', '蒙源水务有限公司污水处理厂', 'outlet', 'MN-Q002');
INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value, limit_cold) VALUES
    ('C001', 'a21026', 'mg/m3', 500, 35, NULL),
    ('C001', 'a21002', 'mg/m3', 500, 50, NULL),
    ('C001', 'a34013', 'mg/m3', 100, 10, NULL),
    ('C001', 'a19001', '%', 25, NULL, NULL),
    ('C002', 'a21026', 'mg/m3', 500, 35, NULL),
    ('Q001', 'w01018', 'mg/L', 200, 50, NULL),
    ('Q001', 'w21003', 'mg/L', 50, 5, 8),
    ('Q001', 'w01010', 'degC', 50, NULL, NULL),
    ('Q002', 'w01018', 'mg/L', 200, 50, NULL);
INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value, limit_low) VALUES
    ('Q001', 'w01001', 'pH', 14, 9, 6);

INSERT INTO gate (device_id, canal, section_class, automated) VALUES
    ('G001', '友谊支渠', 'state_managed', true),
    ('G002', '友谊支渠', 'state_managed', true),
    ('G003', '团结渠', 'mass_managed', false);

-- Wells: daily levels at local noon for 400 days (control wells), hourly for the last two days;
-- W001 sits below its control level; W003's latest reading is flagged D (faulty).
INSERT INTO well_reading (device_id, parameter, ts, value)
SELECT w.id, 'gw_level', date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
                         - make_interval(days => n) + interval '4 hours',
       w.base - n * 0.002 + (n % 7) * 0.01
FROM (VALUES ('W001', 1018.0), ('W002', 1012.0), ('W003', 1001.0)) AS w(id, base),
     generate_series(2, 400) AS n;
INSERT INTO well_reading (device_id, parameter, ts, value, flag, valid)
SELECT w.id, 'gw_level', date_trunc('hour', now()) - make_interval(hours => n), w.base,
       CASE WHEN w.id = 'W003' AND n = 0 THEN 'D' ELSE 'N' END, NOT (w.id = 'W003' AND n = 0)
FROM (VALUES ('W001', 1018.0), ('W002', 1012.0), ('W003', 1001.0)) AS w(id, base),
     generate_series(0, 47) AS n
ON CONFLICT DO NOTHING;
-- Cumulative volume, hourly over the last 20 days (from the local start of the year at the earliest):
-- W004 pumps 50 m3/h (over its 20,000 m3 quota), the others 5 m3/h.
INSERT INTO well_reading (device_id, parameter, ts, value)
SELECT w.id, 'volume_total', ts, 1000 + w.rate * extract(epoch FROM ts - start) / 3600
FROM (VALUES ('W001', 5.0), ('W002', 5.0), ('W003', 5.0), ('W004', 50.0)) AS w(id, rate),
     LATERAL (SELECT greatest(date_trunc('hour', now()) - interval '20 days',
                              date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai') AS start) s,
     generate_series(s.start, date_trunc('hour', now()), interval '1 hour') AS ts;
-- W004 also read just after the local new year and just now, so it is over quota on any day of the year.
INSERT INTO well_reading (device_id, parameter, ts, value)
VALUES ('W004', 'volume_total', date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
                                + interval '1 second', 0),
       ('W004', 'volume_total', now() - interval '1 second', 1000000)
ON CONFLICT DO NOTHING;

-- CEMS: C001 minute averages for the last 6 hours; SO2 over its limit in the last 2 hours,
-- a few values flagged C (calibration). C002 never reported (silent).
INSERT INTO cems_reading (device_id, parameter, period, stat, ts, value, flag, valid)
SELECT 'C001', p.code, 'min', 'avg', date_trunc('minute', now()) - make_interval(mins => n),
       CASE WHEN p.code = 'a21026' AND n < 120 THEN 42 ELSE p.base END + (n % 5) * 0.3,
       CASE WHEN n % 97 = 0 THEN 'C' ELSE 'N' END, n % 97 <> 0
FROM (VALUES ('a21026', 20.0), ('a21002', 30.0), ('a34013', 5.0), ('a19001', 9.0)) AS p(code, base),
     generate_series(0, 359) AS n;

-- Water quality: hourly values for 10 days; Q001 drops a few hours and reports some D flags.
INSERT INTO water_quality_reading (device_id, parameter, ts, value, flag, valid)
SELECT q.id, p.code, date_trunc('hour', now()) - make_interval(hours => n),
       p.base + CASE WHEN q.id = 'Q001' AND p.code = 'w01018' AND n < 24 THEN 30 ELSE 0 END,
       CASE WHEN q.id = 'Q001' AND n % 31 = 0 THEN 'D' ELSE 'N' END, NOT (q.id = 'Q001' AND n % 31 = 0)
FROM (VALUES ('Q001'), ('Q002')) AS q(id),
     (VALUES ('w01018', 35.0), ('w21003', 3.0), ('w01010', 10.0), ('w01001', 7.2)) AS p(code, base),
     generate_series(0, 239) AS n
WHERE NOT (q.id = 'Q001' AND n % 50 = 7);

-- Gates: hourly flow and cumulative volume for 5 days; G003 last reported three days ago.
INSERT INTO gate_reading (device_id, parameter, ts, value)
SELECT g.id, p.code, date_trunc('hour', now()) - make_interval(hours => n),
       CASE p.code WHEN 'flow' THEN g.flow ELSE 50000 + g.flow * 3600 * (120 - n) END
FROM (VALUES ('G001', 2.0), ('G002', 1.5), ('G003', 0.8)) AS g(id, flow),
     (VALUES ('flow'), ('volume_total')) AS p(code),
     generate_series(0, 119) AS n
WHERE g.id <> 'G003' OR n >= 72;

-- Calibrations: C001's span check 50 % off (the report's case), zero check in band, comparison a month ago.
INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, full_scale, reported_pass, family) VALUES
    ('C001', 'a21026', 'span', now() - interval '2 days', 100, 50, NULL, false, 'cems'),
    ('C001', 'a21026', 'zero', now() - interval '2 days', 0, 1, 500, true, 'cems'),
    ('C001', 'a34013', 'span', now() - interval '9 days', 50, 50.5, 100, true, 'cems'),
    ('C001', 'a21026', 'comparison', now() - interval '30 days' + interval '1 hour', 30, 31, NULL, true, 'cems'),
    ('Q001', 'w01018', 'standard', now() - interval '3 days', 50, 51, 200, true, 'water_quality'),
    ('Q001', 'w21003', 'span', now() - interval '8 days', 10, 10.4, 50, true, 'water_quality');

INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, severity, state, period_start, period_end,
                   observed, target, margin, unit, message_zh, message_en, evidence, opened_at, last_seen_at,
                   acknowledged_at, acknowledged_by, ack_comment, resolved_at) VALUES
    ('CEMS_CALIBRATION_DRIFT', '30', 'device', 'C001', 'breach', 'open', now() - interval '2 days', now() - interval '2 days',
     50, 2.5, 47.5, '%', '标定偏差超出允许范围 47.5 个百分点', 'calibration deviation 47.5 points over the allowed band',
     '{"reference": 100, "measured": 50}', now() - interval '2 days', now() - interval '1 hour', NULL, NULL, NULL, NULL),
    ('WELL_QUOTA', '(八).2', 'device', 'W004', 'warning', 'acknowledged', now() - interval '20 days', now(),
     19000, 20000, -1000, 'm3', '取水量已达配额 95%', 'abstraction at 95 % of the quota',
     '{"ytd": 19000}', now() - interval '1 day', now(), now() - interval '12 hours', 'operator', 'meter checked', NULL),
    ('GW_BELOW_CONTROL_LEVEL', '(八)', 'zone', 'Z1', 'breach', 'open', now() - interval '7 days', now(),
     1018, 1020, -2, 'm', '控制井低于控制水位 2 米', 'control well 2 m below its control level',
     '{"wells": ["W001"]}', now() - interval '5 days', now(), NULL, NULL, NULL, NULL),
    ('DEVICE_SILENT', '25', 'device', 'G003', 'warning', 'resolved', now() - interval '10 days', now() - interval '9 days',
     NULL, NULL, NULL, NULL, '闸门无数据', 'gate silent', '{}', now() - interval '10 days', now() - interval '9 days',
     NULL, NULL, NULL, now() - interval '9 days');

-- Commands to loggers: a time setting settled, a gap request refused, an operator's interval change waiting.
INSERT INTO monitor_command (device_id, mn, cn, qn, reason, detail, sent_at, outcome, outcome_at, attempt) VALUES
    ('C001', 'MN-C001', '1012', '20260101080000000', 'clock skew +300 s', 'QnRtn=1; ExeRtn=1',
     now() - interval '3 hours', 'succeeded', now() - interval '3 hours' + interval '2 seconds', 1),
    ('C001', 'MN-C001', '2061', '20260101090000000', 'gap recovery (connection came back): BeginTime=20260101000000, EndTime=20260101020000',
     'QnRtn=2', now() - interval '2 hours', 'refused', now() - interval '2 hours' + interval '1 second', 1),
    ('Q001', 'MN-Q001', '1062', '20260101100000000', 'requested by admin: RtdInterval=60', '',
     now() - interval '1 hour', 'sent', NULL, 1);
