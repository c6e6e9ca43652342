package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.urad.envmon.ingest.security.AuditLog;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Golden extracts for a report-shaped history: at the end of October 2025 the zone has been stable
 * for 19 months since April 2024, and in 2023 Q2 two control wells were 5.2 m and 5.16 m below their
 * control level. Expected values come from the generated readings, computed in {@link Expected}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportShapedExtractIntegrationTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T00:00:00Z"), ZoneOffset.UTC);
    private final History history = new History("超采区", 1026, 0.3, YearMonth.of(2024, 4), 5.2, 5.16, 1.0);
    private final List<History.Raw> raw = new ArrayList<>();
    private final List<History.Raw> cems = new ArrayList<>();
    private final List<History.Raw> water = new ArrayList<>();
    private MigratedDatabase database;
    private Extractor extractor;
    private MockMvc http;

    @BeforeAll
    void setUp() throws Exception {
        database = MigratedDatabase.create("extract");
        raw.addAll(history.groundwater());
        raw.addAll(history.meters());
        LocalDate q2 = LocalDate.of(2023, 4, 1);
        double control1 =
                Expected.wellMean(raw, "CW1", ReportPeriod::quarterStart, q2).getAsDouble() + 5.2;
        double control2 =
                Expected.wellMean(raw, "CW2", ReportPeriod::quarterStart, q2).getAsDouble() + 5.16;
        history.insertRegistry(database.dataSource(), control1, control2);
        History.insert(database.dataSource(), raw);
        Monitors.insertCems(database.dataSource(), cems);
        Monitors.insertWater(database.dataSource(), water);
        extractor = new Extractor(database.dataSource(), ExtractProperties.defaults(), CLOCK);
        http = MockMvcBuilders.standaloneSetup(new ExtractController(
                        extractor, new AuditLog(database.dataSource(), CLOCK), ExtractProperties.defaults()))
                .build();
    }

    @AfterAll
    void tearDown() {
        database.close();
    }

    @Test
    void stableMonthsAtTheEndOfOctober2025AreNineteenSinceApril2024() {
        ExtractReport report = extractor.extract(ReportPeriod.parse("2025-10"));
        Indicator stable = Expected.one(report, "gw_stable_months", "Z1");
        assertThat(Expected.stableRun(raw, YearMonth.of(2025, 10))).isEqualTo(19);
        assertThat(stable.value()).isEqualTo(19.0);
        assertThat(stable.note()).isEqualTo("since 2024-04");
        assertThat(stable.met()).isTrue();
        assertThat(stable.sentence()).isEqualTo("自2024年4月起，超采区地下水水位已连续19个月进入稳定区间。");
        Indicator level = Expected.one(report, "gw_quarter_mean_level", "Z1 2025-Q4");
        assertThat(level.value()).isCloseTo(Expected.quarterMean(raw, LocalDate.of(2025, 10, 1)), within(1e-9));
    }

    @Test
    void twoControlWellsBelowControlLevelIn2023Q2AndFiveQuartersOfDecline() {
        ExtractReport report = extractor.extract(ReportPeriod.parse("2023-Q2"));
        assertThat(Expected.one(report, "gw_below_control_level", "CW1").value())
                .isCloseTo(5.2, within(1e-9));
        assertThat(Expected.one(report, "gw_below_control_level", "CW2").value())
                .isCloseTo(5.16, within(1e-9));
        assertThat(Expected.one(report, "gw_below_control_level", "CW2").sentence())
                .isEqualTo("2023年第二季度，控制井CW2平均水位低于控制水位5.16米。");
        assertThat(Expected.one(report, "gw_control_wells_below", "banner").value())
                .isEqualTo(2.0);
        Indicator yoy = Expected.one(report, "gw_quarter_yoy_change", "Z1 2023-Q2");
        double expectedYoy = Expected.quarterMean(raw, LocalDate.of(2023, 4, 1))
                - Expected.quarterMean(raw, LocalDate.of(2022, 4, 1));
        assertThat(yoy.value()).isCloseTo(expectedYoy, within(1e-9));
        assertThat(yoy.met()).isFalse();
        Indicator decline = Expected.one(report, "gw_decline_quarters", "Z1");
        assertThat(decline.value()).isEqualTo((double) Expected.declineRun(raw, LocalDate.of(2023, 4, 1)));
        assertThat(decline.value()).isEqualTo(5.0);
        assertThat(decline.met()).isFalse();
    }

    @Test
    void quarterVolumesFollowLocalTimeEdgesAndMeterResets() {
        ReportPeriod q3 = ReportPeriod.parse("2025-Q3");
        ExtractReport report = extractor.extract(q3);
        Instant start = q3.startInstant();
        Instant end = q3.endInstant();
        double w1 = Expected.volume(raw, "W1", start, end);
        // the reading at 23:30 local on 30 September belongs to Q3, the one at 00:30 on 1 October does not
        assertThat(w1).isEqualTo(Expected.volume(raw, "W1", start, History.local(2025, 9, 30, 23, 0)) + 7);
        assertThat(Expected.one(report, "well_volume_period", "W1").value()).isCloseTo(w1, within(1e-6));
        assertThat(Expected.one(report, "well_volume_period", "W3").value())
                .isCloseTo(Expected.volume(raw, "W3", start, end), within(1e-6));
        Instant jan1 = History.local(2025, 1, 1, 0, 0);
        int over = 0;
        double wells = 0;
        for (String w : History.METERED_WELLS) {
            double ytd = Expected.volume(raw, w, jan1, end);
            wells += ytd;
            over += ytd > history.wellAllocation(w) ? 1 : 0;
            Indicator i = Expected.one(report, "well_volume_ytd", w);
            assertThat(i.value()).isCloseTo(ytd, within(1e-6));
            assertThat(i.met()).isEqualTo(ytd <= history.wellAllocation(w));
        }
        assertThat(Expected.one(report, "wells_over_quota", "banner").value()).isEqualTo((double) over);
        double v1 = Expected.volume(raw, "W1", jan1, end) + Expected.volume(raw, "W2", jan1, end);
        assertThat(Expected.one(report, "village_volume_ytd", "V1").value()).isCloseTo(v1, within(1e-6));
        assertThat(Expected.one(report, "village_volume_ytd", "V1").target())
                .isEqualTo("≤ "
                        + Sentences.num(
                                history.wellAllocation("CW1")
                                        + history.wellAllocation("W1")
                                        + history.wellAllocation("W2"),
                                0));
        assertThat(Expected.one(report, "zone_volume_ytd", "Z1").value()).isCloseTo(wells, within(1e-6));
        assertThat(Expected.one(report, "meters_online_rate", "banner").value()).isCloseTo(3 * 100.0 / 5, within(1e-9));
        double gates = Expected.volume(raw, "G1", jan1, end);
        assertThat(Expected.one(report, "total_metered_use_ytd", "banner").value())
                .isCloseTo(wells + gates, within(1e-6));
    }

    @Test
    void gateSharesBySectionClass() {
        ExtractReport report = extractor.extract(ReportPeriod.parse("2025-Q3"));
        Indicator state = Expected.one(report, "gate_automated_share", "state_managed");
        assertThat(state.value()).isEqualTo(50.0);
        assertThat(state.met()).isFalse(); // below the report's 62.2 %
        assertThat(Expected.one(report, "gate_automated_share", "mass_managed").value())
                .isEqualTo(100.0);
        assertThat(Expected.one(report, "gate_reporting_share", "state_managed").value())
                .isEqualTo(100.0);
        assertThat(Expected.one(report, "gate_reporting_share", "mass_managed").value())
                .isEqualTo(0.0);
    }

    @Test
    void cemsCalibrationsEmissionHoursAndComparison() {
        ExtractReport report = extractor.extract(ReportPeriod.parse("2025-07-01..2025-07-02"));
        Indicator pass = Expected.one(report, "cems_calibration_pass_rate", "C1/a21026");
        assertThat(pass.value()).isEqualTo(50.0);
        // the standard check reads 40 against 80 without full scale: 40 / 200 (the registered range) = 20 %F.S.
        // (50 % of the standard value would be the figure relative to the reference, not HJ 75's %F.S.)
        assertThat(pass.sentence()).endsWith("最大偏差20.0%，超出最大允许偏差17.5个百分点。");
        assertThat(Expected.one(report, "cems_deviation_excess", "C1/a21026").value())
                .isCloseTo(17.5, within(1e-9));
        assertThat(Expected.one(report, "cems_worst_deviation", "C1/a34013").value())
                .isCloseTo(1.0, within(1e-9));
        assertThat(Expected.one(report, "cems_calibration_pass_rate", "C1/a34013")
                        .met())
                .isTrue();
        for (String p : List.of("a21026", "a34013")) {
            int[] hours = Monitors.validAndAboveHours(cems, p, p.equals("a21026") ? 30 : 10);
            Indicator above = Expected.one(report, "cems_hours_above_limit", "C1/" + p);
            assertThat(above.value()).isEqualTo((double) hours[1]);
            assertThat(Expected.one(report, "cems_valid_hour_capture", "C1/" + p)
                            .value())
                    .isCloseTo(hours[0] * 100.0 / 48, within(1e-9));
        }
        assertThat(Expected.one(report, "cems_hours_above_limit", "C1/a21026").value())
                .isEqualTo(2.0);
        Indicator comparison = Expected.one(report, "cems_comparison_quarters", "C1");
        assertThat(comparison.value()).isEqualTo(1.0);
        assertThat(comparison.met()).isTrue();
    }

    @Test
    void waterQualityTransmissionDischargeDaysCalibrationAndSampler() {
        ExtractReport report = extractor.extract(ReportPeriod.parse("2025-07"));
        // one record expected per hour (the registered interval), whatever the number of parameters; a record is
        // valid when all its values are: 10 hours missing on 5 July, 5 invalid on 6 July → 729 of 744 < 98 %
        double expected = 31 * 24;
        java.util.Map<Instant, Boolean> records = new java.util.HashMap<>();
        water.stream()
                .filter(r -> r.device().equals("P1"))
                .forEach(r -> records.merge(r.ts(), r.valid(), Boolean::logicalAnd));
        long received = records.size();
        long valid = records.values().stream().filter(v -> v).count();
        Indicator rate = Expected.one(report, "wq_effective_transmission_rate", "P1");
        assertThat(rate.value()).isCloseTo(received / expected * ((double) valid / received) * 100, within(1e-9));
        assertThat(rate.value()).isCloseTo(100.0 * 729 / 744, within(1e-9));
        assertThat(rate.met()).isFalse();
        // COD 60 on 10 July; NH3-N 6 on 21 July at 20 °C (limit 5); on 20 July the water is 10 °C (limit 8)
        assertThat(Expected.one(report, "wq_days_above_limit", "P1").value()).isEqualTo(2.0);
        assertThat(Expected.one(report, "wq_max_calibration_gap", "P1").value())
                .isCloseTo(
                        Monitors.longestGapHours(Monitors.WATER_CALIBRATIONS, ReportPeriod.parse("2025-07")),
                        within(1e-9));
        assertThat(Expected.one(report, "wq_max_calibration_gap", "P1").met()).isFalse();
        assertThat(Expected.one(report, "wq_effective_transmission_rate", "P2").value())
                .isZero();
        assertThat(Expected.one(report, "wq_auto_sampler", "P2").met()).isFalse();
        assertThat(Expected.one(report, "wq_plants_with_sampler", "banner").value())
                .isEqualTo(1.0);
    }

    @Test
    void manualIndicatorsArePostedAndShownBesideMeasuredOnesWithFormulasNeutralised() throws Exception {
        postManual(
                "{\"key\":\"forest_coverage\",\"nameZh\":\"森林覆盖率\",\"nameEn\":\"forest coverage\",\"value\":12.6,"
                        + "\"unit\":\"%\",\"source\":\"林草局\",\"asOf\":\"2025-06-30\",\"enteredBy\":\"林草局填报\"}",
                201);
        postManual(
                "{\"key\":\"irrigation_coefficient\",\"nameZh\":\"农田灌溉水有效利用系数\",\"value\":0.5802,\"unit\":\"\","
                        + "\"source\":\"水利局\",\"asOf\":\"2025-06-30\",\"enteredBy\":\"水利局填报\"}",
                201);
        postManual(
                "{\"key\":\"formula_probe\",\"nameZh\":\"=HYPERLINK(\\\"http://x\\\")\",\"value\":1,\"unit\":\"\","
                        + "\"source\":\"test\",\"asOf\":\"2025-06-30\",\"enteredBy\":\"@someone\"}",
                201);
        postManual("{\"key\":\"grassland_cover\",\"nameZh\":\"草原植被盖度\",\"value\":20.8,\"unit\":\"%\"}", 400);

        byte[] xlsx = http.perform(get("/api/extracts").param("period", "2025-Q3"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            Row forest = find(wb.getSheet("汇总"), "forest_coverage");
            assertThat(forest.getCell(Columns.VALUE).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(forest.getCell(Columns.VALUE).getNumericCellValue()).isEqualTo(12.6);
            assertThat(forest.getCell(11).getStringCellValue()).isEqualTo("截至2025年6月30日，森林覆盖率为12.6%（来源：林草局）。");
            assertThat(find(wb.getSheet("汇总"), "formula_probe").getCell(2).getStringCellValue())
                    .isEqualTo("'=HYPERLINK(\"http://x\")");
            List<String> manual = new ArrayList<>();
            wb.getSheet("人工填报").getRow(0).forEach(c -> manual.add(c.getStringCellValue()));
            assertThat(manual).contains("森林覆盖率 (%)", "农田灌溉水有效利用系数");
        }
        byte[] csv = http.perform(
                        get("/api/extracts").param("period", "2025-Q3").param("format", "csv"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text)
                .contains("\"'=HYPERLINK(\"\"http://x\"\")\"")
                .contains("forest_coverage")
                .contains(",12.6,");
        assertThat(extractor.extract(ReportPeriod.parse("2025-Q1")).in(Area.MANUAL))
                .isEmpty(); // entered as of 30 June
    }

    @Test
    void workbookReadsBackWithNumbersAsNumbersAndUnitsInHeaders() throws Exception {
        ExtractReport report = extractor.extract(ReportPeriod.parse("2025-10"));
        ByteArrayOutputStream zh = new ByteArrayOutputStream();
        ExtractFiles.write(report, ExtractFormat.XLSX, Lang.ZH, zh);
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(zh.toByteArray()))) {
            assertThat(wb.getSheetName(0)).isEqualTo("汇总");
            assertThat(wb.getSheet("汇总").getRow(0).getCell(0).getStringCellValue())
                    .isEqualTo("报告条目");
            Row stable = find(wb.getSheet("汇总"), "gw_stable_months");
            assertThat(stable.getCell(Columns.VALUE).getNumericCellValue()).isEqualTo(19.0);
            assertThat(stable.getCell(8).getStringCellValue()).isEqualTo("达标");
            Sheet gw = wb.getSheet("地下水");
            List<String> headers = new ArrayList<>();
            gw.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).contains("水位连续稳定月数 (月)", "季度平均水位 (m)");
            Row zone = rowOf(gw, "Z1");
            assertThat(zone.getCell(headers.indexOf("水位连续稳定月数 (月)")).getNumericCellValue())
                    .isEqualTo(19.0);
        }
        byte[] en = http.perform(get("/api/extracts").param("period", "2025-10").param("lang", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(en))) {
            assertThat(wb.getSheetName(0)).isEqualTo("Summary");
            assertThat(wb.getSheet("Summary").getRow(0).getCell(9).getStringCellValue())
                    .isEqualTo("Data coverage (%)");
            assertThat(wb.getSheet("Groundwater")).isNotNull();
        }
        http.perform(get("/api/extracts").param("period", "2025-Q5")).andExpect(status().isBadRequest());
    }

    @Test
    void commandLineWritesTheFileWithoutTheServer(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("q.json");
        ExtractCommand.main(new String[] {
            "--ingest.extract.period=2025-10",
            "--ingest.extract.out=" + out,
            "--spring.datasource.url=" + database.url(),
            "--spring.datasource.username=" + TestServices.user(),
            "--spring.datasource.password=" + TestServices.password()
        });
        String json = Files.readString(out);
        assertThat(json).contains("\"key\" : \"gw_stable_months\"").contains("自2024年4月起，超采区地下水水位已连续19个月进入稳定区间。");
    }

    private void postManual(String body, int expectedStatus) throws Exception {
        http.perform(post("/api/indicators/manual")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().is(expectedStatus));
    }

    private static Row find(Sheet sheet, String key) {
        for (Row row : sheet) {
            if (row.getCell(3) != null && key.equals(row.getCell(3).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + sheet.getSheetName());
    }

    private static Row rowOf(Sheet sheet, String subject) {
        for (Row row : sheet) {
            if (subject.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + subject + " in " + sheet.getSheetName());
    }

    static void sql(javax.sql.DataSource ds, String... statements) throws Exception {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }
}
