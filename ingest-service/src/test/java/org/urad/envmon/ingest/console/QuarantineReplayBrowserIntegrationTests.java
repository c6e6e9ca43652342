package org.urad.envmon.ingest.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.urad.envmon.ingest.IngestApplication;
import org.urad.envmon.ingest.registry.RegistryService;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the quarantine page's replay in a real browser (headless chromium) on real PostgreSQL and a real
 * broker: a reading from a well not yet registered is quarantined; a viewer sees it with no replay button; once
 * the well is registered an administrator replays the page's selection, reads the outcome, and the row moves
 * from the open list to the replayed one with the reading it became. Skipped, with a message, only where
 * chromium or chromedriver is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineReplayBrowserIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String PREFIX = "qr-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
    private static final String WELL = "WL" + UUID.randomUUID().toString().substring(0, 6);

    private static ConfigurableApplicationContext context;
    private static Browser browser;
    private static String base;
    private static Db db;

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
        List<String> args = new java.util.ArrayList<>(List.of(
                "--spring.datasource.url=" + TestServices.freshDatabase("console_replay"),
                "--spring.datasource.username=" + TestServices.user(),
                "--spring.datasource.password=" + TestServices.password(),
                "--ingest.embedded.enabled=false",
                "--ingest.mqtt.url=" + TestServices.mqttUrl(),
                "--ingest.mqtt.client-id=console-replay-" + UUID.randomUUID(),
                "--ingest.mqtt.topic-prefix=" + PREFIX,
                "--server.port=0"));
        String[] roles = {"viewer", "admin"};
        for (int i = 0; i < roles.length; i++) {
            args.add("--ingest.security.users[%d].name=%s".formatted(i, roles[i]));
            args.add("--ingest.security.users[%d].role=%s".formatted(i, roles[i]));
            args.add("--ingest.security.users[%d].password=%s".formatted(i, bcrypt.encode(PASSWORD)));
        }
        context = new SpringApplication(IngestApplication.class).run(args.toArray(String[]::new));
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
        db = new Db(context.getBean(DataSource.class));
        try (TestPublisher publisher = new TestPublisher(TestServices.mqttUrl())) {
            publisher.publish(
                    PREFIX + "/well/" + WELL + "/json",
                    "{\"readings\":[{\"param\":\"flow\",\"value\":4.5,\"time\":\""
                            + Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS) + "\"}]}");
        }
        assertThat(db.awaitCount(WAIT, n -> n == 1, "SELECT count(*) FROM quarantine WHERE device_id = ?", WELL))
                .as("the unregistered well's reading is quarantined")
                .isOne();
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
    void viewerSeesTheQuarantinedMessageButNoReplayButton() {
        signIn("viewer");
        browser.driver.get(base + "/console/quarantine?device=" + WELL);
        assertThat(browser.driver.findElements(By.cssSelector(".quarantined"))).hasSize(1);
        assertThat(browser.driver.findElement(By.cssSelector(".quarantined")).getText())
                .contains("unknown_device");
        assertThat(browser.driver.findElements(By.id("replay-form"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("replay"))).isEmpty();
        assertThat(text("no-replay")).contains("管理员");
    }

    @Test
    @Order(2)
    void adminReplaysTheSelectionOnceTheWellIsRegistered() {
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'well', ?, '1 hour')",
                WELL,
                WELL);
        jdbc.update(
                "INSERT INTO well (device_id, village_id, zone_id, annual_allocation_m3, meter_type)"
                        + " SELECT ?, village_id, zone_id, 10000, 'electromagnetic' FROM well LIMIT 1",
                WELL);
        context.getBean(RegistryService.class).refresh();

        signIn("admin");
        browser.driver.get(base + "/console/quarantine?device=" + WELL);
        assertThat(text("replay-form")).contains("重放");
        browser.driver.findElement(By.id("replay")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("replay-counts")));
        assertThat(text("replay-counts")).isEqualTo("重放 1 条：入库 1，已存在 0，因其他原因再次隔离 0，原因未变仍隔离 0。");
        assertThat(text("replay-result")).contains("已入库");
        assertThat(browser.driver.findElements(By.id("quarantine-empty")))
                .as("the replayed row has left the open list")
                .hasSize(1);
        assertThat(db.strings("SELECT value::text FROM well_reading WHERE device_id = ?", WELL))
                .containsExactly("4.5");
        assertThat(db.count(
                        "SELECT count(*) FROM audit_log WHERE actor = 'admin' AND action = 'quarantine.replay'"
                                + " AND before->>'device_id' = ?",
                        WELL))
                .isOne();

        browser.driver.get(base + "/console/quarantine?state=replayed&device=" + WELL);
        assertThat(browser.driver.findElement(By.cssSelector(".replay-outcome")).getText())
                .contains("已入库")
                .contains("admin");
        assertThat(browser.driver.findElement(By.cssSelector(".replay-pointer")).getText())
                .contains(WELL + " 的 1 条数据");
        browser.driver.get(base + "/console/quarantine?state=replayed&device=" + WELL + "&lang=en");
        assertThat(browser.driver.findElement(By.cssSelector(".replay-outcome")).getText())
                .startsWith("stored");
        browser.driver.get(base + "/console/quarantine?lang=zh");
    }

    private void signIn(String user) {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(base + "/login?lang=zh");
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("sign-in")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private void wait(org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(condition);
    }
}
