package org.urad.envmon.ingest.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A generated device history: a zone with two control wells and three metered wells, gates, and the
 * raw readings it inserts, kept so that tests compute expected indicators from them independently.
 *
 * <p>Zone monthly means fall by {@code slope} a month through 2023, jump 1 m below the year before
 * until {@code stableFrom}, then stay within ±0.4 m of the year before. Control levels are set so that
 * the two control wells' 2023 Q2 means are {@code below1} and {@code below2} metres below them.
 */
record History(
        String zoneName, double base, double slope, YearMonth stableFrom, double below1, double below2, double scale) {

    record Raw(String table, String device, String parameter, Instant ts, double value, boolean valid) {}

    static final String ZONE = "Z1";
    static final List<String> CONTROL_WELLS = List.of("CW1", "CW2");
    static final List<String> METERED_WELLS = List.of("W1", "W2", "W3");

    static Instant local(int y, int m, int d, int hh, int mm) {
        return LocalDateTime.of(y, m, d, hh, mm).atZone(ReportPeriod.ZONE).toInstant();
    }

    double zoneMonthly(YearMonth ym) {
        if (ym.isBefore(YearMonth.of(2024, 1))) {
            long k = YearMonth.of(2022, 1).until(ym, java.time.temporal.ChronoUnit.MONTHS);
            return base - slope * k;
        }
        double lastYear = zoneMonthly(ym.minusMonths(12));
        if (ym.isBefore(stableFrom)) {
            return lastYear - 1.0;
        }
        return lastYear + (ym.getMonthValue() % 2 == 0 ? 0.3 : -0.4);
    }

    List<Raw> groundwater() {
        List<Raw> out = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2022, 1, 1); d.isBefore(LocalDate.of(2025, 11, 1)); d = d.plusDays(1)) {
            double m = zoneMonthly(YearMonth.from(d));
            Instant ts = local(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), 0, 30); // 16:30 UTC the day before
            out.add(new Raw(
                    "well_reading", "CW1", "gw_level", ts, m + 1 + (d.getDayOfMonth() % 2 == 0 ? 0.05 : -0.05), true));
            out.add(new Raw("well_reading", "CW2", "gw_level", ts, m - 1 + 0.02 * (d.getDayOfMonth() % 3 - 1), true));
        }
        return out;
    }

    /** Cumulative meters every 6 hours in 2025, W3 reset to 0 on 15 August, W1 also read at 23:30 on 30 September. */
    List<Raw> meters() {
        List<Raw> out = new ArrayList<>();
        Map<String, Double> total = new HashMap<>(Map.of("W1", 1000.0, "W2", 5000.0, "W3", 200.0));
        Map<String, Double> step = Map.of("W1", 20 * scale, "W2", 15 * scale, "W3", 15 * scale);
        for (LocalDate d = LocalDate.of(2025, 1, 1); d.isBefore(LocalDate.of(2025, 11, 1)); d = d.plusDays(1)) {
            for (int h : new int[] {0, 6, 12, 18}) {
                for (String w : METERED_WELLS) {
                    boolean reset = w.equals("W3") && d.equals(LocalDate.of(2025, 8, 15)) && h == 12;
                    total.put(w, reset ? 0 : total.get(w) + step.get(w));
                    out.add(new Raw(
                            "well_reading",
                            w,
                            "volume_total",
                            local(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), h, 30),
                            total.get(w),
                            true));
                }
            }
            if (d.equals(LocalDate.of(2025, 9, 30))) {
                total.put("W1", total.get("W1") + 7 * scale);
                out.add(new Raw(
                        "well_reading", "W1", "volume_total", local(2025, 9, 30, 23, 30), total.get("W1"), true));
            }
            out.add(new Raw(
                    "gate_reading",
                    "G1",
                    "volume_total",
                    local(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), 12, 0),
                    1_000_000 + 1000 * scale * d.getDayOfYear(),
                    true));
        }
        return out;
    }

    double wellAllocation(String well) {
        return switch (well) {
            case "W1" -> 30000 * scale;
            case "W2" -> 20000 * scale;
            case "W3" -> 10000 * scale;
            default -> 1000;
        };
    }

    void insertRegistry(DataSource ds, double control1, double control2) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO zone (id, name, annual_cap_m3) VALUES ('Z1', '" + zoneName + "', " + 50000 * scale
                    + ")");
            s.execute("INSERT INTO village (id, name, zone_id, annual_allocation_m3) VALUES"
                    + " ('V1', '一村', 'Z1', NULL), ('V2', '二村', 'Z1', " + 12000 * scale + ")");
            for (String w : List.of("CW1", "CW2", "W1", "W2", "W3")) {
                s.execute("INSERT INTO device (id, family, name, reporting_interval) VALUES ('" + w + "', 'well', '" + w
                        + "井', '1 hour')");
            }
            // the control wells are also the zone's monitoring wells (monitoring|control)
            s.execute("INSERT INTO well VALUES ('CW1', 'V1', 'Z1', 1000, 'radar', true, " + control1 + ", true),"
                    + " ('CW2', 'V2', 'Z1', 1000, 'radar', true, " + control2 + ", true),"
                    + " ('W1', 'V1', 'Z1', " + wellAllocation("W1") + ", 'electromagnetic', false, NULL, false),"
                    + " ('W2', 'V1', 'Z1', " + wellAllocation("W2") + ", 'electromagnetic', false, NULL, false),"
                    + " ('W3', 'V2', 'Z1', " + wellAllocation("W3") + ", 'electromagnetic', false, NULL, false)");
            for (String g : List.of("G1", "G2", "G3")) {
                s.execute("INSERT INTO device (id, family, name, reporting_interval) VALUES ('" + g + "', 'gate', '" + g
                        + "闸', '1 hour')");
            }
            s.execute(
                    "INSERT INTO gate VALUES ('G1', '友谊支渠', 'state_managed', true), ('G2', '总干渠', 'state_managed', false),"
                            + " ('G3', '斗渠', 'mass_managed', true)");
        }
    }

    static void insert(DataSource ds, List<Raw> rows) throws SQLException {
        Map<String, List<Raw>> byTable = new HashMap<>();
        rows.forEach(
                r -> byTable.computeIfAbsent(r.table(), k -> new ArrayList<>()).add(r));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (var e : byTable.entrySet()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + e.getKey()
                        + " (device_id, parameter, ts, value, flag, valid) VALUES (?, ?, ?, ?, ?, ?)")) {
                    int n = 0;
                    for (Raw r : e.getValue()) {
                        ps.setString(1, r.device());
                        ps.setString(2, r.parameter());
                        ps.setObject(3, OffsetDateTime.ofInstant(r.ts(), ZoneOffset.UTC));
                        ps.setDouble(4, r.value());
                        ps.setString(5, r.valid() ? "N" : "D");
                        ps.setBoolean(6, r.valid());
                        ps.addBatch();
                        if (++n % 2000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
            c.commit();
        }
    }
}
