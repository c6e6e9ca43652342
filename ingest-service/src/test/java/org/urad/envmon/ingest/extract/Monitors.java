package org.urad.envmon.ingest.extract;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** A CEMS at a coke-oven outlet and two sewage-plant monitors, with their readings and calibrations. */
final class Monitors {

    /** Zero calibrations of plant P1: one before July, then gaps of 144, 168, 168, 192, 120 h. */
    static final List<Instant> WATER_CALIBRATIONS = List.of(
            History.local(2025, 6, 28, 9, 0),
            History.local(2025, 7, 4, 9, 0),
            History.local(2025, 7, 11, 9, 0),
            History.local(2025, 7, 18, 9, 0),
            History.local(2025, 7, 26, 9, 0),
            History.local(2025, 7, 31, 9, 0));

    private Monitors() {}

    /** Minute data for 1–2 July 2025 (local): SO2 limit 30, particulate limit 10. */
    static void insertCems(DataSource ds, List<History.Raw> out) throws Exception {
        ReportShapedExtractIntegrationTests.sql(
                ds,
                "INSERT INTO device (id, family, name, reporting_interval) VALUES ('C1', 'cems', '焦炉烟气总排口CEMS', '1 minute')",
                "INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES ('C1', 'cems', '神华巴彦淖尔能源', '焦炉烟气总排口')",
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value) VALUES"
                        + " ('C1', 'a21026', 'mg/m3', 200, 30), ('C1', 'a34013', 'mg/m3', 50, 10), ('C1', 'a19001', '%', 25, NULL)",
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, full_scale, family) VALUES"
                        + " ('C1', 'a21026', 'span', '" + History.local(2025, 7, 1, 9, 0) + "', 100, 101, 200, 'cems'),"
                        + " ('C1', 'a21026', 'standard', '" + History.local(2025, 7, 2, 9, 0)
                        + "', 80, 40, NULL, 'cems'),"
                        + " ('C1', 'a34013', 'zero', '" + History.local(2025, 7, 1, 10, 0) + "', 0, 0.5, NULL, 'cems'),"
                        + " ('C1', 'a21026', 'comparison', '" + History.local(2025, 7, 1, 14, 0)
                        + "', 25, 26, NULL, 'cems'),"
                        + " ('C1', 'a21026', 'span', '" + History.local(2025, 7, 3, 1, 0) + "', 100, 10, 200, 'cems')");
        Instant start = History.local(2025, 7, 1, 0, 0);
        for (int h = 0; h < 48; h++) {
            for (int m = 0; m < 60; m++) {
                Instant ts = start.plus(Duration.ofMinutes(h * 60L + m));
                double so2 = h == 5 ? 35 : h == 6 ? 31 : h == 3 ? 99 : 20;
                boolean valid = !(h == 3 && m < 20) && !(h == 6 && m >= 50);
                out.add(new History.Raw("cems_reading", "C1", "a21026", ts, so2, valid));
                if (h != 10) {
                    out.add(new History.Raw("cems_reading", "C1", "a34013", ts, 5.0, true));
                }
            }
        }
        History.insert(ds, out);
    }

    /** [valid hours, valid hours whose mean is above the limit]: a valid hour has ≥ 45 valid minutes. */
    static int[] validAndAboveHours(List<History.Raw> raw, String parameter, double limit) {
        Map<Instant, List<Double>> hours = new TreeMap<>();
        raw.stream()
                .filter(r -> r.parameter().equals(parameter) && r.valid())
                .forEach(r -> hours.computeIfAbsent(
                                r.ts().truncatedTo(java.time.temporal.ChronoUnit.HOURS), k -> new ArrayList<>())
                        .add(r.value()));
        int valid = 0;
        int above = 0;
        for (List<Double> values : hours.values()) {
            if (values.size() >= 45) {
                valid++;
                above += values.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .average()
                                        .getAsDouble()
                                > limit
                        ? 1
                        : 0;
            }
        }
        return new int[] {valid, above};
    }

    /** Hourly data for July 2025 at plant P1; plant P2 reports nothing and has no sampler. */
    static void insertWater(DataSource ds, List<History.Raw> out) throws Exception {
        StringBuilder calibrations = new StringBuilder();
        for (Instant t : WATER_CALIBRATIONS) {
            calibrations
                    .append(calibrations.length() == 0 ? "" : ",")
                    .append("('P1', 'w01018', 'zero', '")
                    .append(t)
                    .append("', 0, 0.2, 200, 'water_quality')");
        }
        ReportShapedExtractIntegrationTests.sql(
                ds,
                "INSERT INTO device (id, family, name, reporting_interval) VALUES ('P1', 'water_quality', '洁源', '1 hour'),"
                        + " ('P2', 'water_quality', '滤洁', '1 hour')",
                "INSERT INTO monitor (device_id, kind, enterprise, outlet, has_auto_sampler) VALUES"
                        + " ('P1', 'water_quality', '洁源污水处理有限公司', '总排口', true),"
                        + " ('P2', 'water_quality', '滤洁污水处理厂', '总排口', false)",
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value, limit_cold) VALUES"
                        + " ('P1', 'w01018', 'mg/L', 200, 50, NULL), ('P1', 'w21003', 'mg/L', 50, 5, 8), ('P1', 'w01010', 'degC', 100, NULL, NULL),"
                        + " ('P2', 'w01018', 'mg/L', 200, 50, NULL), ('P2', 'w21003', 'mg/L', 50, 5, 8), ('P2', 'w01010', 'degC', 100, NULL, NULL)",
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, full_scale, family) VALUES "
                        + calibrations);
        for (LocalDate d = LocalDate.of(2025, 7, 1); d.isBefore(LocalDate.of(2025, 8, 1)); d = d.plusDays(1)) {
            int day = d.getDayOfMonth();
            for (int h = 0; h < 24; h++) {
                if (day == 5 && h < 10) {
                    continue;
                }
                Instant ts = History.local(2025, 7, day, h, 0);
                out.add(new History.Raw(
                        "water_quality_reading", "P1", "w01018", ts, day == 10 ? 60 : 30, !(day == 6 && h < 5)));
                out.add(new History.Raw(
                        "water_quality_reading", "P1", "w21003", ts, day == 20 || day == 21 ? 6 : 2, true));
                out.add(new History.Raw("water_quality_reading", "P1", "w01010", ts, day == 20 ? 10 : 20, true));
            }
        }
        History.insert(ds, out);
    }

    /** Longest time between calibrations, counting from the last one before the period to its end. */
    static double longestGapHours(List<Instant> calibrations, ReportPeriod period) {
        Instant previous = period.startInstant();
        double worst = 0;
        for (Instant t : calibrations) {
            if (t.isAfter(period.startInstant())) {
                worst = Math.max(worst, Duration.between(previous, t).toMinutes() / 60.0);
            }
            previous = t;
        }
        return Math.max(worst, Duration.between(previous, period.endInstant()).toMinutes() / 60.0);
    }
}
