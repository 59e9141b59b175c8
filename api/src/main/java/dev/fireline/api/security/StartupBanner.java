package dev.fireline.api.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells the person who started Fireline where it is and how to call it. */
@Component
class StartupBanner {
  private final BootstrapApiKey bootstrapKey;
  private final FirstAdmin firstAdmin;
  private final String extraLines;

  StartupBanner(
      BootstrapApiKey bootstrapKey,
      FirstAdmin firstAdmin,
      @Value("${fireline.banner.extra:}") String extraLines) {
    this.bootstrapKey = bootstrapKey;
    this.firstAdmin = firstAdmin;
    this.extraLines = extraLines;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    int port =
        event.getApplicationContext() instanceof WebServerApplicationContext web
            ? web.getWebServer().getPort()
            : 8080;
    StringBuilder banner =
        new StringBuilder("\n=== Fireline is running ===\n")
            .append("Console:      http://127.0.0.1:")
            .append(port)
            .append("/console\n")
            .append("API:          http://127.0.0.1:")
            .append(port)
            .append("/api\n")
            .append("OpenAPI:      http://127.0.0.1:")
            .append(port)
            .append("/v3/api-docs\n");
    bootstrapKey
        .generated()
        .ifPresentOrElse(
            key ->
                banner
                    .append("API key:      ")
                    .append(key)
                    .append("   (generated; shown only now. Set FIRELINE_API_KEY to choose one)\n"),
            () -> banner.append("API key:      the one in FIRELINE_API_KEY\n"));
    firstAdmin
        .generated()
        .ifPresent(
            password ->
                banner
                    .append("Sign in:      ")
                    .append(firstAdmin.personId())
                    .append(" / ")
                    .append(password)
                    .append(
                        "   (admin; generated, shown only now: change it with PUT /api/me/password)\n"));
    if (!extraLines.isBlank()) {
      banner.append(extraLines.replace("\\n", "\n")).append('\n');
    }
    // Printed, not logged: a generated key must not end up in log files.
    System.out.println(banner);
  }
}
