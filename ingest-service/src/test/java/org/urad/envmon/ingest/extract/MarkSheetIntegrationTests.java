package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.support.MigratedDatabase;

/**
 * Verifies the extract's sheet of data marks and what the marks do to its figures: one day of a stack's
 * one-minute SO2 with two hours over the limit during the analyser's maintenance. Marked and accepted,
 * those hours are neither exceedances nor expected hours; pending or rejected, they count as before; every
 * mark is listed with its status, lateness and the part of it inside the period.
 */
class MarkSheetIntegrationTests {

    private static final Instant DAY = local("2025-06-10T00:00");
    private static final ReportPeriod PERIOD = ReportPeriod.parse("2025-06-10..2025-06-10");
    private static final Clock CLOCK = Clock.fixed(local("2025-08-01T00:00"), ZoneOffset.UTC);
    private static final double LIMIT = 100;

    private MigratedDatabase database;
    private JdbcTemplate jdbc;
    private Extractor extractor;

    @BeforeEach
    void setUp() {
        database = MigratedDatabase.create("mark_sheet");
        jdbc = new JdbcTemplate(database.dataSource());
        jdbc.update("INSERT INTO device (id, family, name, reporting_interval)"
                + " VALUES ('CEMS-1', 'cems', '焦化1号烟囱', INTERVAL '1 minute')");
        jdbc.update(
                "INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES ('CEMS-1', 'cems', '焦化厂', '1号排口')");
        jdbc.update(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value)"
                        + " VALUES ('CEMS-1', 'a21026', 'mg/m3', 500, ?)",
                LIMIT);
        // 24 hours of one-minute values; 08:00–10:00 over the limit (the analyser under maintenance)
        jdbc.update(
                "INSERT INTO cems_reading (device_id, parameter, ts, value, flag, valid)"
                        + " SELECT 'CEMS-1', 'a21026', ?::timestamptz + n * INTERVAL '1 minute',"
                        + " CASE WHEN n >= 480 AND n < 600 THEN 300 ELSE 40 END, 'N', true"
                        + " FROM generate_series(0, 1439) n",
                Timestamp.from(DAY));
        extractor = new Extractor(database.dataSource(), ExtractProperties.defaults(), CLOCK);
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void unmarkedMaintenanceHoursAreExceedancesAndTheSheetIsEmpty() throws Exception {
        ExtractReport report = extractor.extract(PERIOD);

        assertThat(value(report, "cems_hours_above_limit")).isEqualTo(2.0);
        assertThat(value(report, "cems_valid_hour_capture")).isEqualTo(100.0);
        assertThat(report.marks()).isEmpty();
        assertThat(sheetRows(report))
                .containsExactly(List.of(
                        "标记编号", "版本", "监测点", "设备编号", "监测因子", "开始时间", "结束时间", "期内小时数", "标记类型", "原因", "证据", "标记方", "标记人",
                        "标记时间", "是否逾期", "审核状态", "审核人", "审核意见"));
    }

