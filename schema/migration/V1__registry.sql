-- Registry: what devices exist, where they are, what they measure and what they are held to.
-- Loaded from seed files (see README "Registry"); readings reference devices by id only.

CREATE TABLE zone (
    id               text PRIMARY KEY,
    name             text NOT NULL,
    kind             text NOT NULL DEFAULT 'over_exploitation',
    annual_cap_m3    double precision,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE village (
    id                   text PRIMARY KEY,
    name                 text NOT NULL,
    township             text,
    zone_id              text NOT NULL REFERENCES zone (id),
    annual_allocation_m3 double precision,
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Parameters a device family may report, with canonical unit and the physically possible range
-- (outside it a value is impossible and rejected; instrument ranges live per monitor).
CREATE TABLE parameter (
    family       text NOT NULL CHECK (family IN ('well', 'cems', 'water_quality', 'gate')),
    code         text NOT NULL,
    name_zh      text NOT NULL,
    name_en      text NOT NULL,
    unit         text NOT NULL,
    min_possible double precision,
    max_possible double precision,
    code_2005    text,
    PRIMARY KEY (family, code)
);

CREATE TABLE device (
    id                 text PRIMARY KEY,
    family             text NOT NULL CHECK (family IN ('well', 'cems', 'water_quality', 'gate')),
    name               text NOT NULL,
    reporting_interval interval NOT NULL,
    lon                double precision,
    lat                double precision,
    active             boolean NOT NULL DEFAULT true,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX device_family_idx ON device (family);

CREATE TABLE well (
    device_id            text PRIMARY KEY REFERENCES device (id),
    village_id           text NOT NULL REFERENCES village (id),
    zone_id              text NOT NULL REFERENCES zone (id),
    annual_allocation_m3 double precision NOT NULL,
    meter_type           text NOT NULL,
    is_control_well      boolean NOT NULL DEFAULT false,
    control_level_m      double precision,
    CHECK (NOT is_control_well OR control_level_m IS NOT NULL)
);
CREATE INDEX well_village_idx ON well (village_id);

CREATE TABLE monitor (
    device_id          text PRIMARY KEY REFERENCES device (id),
    kind               text NOT NULL CHECK (kind IN ('cems', 'water_quality')),
    enterprise         text NOT NULL,
    outlet             text NOT NULL,
    mn                 text UNIQUE,
    password           text,
    has_auto_sampler   boolean NOT NULL DEFAULT false,
    auto_calibration   boolean NOT NULL DEFAULT true
);

CREATE TABLE monitor_parameter (
    device_id    text NOT NULL REFERENCES device (id),
    parameter    text NOT NULL,
    unit         text NOT NULL,
    range_min    double precision NOT NULL DEFAULT 0,
    range_max    double precision NOT NULL,
    limit_value  double precision,
    limit_low    double precision,
    limit_cold   double precision,
    PRIMARY KEY (device_id, parameter)
);

CREATE TABLE gate (
    device_id     text PRIMARY KEY REFERENCES device (id),
    canal         text NOT NULL,
    section_class text NOT NULL CHECK (section_class IN ('state_managed', 'mass_managed')),
    automated     boolean NOT NULL DEFAULT true
);

-- One row per seed load, so an auditor can tell which registry version was in force when.
CREATE TABLE registry_load (
    id          bigserial PRIMARY KEY,
    version     text NOT NULL,
    checksum    text NOT NULL,
    source      text NOT NULL,
    devices     integer NOT NULL,
    loaded_at   timestamptz NOT NULL DEFAULT now()
);

INSERT INTO parameter (family, code, name_zh, name_en, unit, min_possible, max_possible, code_2005) VALUES
    ('well', 'gw_level',      '地下水水位',     'groundwater level',        'm',    -500,   9000, NULL),
    ('well', 'gw_depth',      '地下水埋深',     'groundwater depth',        'm',    0,      1000, NULL),
    ('well', 'volume_total',  '累计取水量',     'cumulative abstraction',   'm3',   0,      1e9,  NULL),
    ('well', 'flow',          '瞬时流量',       'pumping flow',             'm3/h', 0,      2000, NULL),
    ('gate', 'flow',          '过闸流量',       'flow',                     'm3/s', 0,      2000, NULL),
    ('gate', 'level',         '闸前水位',       'water level',              'm',    -10,    5000, NULL),
    ('gate', 'gate_opening',  '闸门开度',       'gate opening',             'm',    0,      20,   NULL),
    ('gate', 'volume_total',  '累计过水量',     'cumulative volume',        'm3',   0,      1e12, NULL),
    ('cems', 'a21026',        '二氧化硫',       'SO2',                      'mg/m3', 0,     100000, '02'),
    ('cems', 'a21002',        '氮氧化物',       'NOx',                      'mg/m3', 0,     100000, '03'),
    ('cems', 'a34013',        '颗粒物',         'particulate',              'mg/m3', 0,     100000, '01'),
    ('cems', 'a19001',        '氧气含量',       'O2',                       '%',     0,     100,    'S01'),
    ('cems', 'a01011',        '烟气流速',       'flue-gas velocity',        'm/s',   0,     100,    'S02'),
    ('cems', 'a01012',        '烟气温度',       'flue-gas temperature',     'degC',  -60,   1500,   'S03'),
    ('cems', 'a01013',        '烟气压力',       'flue-gas pressure',        'kPa',   -200,  200,    'S08'),
    ('cems', 'a01014',        '烟气湿度',       'flue-gas humidity',        '%',     0,     100,    'S05'),
    ('cems', 'a00000',        '烟气流量',       'flue-gas flow',            'm3/s',  0,     100000, 'B02'),
    ('cems', 'a21005',        '一氧化碳',       'CO',                       'mg/m3', 0,     100000, NULL),
    ('water_quality', 'w01018', '化学需氧量',   'COD',                      'mg/L',  0,     100000, '011'),
    ('water_quality', 'w21003', '氨氮',         'NH3-N',                    'mg/L',  0,     10000,  '060'),
    ('water_quality', 'w21011', '总磷',         'TP',                       'mg/L',  0,     10000,  '101'),
    ('water_quality', 'w21001', '总氮',         'TN',                       'mg/L',  0,     10000,  '065'),
    ('water_quality', 'w01001', 'pH值',         'pH',                       'pH',    0,     14,     '001'),
    ('water_quality', 'w00000', '污水流量',     'wastewater flow',          'L/s',   0,     1e6,    'B01'),
    ('water_quality', 'w01010', '水温',         'water temperature',        'degC',  -5,    100,    NULL),
    ('water_quality', 'w01012', '悬浮物',       'SS',                       'mg/L',  0,     100000, '003');
