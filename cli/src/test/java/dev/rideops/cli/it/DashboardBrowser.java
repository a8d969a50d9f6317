package dev.rideops.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rideops.clients.http.BasicAuth;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven through its chromedriver ({@code .ci/run} installs both): what a person sees
 * of the dashboard. Without them a CI build fails and a local one skips, as with promtool.
 */
final class DashboardBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final String base;

    private DashboardBrowser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /**
     * @param login sent with every request of the tab (pages, scripts, the API's fetches) as a header set through the
     *     DevTools protocol, {@code Network.setExtraHTTPHeaders}, so the dashboard's basic auth never prompts. Not
     *     {@code http://user:pass@host/}: a page loaded from such a URL cannot {@code fetch} a relative URL (Chrome
     *     refuses a request whose URL holds credentials), and the password would show in the URL.
     */
    static DashboardBrowser open(int port, BasicAuth login) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("chromium and chromium-driver are not installed: apt-get install chromium "
                    + "chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand(
                "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", login.header())));
        return new DashboardBrowser(driver, "http://127.0.0.1:" + port);
    }

    /** Opens a page and waits for its first refresh to finish (the "updated" time shows). */
    void load(String path) {
        driver.get(base + path);
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> !d.findElement(By.id("updated")).getText().isBlank());
    }

    /** The browser console's errors since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    String attribute(String css, String name) {
        return driver.findElement(By.cssSelector(css)).getAttribute(name);
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** Where a chart's legend ends and its plot starts, in pixels from the chart's top. */
    record LegendAndPlot(String panel, double legendBottom, double plotTop) {}

    /**
     * The legend and the plot of every chart on the page that has both, as ECharts laid them out: the legend's
     * drawn box (its group's bounding rectangle, placed) and the grid's plot rectangle.
     */
    List<LegendAndPlot> legendsAndPlots() {
        String script = "return [...document.querySelectorAll('.chart')].map((n) => {"
                + " const c = echarts.getInstanceByDom(n);"
                + " const legend = c && c.getModel().getComponent('legend');"
                + " const grid = c && c.getModel().getComponent('grid');"
                + " if (!legend || !grid) return null;"
                + " const group = c.getViewOfComponentModel(legend).group;"
                + " const box = group.getBoundingRect().clone();"
                + " box.applyTransform(group.getLocalTransform());"
                + " return [n.closest('[data-panel]').dataset.panel, box.y + box.height,"
                + " grid.coordinateSystem.getRect().y];"
                + " }).filter(Boolean);";
        List<?> charts = (List<?>) ((JavascriptExecutor) driver).executeScript(script);
        return charts.stream()
                .map(c -> (List<?>) c)
                .map(c -> new LegendAndPlot(
                        (String) c.get(0), ((Number) c.get(1)).doubleValue(), ((Number) c.get(2)).doubleValue()))
                .toList();
    }

    WebDriverWait waitUpTo(Duration timeout) {
        return new WebDriverWait(driver, timeout);
    }

    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        driver.quit();
    }

    static void assertNoErrors(String page, List<String> errors) {
        assertThat(errors).as("console errors on " + page).isEmpty();
    }
}
