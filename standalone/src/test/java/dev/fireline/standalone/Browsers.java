package dev.fireline.standalone;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: the system's browser and ChromeDriver (Debian's {@code
 * chromium} and {@code chromium-driver}), never one that a tool downloads. Both paths are given to
 * Selenium, so Selenium Manager is never asked to fetch anything.
 *
 * <p>{@code FIRELINE_BROWSER_TESTS=required} ({@code .ci/run} sets it) fails a browser test where
 * either is missing; otherwise it is skipped and says what to install. {@code FIRELINE_CHROMIUM}
 * and {@code FIRELINE_CHROMEDRIVER} point elsewhere.
 */
final class Browsers {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Browsers() {}

  /** A new headless Chromium of the given window size; the caller quits it. */
  static ChromeDriver headlessChromium(int width, int height) {
    return start(width, height, null);
  }

  /**
   * A new headless Chromium as a phone: a viewport of {@code width} × {@code height} CSS pixels at
   * two device pixels each, with touch; the caller quits it.
   */
  static ChromeDriver headlessPhone(int width, int height) {
    return start(
        width,
        height,
        java.util.Map.of(
            "deviceMetrics",
            java.util.Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true)));
  }

  private static ChromeDriver start(
      int width, int height, java.util.Map<String, Object> mobileEmulation) {
    Optional<File> browser = executable("FIRELINE_CHROMIUM", "/usr/bin/chromium");
    Optional<File> driver = executable("FIRELINE_CHROMEDRIVER", "/usr/bin/chromedriver");
    String missing = browser.isEmpty() ? "chromium" : driver.isEmpty() ? "chromium-driver" : null;
    if (missing != null) {
      String message = "no " + missing + " (apt-get install chromium chromium-driver)";
      if ("required"
          .equals(
              Optional.ofNullable(System.getenv("FIRELINE_BROWSER_TESTS"))
                  .orElse("")
                  .toLowerCase(Locale.ROOT))) {
        throw new IllegalStateException("FIRELINE_BROWSER_TESTS=required, but " + message);
      }
      assumeTrue(false, message);
    }
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(browser.get())
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
            .addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
    if (mobileEmulation != null) {
      options.setExperimentalOption("mobileEmulation", mobileEmulation);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(driver.get())
            .usingAnyFreePort()
            .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().window().setSize(new Dimension(width, height));
    return chrome;
  }

  /** Saves what the browser shows to target/screenshots/{name}.png and returns the file. */
  static Path screenshot(ChromeDriver browser, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<File> executable(String variable, String fallback) {
    return Optional.of(new File(Optional.ofNullable(System.getenv(variable)).orElse(fallback)))
        .filter(File::canExecute);
  }
}
