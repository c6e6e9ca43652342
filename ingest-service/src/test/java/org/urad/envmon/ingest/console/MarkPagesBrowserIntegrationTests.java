package org.urad.envmon.ingest.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.urad.envmon.ingest.IngestApplication;
import org.urad.envmon.ingest.marks.MarkDraft;
import org.urad.envmon.ingest.marks.Marks;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the data-mark page in a real browser (headless chromium) on real PostgreSQL: a stack monitor with
 * two hours of missing data shows them "to be marked"; an operator marks them from the task, an administrator
 * of the bureau accepts the mark and its status changes; a viewer sees it with no form or button; a plant
 * user sees only its own enterprise's monitors' marks. Skipped, with a message, only where chromium or
 * chromedriver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarkPagesBrowserIntegrationTests {

    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String OWN = "MK" + UUID.randomUUID().toString().substring(0, 6);
    private static final String OTHER = "MX" + UUID.randomUUID().toString().substring(0, 6);
    private static final String PLANT = "标记测试焦化厂";
    private static final Instant GAP =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));

    private static ConfigurableApplicationContext context;
    private static Browser browser;
    private static String base;
    private static Db db;
    private static long otherMark;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext test, Throwable cause) {
            if (browser != null) {
                Path shot = browser.screenshot(
                        "FAILED-" + test.getRequiredTestMethod().getName());
                System.err.println(
                        "Screenshot of the failure: " + shot + " (page " + browser.driver.getCurrentUrl() + ")");
            }
        }
    };

    @BeforeAll
    static void startTheServiceAndABrowser() throws Exception {
        Optional<Path[]> binaries = Browser.binaries();
        assumeTrue(
                binaries.isPresent(),
                "Console browser tests skipped: no chromium and chromedriver on the PATH"
                        + " (Debian: apt-get install chromium chromium-driver)");
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + TestServices.freshDatabase("console_marks"),
                "--spring.datasource.username=" + TestServices.user(),
                "--spring.datasource.password=" + TestServices.password(),
                "--ingest.embedded.enabled=false",
                "--ingest.mqtt.url=" + TestServices.mqttUrl(),
                "--ingest.mqtt.client-id=console-marks-" + UUID.randomUUID(),
                "--ingest.mqtt.topic-prefix=mk-" + UUID.randomUUID().toString().substring(0, 8) + "/v1",
                "--server.port=0"));
        String[][] users = {
            {"viewer", "viewer", ""}, {"operator", "operator", ""}, {"admin", "admin", ""}, {"plant", "operator", PLANT}
        };
        for (int i = 0; i < users.length; i++) {
            args.add("--ingest.security.users[%d].name=%s".formatted(i, users[i][0]));
            args.add("--ingest.security.users[%d].role=%s".formatted(i, users[i][1]));
            args.add("--ingest.security.users[%d].password=%s".formatted(i, bcrypt.encode(PASSWORD)));
            if (!users[i][2].isEmpty()) {
                args.add("--ingest.security.users[%d].enterprise=%s".formatted(i, users[i][2]));
            }
        }
        context = new SpringApplication(IngestApplication.class).run(args.toArray(String[]::new));
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        db = new Db(context.getBean(DataSource.class));
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        monitor(jdbc, OWN, PLANT);
        monitor(jdbc, OTHER, "另一企业");
        // hourly readings over the last 40 days except two hours: those two are to be marked
        jdbc.update(
                "INSERT INTO cems_reading (device_id, parameter, ts, value, flag, valid, received_at)"
                        + " SELECT ?, 'a21026', h, 10, 'N', true, h FROM generate_series("
                        + " ?::timestamptz - INTERVAL '40 days', ?::timestamptz + INTERVAL '5 hours', INTERVAL '1 hour') h"
                        + " WHERE h < ? OR h >= ?::timestamptz + INTERVAL '2 hours'",
                OWN,
                Timestamp.from(GAP),
                Timestamp.from(GAP),
                Timestamp.from(GAP),
                Timestamp.from(GAP));
        // another plant's mark, made by the bureau (no one signed in here is bound to a plant)
        Map<String, Object> other = context.getBean(Marks.class)
                .create(new MarkDraft(
                        OTHER,
                        null,
                        GAP.minus(Duration.ofDays(2)),
                        GAP.minus(Duration.ofDays(1)),
                        "shutdown",
                        "另一企业停产检修",
                        null,
                        null));
        otherMark = ((Number) other.get("mark_id")).longValue();
        browser = Browser.start(binaries.get());
    }

    private static void monitor(JdbcTemplate jdbc, String id, String enterprise) {
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'cems', ?, '1 hour')", id, id);
        jdbc.update(
                "INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES (?, 'cems', ?, '焦炉烟囱')",
                id,
                enterprise);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    @Order(1)
    void operatorMarksTheMissingHoursFromTheirTask() {
        signIn("operator");
        browser.driver.get(base + "/console/marks?device=" + OWN);
        List<WebElement> tasks = browser.driver.findElements(By.cssSelector("tr.task"));
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).getText()).contains(OWN).contains("数据缺失");
        assertThat(browser.driver.findElements(By.id("marks-empty"))).hasSize(1);

        tasks.get(0).findElement(By.cssSelector(".task-mark")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("mark-form")));
        assertThat(value("mark-device")).isEqualTo(OWN);
        assertThat(value("mark-start")).isEqualTo(local(GAP));
        assertThat(value("mark-end")).isEqualTo(local(GAP.plus(Duration.ofHours(2))));
        new Select(browser.driver.findElement(By.id("mark-kind"))).selectByVisibleText("维护");
        browser.driver.findElement(By.id("mark-reason")).sendKeys("二氧化硫分析仪更换滤芯");
        browser.driver.findElement(By.id("mark-note")).sendKeys("运维记录第 12 号");
        browser.driver.findElement(By.id("mark-save")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("mark-saved")));

        assertThat(text("mark-saved")).contains("待审核");
        WebElement mark = browser.driver.findElement(By.cssSelector("tr.mark"));
        assertThat(mark.getText())
                .contains("维护")
                .contains("二氧化硫分析仪更换滤芯")
                .contains("运维记录第 12 号")
                .contains("operator")
                .doesNotContain("逾期");
        assertThat(mark.findElement(By.cssSelector(".status")).getText()).isEqualTo("待审核");
        assertThat(browser.driver.findElements(By.cssSelector("tr.task")))
                .as("the marked hours are no longer to be marked")
                .isEmpty();
        assertThat(mark.findElements(By.cssSelector(".accept")))
                .as("operators do not review")
                .isEmpty();
        assertThat(db.count(
                        "SELECT count(*) FROM audit_log WHERE actor = 'operator' AND action = 'mark.create'"
                                + " AND after->>'device_id' = ?",
                        OWN))
                .isOne();
    }

    @Test
    @Order(2)
    void administratorAcceptsTheMarkAndItsStatusChanges() {
        signIn("admin");
        browser.driver.get(base + "/console/marks?device=" + OWN);
        WebElement mark = browser.driver.findElement(By.cssSelector("tr.mark"));
        assertThat(mark.findElement(By.cssSelector(".status")).getText()).isEqualTo("待审核");
        mark.findElement(By.cssSelector(".accept")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("mark-reviewed")));

        assertThat(text("mark-reviewed")).contains("已认可");
        mark = browser.driver.findElement(By.cssSelector("tr.mark"));
        assertThat(mark.findElement(By.cssSelector(".status")).getText()).isEqualTo("已认可");
        assertThat(mark.findElement(By.cssSelector(".review-comment")).getText())
                .isEqualTo("admin");
        assertThat(mark.findElements(By.cssSelector(".accept")))
                .as("reviewed already")
                .isEmpty();
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'admin' AND action = 'mark.review'"
                        + " AND after->>'status' = 'accepted'"))
                .isOne();

        mark.findElement(By.cssSelector("a.versions")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("versions")));
        assertThat(browser.driver.findElement(By.cssSelector("tr.version")).getText())
                .contains("v1")
                .contains("已认可 · admin");
        browser.driver.get(base + "/console/marks?device=" + OWN + "&lang=en");
        assertThat(browser.driver.findElement(By.cssSelector("tr.mark .status")).getText())
                .isEqualTo("accepted");
        assertThat(browser.driver.findElement(By.cssSelector("tr.mark .kind")).getText())
                .isEqualTo("maintenance");
        browser.driver.get(base + "/console/marks?lang=zh");
    }

    @Test
    @Order(3)
    void viewerSeesTheMarksButNoFormOrButton() {
        signIn("viewer");
        browser.driver.get(base + "/console/marks");
        assertThat(browser.driver.findElements(By.cssSelector("tr.mark"))).hasSize(2);
        assertThat(browser.driver.findElement(By.id("mark-" + otherMark)).getText())
                .contains("停运");
        assertThat(browser.driver.findElements(By.id("mark-form"))).isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".accept, .reject, #mark-save")))
                .isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".correct, .task-mark")))
                .isEmpty();
        assertThat(text("no-mark-form")).contains("操作员");
        assertThat(text("nav-marks")).isEqualTo("数据标记");
    }

    @Test
    @Order(4)
    void plantUserSeesAndMarksOnlyItsOwnMonitors() {
        signIn("plant");
        browser.driver.get(base + "/console/marks");
        List<WebElement> marks = browser.driver.findElements(By.cssSelector("tr.mark"));
        assertThat(marks).hasSize(1);
        assertThat(marks.get(0).getText()).contains(OWN).doesNotContain(OTHER);
        assertThat(text("plant-scope")).contains(PLANT);
        assertThat(browser.driver.findElements(By.cssSelector(".accept, .reject")))
                .as("plant users do not review")
                .isEmpty();

        browser.driver.get(base + "/console/marks/" + otherMark);
        assertThat(browser.driver.getPageSource())
                .contains("no mark " + otherMark)
                .doesNotContain("另一企业停产检修");

        browser.driver.get(base + "/console/marks");
        browser.driver.findElement(By.id("mark-device")).sendKeys(OTHER);
        setValue("mark-start", "2026-01-01T08:00");
        setValue("mark-end", "2026-01-01T10:00");
        new Select(browser.driver.findElement(By.id("mark-kind"))).selectByVisibleText("停运");
        browser.driver.findElement(By.id("mark-reason")).sendKeys("冒充另一企业");
        browser.driver.findElement(By.id("mark-save")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("mark-problem")));
        assertThat(text("mark-problem")).isEqualTo("no monitor " + OTHER);
        assertThat(db.count("SELECT count(*) FROM data_mark WHERE device_id = ?", OTHER))
                .isOne();
    }

    private void signIn(String user) {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(base + "/login?lang=zh");
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("sign-in")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    private static String local(Instant t) {
        return java.time.LocalDateTime.ofInstant(t, org.urad.envmon.ingest.extract.ReportPeriod.ZONE)
                .toString();
    }

    private void setValue(String id, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver)
                .executeScript("arguments[0].value = arguments[1]", browser.driver.findElement(By.id(id)), value);
    }

    private String value(String id) {
        return browser.driver.findElement(By.id(id)).getDomAttribute("value");
    }

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(condition);
    }
}
