package org.urad.envmon.ingest.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.urad.envmon.ingest.IngestApplication;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the console in a real browser (headless chromium) against the demo (simulator, scripted
 * calibration breach) on real PostgreSQL: each role signs in; a viewer sees the calibration-drift alert but
 * no operator buttons; an operator finds that alert, reads why and acknowledges it; an administrator imports
 * a corrected wells file in GB18030 with one bad row, sees that row refused with its reason and applies the
 * rest; the quarter's XLSX extract downloads and opens. A failing test leaves a screenshot under
 * {@code target/console-screenshots/}. Skipped, with a message, only where chromium or chromedriver is not
 * installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String DRIFT = "CEMS_CALIBRATION_DRIFT";

    private static ConfigurableApplicationContext context;
    private static Browser browser;
    private static String base;
    private static Db db;
    private static Path dataDir;

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
    static void startTheDemoAndABrowser() throws Exception {
        Optional<Path[]> binaries = Browser.binaries();
        assumeTrue(
                binaries.isPresent(),
                "Console browser tests skipped: no chromium and chromedriver on the PATH"
                        + " (Debian: apt-get install chromium chromium-driver)");
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        dataDir = Files.createTempDirectory("console-demo");
        String url = TestServices.freshDatabase("console");
        SpringApplication app = new SpringApplication(IngestApplication.class);
        app.setAdditionalProfiles("demo");
        List<String> args = new java.util.ArrayList<>(List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestServices.user(),
                "--spring.datasource.password=" + TestServices.password(),
                "--ingest.embedded.data-dir=" + dataDir,
                "--ingest.embedded.mqtt.port=0",
                "--ingest.hj212.port=0",
                "--server.port=0"));
        String[] roles = {"viewer", "operator", "admin"};
        for (int i = 0; i < roles.length; i++) {
            args.add("--ingest.security.users[%d].name=%s".formatted(i, roles[i]));
            args.add("--ingest.security.users[%d].role=%s".formatted(i, roles[i]));
            args.add("--ingest.security.users[%d].password=%s".formatted(i, bcrypt.encode(PASSWORD)));
        }
        context = app.run(args.toArray(String[]::new));
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        db = new Db(context.getBean(DataSource.class));
        assertThat(db.awaitCount(WAIT, n -> n > 0, "SELECT count(*) FROM alert WHERE rule_id = ?", DRIFT))
                .as("the scripted calibration breach raises its alert")
                .isPositive();
        browser = Browser.start(binaries.get());
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
    void everyRoleSignsInAndAWrongPasswordDoesNot() {
        for (String role : List.of("viewer", "operator", "admin")) {
            signIn(role);
            assertThat(text("who")).startsWith(role + " · ");
            shot("signed-in-" + role);
        }
        signOut();
        browser.driver.get(base + "/login");
        browser.driver.findElement(By.id("username")).sendKeys("operator");
        browser.driver.findElement(By.id("password")).sendKeys("wrong");
        browser.driver.findElement(By.id("sign-in")).click();
        // the form posts and the browser follows the redirect: wait for it rather than read the URL at once
        wait(ExpectedConditions.urlContains("/login?error"));
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login?error");
        browser.driver.get(base + "/console/alerts");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/login");
        shot("login");
    }

    @Test
    @Order(2)
    void viewerSeesTheAlertButNoOperatorOrAdminButtons() {
        signIn("viewer");
        openDriftAlert();
        assertThat(text("alert-state")).isEqualTo("未处理");
        assertThat(browser.driver.findElements(By.id("ack"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("resolve"))).isEmpty();
        assertThat(text("no-actions")).contains("操作员");
        browser.driver.get(base + "/console/registry");
        assertThat(browser.driver.findElements(By.id("import-form"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("export-monitors"))).isEmpty();
        browser.driver.get(base + "/console/indicators");
        assertThat(browser.driver.findElements(By.id("indicator-form"))).isEmpty();
    }

    @Test
    @Order(3)
    void operatorFindsTheCalibrationDriftAlertReadsWhyAndAcknowledgesIt() {
        signIn("operator");
        long id = openDriftAlert();
        assertThat(text("why")).contains("校准偏差").contains("超出允许偏差");
        assertThat(text("evidence")).contains("deviation_pct").contains("measured");
        shot("alert-open");
        browser.driver.findElement(By.id("ack-comment")).sendKeys("已通知运维人员现场校准");
        browser.driver.findElement(By.id("ack")).click();
        wait(ExpectedConditions.textToBe(By.id("alert-state"), "已确认"));
        assertThat(text("notice")).isEqualTo("告警已确认。");
        assertThat(text("ack-by")).contains("operator").contains("已通知运维人员现场校准");
        assertThat(db.strings("SELECT state || '/' || acknowledged_by FROM alert WHERE id = ?", id))
                .containsExactly("acknowledged/operator");
        assertThat(db.count(
                        "SELECT count(*) FROM audit_log WHERE action = 'alert.acknowledge' AND target = ?"
                                + " AND actor = 'operator'",
                        "alert/" + id))
                .isOne();
        shot("alert-acknowledged");
        browser.driver.get(base + "/console/alerts/" + id + "?lang=en");
        assertThat(text("alert-state")).isEqualTo("acknowledged");
        shot("alert-acknowledged-en");
        browser.driver.get(base + "/console/alerts?lang=zh");
    }

    @Test
    @Order(4)
    void adminImportsACorrectedWellsFileAndTheBadRowIsRefused() throws Exception {
        signIn("admin");
        browser.driver.get(base + "/console/registry");
        shot("registry");
        new Select(browser.driver.findElement(By.id("import-table"))).selectByValue("wells");
        Path file = Path.of("src/test/resources/console/wells-corrected-gb18030.csv")
                .toAbsolutePath();
        browser.driver.findElement(By.id("import-file")).sendKeys(file.toString());
        browser.driver.findElement(By.id("import-preview")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("refused")));
        shot("registry-preview");
        assertThat(text("count-added")).isEqualTo("新增 1 行");
        assertThat(text("count-changed")).isEqualTo("修改 1 行");
        assertThat(text("count-refused")).isEqualTo("拒绝 1 行");
        assertThat(text("refused")).contains("W9002").contains("unknown village 'V999'");
        assertThat(text("changed")).contains("W0002").contains("示例嘎查村01-2号机电井（已更正）");
        assertThat(db.count("SELECT count(*) FROM device WHERE id IN ('W9001', 'W9002')"))
                .as("nothing is written before apply")
                .isZero();
        browser.driver.findElement(By.id("import-apply")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("import-again")));
        shot("registry-applied");
        assertThat(db.strings("SELECT id || ' ' || name || ' ' || lon FROM device WHERE id IN ('W0002', 'W9001',"
                        + " 'W9002') ORDER BY id"))
                .containsExactly("W0002 示例嘎查村01-2号机电井（已更正） 108.646", "W9001 示例嘎查村01-新增机电井 108.65");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'registry.import' AND actor = 'admin'"))
                .isOne();
        browser.driver.get(base + "/console/devices");
        assertThat(text("devices")).contains("示例嘎查村01-新增机电井");
        shot("devices");
    }

    @Test
    @Order(5)
    void theQuartersXlsxExtractDownloadsAndOpens() throws Exception {
        signIn("viewer");
        browser.driver.get(base + "/console/extracts");
        shot("extracts");
        LocalDate today = LocalDate.now(ReportPeriod.ZONE);
        String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
        new Select(browser.driver.findElement(By.id("x-kind"))).selectByValue("quarter");
        new Select(browser.driver.findElement(By.id("x-format"))).selectByValue("xlsx");
        browser.driver.findElement(By.id("x-download")).click();
        Path xlsx = browser.awaitDownload("indicators-" + quarter + ".xlsx", Duration.ofSeconds(60));
        try (InputStream in = Files.newInputStream(xlsx);
                Workbook book = new XSSFWorkbook(in)) {
            Sheet summary = book.getSheet("汇总");
            assertThat(summary).as("the Chinese summary sheet").isNotNull();
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isNotBlank();
            assertThat(summary.getLastRowNum()).as("indicator rows").isGreaterThan(5);
        }
    }

    @Test
    @Order(6)
    void everyPageRendersInBothLanguages() {
        signIn("operator");
        for (String page : List.of("alerts", "devices", "quarantine", "registry", "indicators", "extracts")) {
            browser.driver.get(base + "/console/" + page + "?lang=en");
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isNotBlank();
            shot(page + "-en");
            browser.driver.get(base + "/console/" + page + "?lang=zh");
            assertThat(browser.driver.findElement(By.id("lang")).getText()).isEqualTo("English");
            shot(page + "-zh");
        }
    }

    private long openDriftAlert() {
        browser.driver.get(base + "/console/alerts");
        new Select(browser.driver.findElement(By.id("f-rule"))).selectByValue(DRIFT);
        browser.driver.findElement(By.id("f-apply")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-rule='" + DRIFT + "']")));
        shot("alerts-filtered");
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#alerts tbody tr"));
        assertThat(rows).allSatisfy(r -> assertThat(r.getAttribute("data-rule")).isEqualTo(DRIFT));
        WebElement link = rows.get(0).findElement(By.cssSelector("a.rule-link"));
        assertThat(link.getText()).isEqualTo("CEMS校准偏差超标");
        link.click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("why")));
        String url = browser.driver.getCurrentUrl();
        return Long.parseLong(url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", ""));
    }

    private void signIn(String user) {
        signOut();
        browser.driver.get(base + "/login?lang=zh");
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("sign-in")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    private void signOut() {
        browser.driver.manage().deleteAllCookies();
    }

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(condition);
    }

    private void shot(String name) {
        if (Boolean.getBoolean("console.screenshots")) {
            browser.screenshot(name);
        }
    }
}
