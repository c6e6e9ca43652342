package org.urad.envmon.ingest.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.extract.ExtractFiles;
import org.urad.envmon.ingest.extract.ExtractFormat;
import org.urad.envmon.ingest.extract.ExtractProperties;
import org.urad.envmon.ingest.extract.Extractor;
import org.urad.envmon.ingest.extract.Lang;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.extract.Rollups;

/**
 * Two years of daily levels of four wells in one zone (two control wells), written with SQL that every schema
 * version since V2 accepts, and the extract files of a database: what backups and upgrades must keep.
 */
final class WellHistory {

    static final String ZONE = "Z-HLT";
    static final String[] WELLS = {"W1", "W2", "CW1", "CW2"};
    /**
     * The control wells' control level. On a rounding boundary on purpose: the 2025-Q3 margins are -0.765 and
     * -1.765 m, exactly between two report figures. The indicator definitions sum exactly (V25), so every database,
     * restored or migrated, prints the same sentence ("高于控制水位0.77米").
     */
    static final double CONTROL_LEVEL = 12.0;

    /** The sentence the 2025-Q3 extract must print for CW1, whatever order its rows are read in. */
    static final String BOUNDARY_SENTENCE = "2025年第三季度，控制井CW1平均水位高于控制水位0.77米，符合管控要求。";

    static final String[] PERIODS = {"2024-Q2", "2025-Q3", "2025"};
    /** Extracts are computed "as of" this instant, so that two runs can be compared byte for byte. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);

    private WellHistory() {}

    /** An extract file as text, compared byte for byte: the figures are exact sums (V25), whatever the row order. */
    static String text(byte[] file) {
        return new String(file, StandardCharsets.UTF_8);
    }

    static void registry(JdbcTemplate jdbc) {
        jdbc.update("INSERT INTO zone (id, name) VALUES (?, '海流图超采区')", ZONE);
        jdbc.update("INSERT INTO village (id, name, zone_id) VALUES ('V1', '一村', ?)", ZONE);
        for (String well : WELLS) {
            boolean control = well.startsWith("CW");
            jdbc.update(
                    "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'well', ?, '1 day')",
                    well,
                    well + "井");
            jdbc.update(
                    "INSERT INTO well VALUES (?, 'V1', ?, 30000, 'radar', ?, ?)",
                    well,
                    ZONE,
                    control,
                    control ? CONTROL_LEVEL : null);
        }
    }

    /** One level a day at 08:00 local time (00:00 UTC), 2024 and 2025, a different slow trend per well. */
    static int readings(JdbcTemplate jdbc) {
        List<Object[]> rows = new ArrayList<>();
        each((well, day, level) ->
                rows.add(new Object[] {well, Timestamp.from(day.atStartOfDay().toInstant(ZoneOffset.UTC)), level}));
        jdbc.batchUpdate(
                "INSERT INTO well_reading (device_id, parameter, ts, value) VALUES (?, 'gw_level', ?, ?)", rows);
        return rows.size();
    }

    /** The same readings as a history file for the importer (UTF-8, local times). */
    static byte[] csv() {
        StringBuilder s = new StringBuilder("device_id,parameter,time,value,unit\n");
        each((well, day, level) -> s.append(well)
                .append(",gw_level,")
                .append(day)
                .append(" 08:00,")
                .append(String.format(Locale.ROOT, "%.3f", level))
                .append(",m\n"));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private interface Row {
        void accept(String well, LocalDate day, double level);
    }

    private static void each(Row row) {
        for (int w = 0; w < WELLS.length; w++) {
            for (LocalDate d = LocalDate.of(2024, 1, 1); d.isBefore(LocalDate.of(2026, 1, 1)); d = d.plusDays(1)) {
                double level =
                        10 + w + 0.002 * d.getDayOfYear() + 0.3 * (d.getYear() - 2024) + 0.01 * (d.getDayOfMonth() % 3);
                row.accept(WELLS[w], d, Math.round(level * 1000) / 1000.0);
            }
        }
    }

    /** The CSV and JSON extract of each period, as the extract command writes them (rollups refreshed first). */
    static Map<String, byte[]> extracts(DataSource dataSource) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            Rollups.refresh(c, Rollups.DEFAULT_LAG);
        }
        Extractor extractor = new Extractor(dataSource, ExtractProperties.defaults(), CLOCK);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String period : PERIODS) {
            var report = extractor.extract(ReportPeriod.parse(period));
            for (ExtractFormat format : new ExtractFormat[] {ExtractFormat.CSV, ExtractFormat.JSON}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ExtractFiles.write(report, format, Lang.of("zh"), out);
                files.put(period + "." + format.name().toLowerCase(Locale.ROOT), out.toByteArray());
            }
        }
        return files;
    }
}