    @Test
    void acceptedMarkTakesItsHoursOutOfExceedancesAndExpectedHoursAndIsListed() throws Exception {
        long mark = mark("maintenance", "08:00", "10:00", "2025-06-10T09:00", "2025-06-10T20:00");
        review(mark, "accepted", null);
        // a mark that began the day before: only its part inside the period is counted
        long earlier = mark("communication_fault", "-02:00", "01:00", "2025-06-11T10:00", "2025-06-10T10:00");

        ExtractReport report = extractor.extract(PERIOD);

        assertThat(value(report, "cems_hours_above_limit")).isZero();
        assertThat(value(report, "cems_valid_hour_capture"))
                .as("22 valid of 22 expected hours")
                .isEqualTo(100.0);
        assertThat(report.marks()).extracting(MarkLine::markId).containsExactly(earlier, mark);
        MarkLine m = report.marks().get(1);
        assertThat(m.kindZh()).isEqualTo("维护");
        assertThat(m.status()).isEqualTo("accepted");
        assertThat(m.late()).isFalse();
        assertThat(m.hoursInPeriod()).isEqualTo(2.0);
        assertThat(m.monitor()).isEqualTo("焦化厂1号排口");
        MarkLine e = report.marks().get(0);
        assertThat(e.hoursInPeriod()).isEqualTo(1.0);
        assertThat(e.late()).isTrue();
        assertThat(e.status()).isEqualTo("pending");
        List<List<String>> rows = sheetRows(report);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2))
                .containsSubsequence("焦化厂1号排口", "CEMS-1", "a21026", "2025-06-10 08:00", "2025-06-10 10:00", "2", "维护")
                .contains("按时", "已认可");
        assertThat(rows.get(1)).contains("通讯故障", "逾期", "待审核", "2025-06-09 22:00");
    }

    @Test
    void rejectedOrPendingMarksLeaveTheFiguresAsTheyWere() throws Exception {
        long rejected = mark("maintenance", "08:00", "09:00", "2025-06-10T09:00", "2025-06-10T20:00");
        review(rejected, "rejected", "维护记录与现场不符");
        mark("maintenance", "09:00", "10:00", "2025-06-10T09:30", "2025-06-10T21:00");

        ExtractReport report = extractor.extract(PERIOD);

        assertThat(value(report, "cems_hours_above_limit")).isEqualTo(2.0);
        assertThat(report.marks()).extracting(MarkLine::status).containsExactly("rejected", "pending");
        assertThat(report.marks().get(0).reviewReason()).isEqualTo("维护记录与现场不符");
        assertThat(sheetRows(report).get(1)).contains("已驳回", "维护记录与现场不符");
    }

    /** A plant mark on SO2 from {@code from} to {@code to} (local times on the day; "-02:00" is the day before). */
    private long mark(String kind, String from, String to, String madeAt, String dueAt) {
        long id = jdbc.queryForObject("SELECT nextval('data_mark_number')", Long.class);
        jdbc.update(
                "INSERT INTO data_mark (mark_id, version, device_id, parameter, starts_at, ends_at, kind, reason,"
                        + " evidence_note, source, author, made_at, due_at)"
                        + " VALUES (?, 1, 'CEMS-1', 'a21026', ?, ?, ?, '分析仪维护', '运维记录', 'plant', 'plant1', ?, ?)",
                id,
                Timestamp.from(onDay(from)),
                Timestamp.from(onDay(to)),
                kind,
                Timestamp.from(local(madeAt)),
                Timestamp.from(local(dueAt)));
        return id;
    }

    private void review(long mark, String decision, String reason) {
        jdbc.update(
                "INSERT INTO data_mark_review (mark_id, version, decision, reason, reviewer, reviewed_at)"
                        + " VALUES (?, 1, ?, ?, 'bureau1', ?)",
                mark,
                decision,
                reason,
                Timestamp.from(local("2025-06-11T09:00")));
    }

    private static Instant onDay(String hhmm) {
        if (hhmm.startsWith("-")) {
            return DAY.minus(java.time.Duration.between(
                    java.time.LocalTime.MIDNIGHT, java.time.LocalTime.parse(hhmm.substring(1))));
        }
        return local("2025-06-10T" + hhmm);
    }

    private static double value(ExtractReport report, String key) {
        return report.indicators().stream()
                .filter(i -> i.key().equals(key))
                .findFirst()
                .orElseThrow()
                .value();
    }

    private static List<List<String>> sheetRows(ExtractReport report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxExtractWriter.write(report, Lang.ZH, out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = wb.getSheet("数据标记");
            DataFormatter text = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    cells.add(row.getCell(c) == null ? "" : text.formatCellValue(row.getCell(c)));
                }
                rows.add(cells);
            }
            return rows;
        }
    }

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(ReportPeriod.ZONE).toInstant();
    }
}
