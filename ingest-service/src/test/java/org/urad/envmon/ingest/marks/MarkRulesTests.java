package org.urad.envmon.ingest.marks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.rules.WindowGroup;

/** Verifies the pure parts of data marks: drafts, deadlines, the windows a mark re-judges, the task list. */
class MarkRulesTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final MarksProperties SETTINGS = new MarksProperties(Duration.ofHours(12), Duration.ofDays(31));

    @Test
    void draftIsRefusedForAnUnknownKindAKindOfAnotherIndustryOrNoReason() {
        assertThat(draft("maintenance", "维护").problem(Family.CEMS)).isNull();
        assertThat(draft("coke_oven_heating_up", "烘炉").problem(Family.CEMS)).isNull();
        assertThat(draft("coke_oven_heating_up", "烘炉").problem(Family.WATER_QUALITY))
                .contains("does not apply");
        assertThat(draft("inflow_abnormal", "进水异常").problem(Family.CEMS)).contains("does not apply");
        assertThat(draft("holiday", "x").problem(Family.CEMS)).contains("unknown kind");
        assertThat(draft("fault", " ").problem(Family.CEMS)).contains("reason");
        MarkDraft backwards = new MarkDraft("D", null, t("08:00"), t("07:00"), "fault", "x", null, null);
        assertThat(backwards.problem(Family.CEMS)).contains("after");
    }

    @Test
    void markIsDueTwelveHoursAfterItsPeriodStarts() {
        assertThat(SETTINGS.due(t("07:00"))).isEqualTo(t("19:00"));
    }

    @Test
    void markRejudgesTheClosedCemsHoursAndWaterDaysAndMonthsItTouches() {
        var cems = Rejudge.windows(Family.CEMS, t("06:30"), t("09:00"), t("08:15"), SHANGHAI);
        assertThat(cems)
                .extracting(Rejudge.Window::start)
                .containsExactly(t("06:00"), t("07:00")); // 08:00 is still open
        var water = Rejudge.windows(
                Family.WATER_QUALITY, t("06:30"), t("09:00"), t("08:15").plus(Duration.ofDays(40)), SHANGHAI);
        assertThat(water).extracting(Rejudge.Window::group).containsExactly(WindowGroup.WQ_DAY, WindowGroup.WQ_MONTH);
    }

    @Test
    void consecutiveAbnormalHoursMergeIntoOneTaskPerPeriodAndDevice() {
        List<MarkTasks.Hour> hours = List.of(
                new MarkTasks.Hour("A", t("01:00"), "M"),
                new MarkTasks.Hour("A", t("02:00"), "M"),
                new MarkTasks.Hour("A", t("02:00"), "missing"),
                new MarkTasks.Hour("A", t("05:00"), "D"),
                new MarkTasks.Hour("B", t("05:00"), "missing"));
        List<MarkTasks.Task> tasks = MarkTasks.merge(hours, SETTINGS, t("14:00"));
        assertThat(tasks)
                .extracting(MarkTasks.Task::deviceId, MarkTasks.Task::start, MarkTasks.Task::end)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", t("01:00"), t("03:00")),
                        org.assertj.core.groups.Tuple.tuple("A", t("05:00"), t("06:00")),
                        org.assertj.core.groups.Tuple.tuple("B", t("05:00"), t("06:00")));
        assertThat(tasks.get(0).why()).containsExactly("M", "missing");
        assertThat(tasks).extracting(MarkTasks.Task::overdue).containsExactly(true, false, false);
    }

    private static MarkDraft draft(String kind, String reason) {
        return new MarkDraft("D", null, t("07:00"), t("08:00"), kind, reason, null, null);
    }

    private static Instant t(String hhmm) {
        return LocalDateTime.parse("2025-11-03T" + hhmm).atZone(SHANGHAI).toInstant();
    }
}
