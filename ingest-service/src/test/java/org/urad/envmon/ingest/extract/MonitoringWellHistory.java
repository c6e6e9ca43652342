package org.urad.envmon.ingest.extract;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Six years (2020 – October 2025) of daily levels in one over-exploitation zone, shaped like the
 * report's history: eight monitoring wells (M7 and M8 log only the depth to water) and two control
 * wells that fall 1.8 m a year faster than the zone. Zone Z2 has a control well and no monitoring well.
 *
 * <p>The zone's monthly level changes year on year by a fixed amount per quarter ({@link #YOY}); ten
 * quarters fall more than 0.5 m (2021 Q2 – 2024 Q1 but 2023 Q3, Q4 and 2021 Q1), 2023 Q2 by 1.20 m,
 * and from April 2024 every month is within ±0.5 m of the year before: 19 stable months at the end
 * of October 2025. Averaging the control wells in would give other figures.
 */
final class MonitoringWellHistory {

    static final List<String> MONITORING = List.of("M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8");
    static final List<String> DEPTH_ONLY = List.of("M7", "M8");
    static final List<String> CONTROL = List.of("C1", "C2");
    static final double WELLHEAD = 1050;

    /** Year-on-year change of the zone level per quarter, 2021 – 2025. */
    private static final double[][] YOY = {
        {-0.3, -0.6, -0.7, -0.8},
        {-0.6, -0.7, -0.9, -0.7},
        {-0.8, -1.2, -0.4, -0.2},
        {-0.9, 0.3, -0.4, 0.2},
        {-0.3, 0.1, -0.45, 0.2}
    };

    private MonitoringWellHistory() {}

    static double zone(YearMonth m) {
        if (m.getYear() <= 2020) {
            return 1030 - 0.02 * (m.getMonthValue() - 1);
        }
        return zone(m.minusYears(1)) + YOY[m.getYear() - 2021][(m.getMonthValue() - 1) / 3];
    }

    static double level(String well, LocalDate d) {
        double z = zone(YearMonth.from(d));
        long months = YearMonth.of(2020, 1).until(YearMonth.from(d), ChronoUnit.MONTHS);
        return switch (well) {
            case "C1" -> z - 3 - 0.15 * months;
            case "C2" -> z - 2.5 - 0.15 * months;
            case "C3" -> 1000 - 0.01 * months;
            default -> z + (Integer.parseInt(well.substring(1)) - 4.5) * 0.4 + (d.getDayOfMonth() % 3 - 1) * 0.03;
        };
    }

    static List<History.Raw> readings() {
        List<History.Raw> out = new ArrayList<>();
        List<String> wells = new ArrayList<>(MONITORING);
        wells.addAll(CONTROL);
        wells.add("C3");
        for (LocalDate d = LocalDate.of(2020, 1, 1); d.isBefore(LocalDate.of(2025, 11, 1)); d = d.plusDays(1)) {
            var ts = History.local(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), 8, 0);
            for (String w : wells) {
                boolean depth = DEPTH_ONLY.contains(w);
                double level = level(w, d);
                out.add(new History.Raw(
                        "well_reading",
                        w,
                        depth ? "gw_depth" : "gw_level",
                        ts,
                        depth ? WELLHEAD - level : level,
                        true));
            }
        }
        return out;
    }

    /** The level a reading stands for, as an independent reading of the registry would say. */
    static double levelOf(History.Raw r) {
        return r.parameter().equals("gw_depth") ? WELLHEAD - r.value() : r.value();
    }

    static OptionalDouble wellMean(List<History.Raw> raw, String well, LocalDate from, LocalDate to) {
        return raw.stream()
                .filter(r -> r.device().equals(well))
                .filter(r -> {
                    LocalDate day = Expected.localDay(r.ts());
                    return !day.isBefore(from) && day.isBefore(to);
                })
                .mapToDouble(MonitoringWellHistory::levelOf)
                .average();
    }

    /** Mean of the wells' means over [from, to), or null when none has data. */
    static Double zoneMean(List<History.Raw> raw, List<String> wells, LocalDate from, LocalDate to) {
        OptionalDouble m = wells.stream()
                .map(w -> wellMean(raw, w, from, to))
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .average();
        return m.isPresent() ? m.getAsDouble() : null;
    }

    static Double quarterYoy(List<History.Raw> raw, List<String> wells, LocalDate quarter) {
        Double now = zoneMean(raw, wells, quarter, quarter.plusMonths(3));
        Double before = zoneMean(
                raw, wells, quarter.minusYears(1), quarter.minusYears(1).plusMonths(3));
        return now == null || before == null ? null : now - before;
    }

    static int stableRun(List<History.Raw> raw, List<String> wells, YearMonth end) {
        int run = 0;
        for (YearMonth m = end; ; m = m.minusMonths(1)) {
            Double now = zoneMean(raw, wells, m.atDay(1), m.plusMonths(1).atDay(1));
            Double before = zoneMean(
                    raw,
                    wells,
                    m.minusYears(1).atDay(1),
                    m.minusYears(1).plusMonths(1).atDay(1));
            if (now == null || before == null || Math.abs(now - before) > 0.5 + 1e-9) {
                return run;
            }
            run++;
        }
    }

    /** The six seed files of this registry, as a user would write them, into {@code dir}. */
    static void writeSeed(Path dir, double control1, double control2) throws Exception {
        write(
                dir,
                "zones.csv",
                "id,name,kind,annual_cap_m3",
                "Z1,超采区,over_exploitation,",
                "Z2,无监测井区,over_exploitation,");
        write(dir, "villages.csv", "id,name,township,zone_id,annual_allocation_m3", "V1,一村,,Z1,", "V2,二村,,Z2,");
        List<String> wells = new ArrayList<>();
        wells.add("id,name,village_id,role,lon,lat,annual_allocation_m3,meter_type,control_level_m,"
                + "wellhead_elevation_m,reporting_interval");
        for (String m : MONITORING) {
            wells.add(m + "," + m + "监测井,V1,monitoring,,,,," + "," + (DEPTH_ONLY.contains(m) ? WELLHEAD : "") + ",P1D");
        }
        wells.add("C1,C1控制井,V1,control,,,,," + control1 + ",,P1D");
        wells.add("C2,C2控制井,V1,abstraction|control,,,30000,electromagnetic," + control2 + ",,P1D");
        wells.add("C3,C3控制井,V2,control,,,,,990,,P1D");
        write(dir, "wells.csv", wells.toArray(String[]::new));
        write(
                dir,
                "monitors.csv",
                "id,kind,name,enterprise,outlet,mn,password,has_auto_sampler,auto_calibration,lon,lat,"
                        + "reporting_interval");
        write(
                dir,
                "monitor_parameters.csv",
                "device_id,parameter,unit,range_min,range_max,limit_value,limit_low,limit_cold");
        write(dir, "gates.csv", "id,name,canal,section_class,automated,lon,lat,reporting_interval");
    }

    private static void write(Path dir, String file, String... lines) throws Exception {
        Files.writeString(
                dir.resolve(file), "# version: roles-1\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
