package org.urad.envmon.ingest.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven headless through its chromedriver, found on the PATH (never downloaded), with
 * downloads going to a directory of the test's own and screenshots kept under {@code target/}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    final WebDriver driver;
    final Path downloads;

    private Browser(WebDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /** The chromium and chromedriver binaries, or empty where they are not installed. */
    static Optional<Path[]> binaries() {
        Optional<Path> driver = onPath("chromedriver");
        Optional<Path> browser =
                onPath("chromium").or(() -> onPath("chromium-browser")).or(() -> onPath("google-chrome"));
        return driver.isPresent() && browser.isPresent()
                ? Optional.of(new Path[] {browser.get(), driver.get()})
                : Optional.empty();
    }

    static Browser start(Path[] binaries) throws IOException {
        Path downloads = Files.createTempDirectory("console-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binaries[0].toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1000",
                "--lang=zh-CN");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(binaries[1].toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return new Browser(driver, downloads);
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(png.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException | RuntimeException e) {
            System.err.println("No screenshot " + name + ": " + e);
            return null;
        }
    }

    /** Waits for a file to finish downloading (Chrome writes {@code .crdownload} until then). */
    Path awaitDownload(String name, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path file = downloads.resolve(name);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.size(file) > 0) {
                return file;
            }
            Thread.sleep(100);
        }
        try (var listing = Files.list(downloads)) {
            List<String> present = listing.map(p -> p.getFileName().toString()).toList();
            throw new AssertionError("no download " + name + " within " + timeout + "; present: " + present);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
