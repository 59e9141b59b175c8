package dev.fireline.standalone;

import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The embedded run: api + worker + an in-process Temporal service + embedded PostgreSQL in one JVM.
 * Nothing survives a restart; the start-up banner says so.
 */
public final class FirelineStandalone {
  private FirelineStandalone() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    String externalTemporal = System.getenv("TEMPORAL_ADDRESS");
    EmbeddedInfrastructure infrastructure = externalTemporal == null || externalTemporal.isBlank()
        ? EmbeddedInfrastructure.start(
            Integer.parseInt(System.getenv().getOrDefault("FIRELINE_TEMPORAL_PORT", "7233")))
        : EmbeddedInfrastructure.startWithExternalTemporal(externalTemporal.trim());
    Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "embedded-shutdown"));
    try {
      new SpringApplicationBuilder(StandaloneApplication.class)
          .properties(properties(infrastructure, started))
          .run(args);
    } catch (RuntimeException startupFailed) {
      // Spring has reported why; the in-process Temporal and PostgreSQL would keep the JVM alive.
      System.exit(1);
    }
  }

  static Map<String, Object> properties(EmbeddedInfrastructure infrastructure, long startedNanos) {
    return Map.of(
        "spring.datasource.url", infrastructure.jdbcUrl(),
        "spring.datasource.username", "postgres",
        "spring.datasource.password", "postgres",
        "spring.temporal.connection.target", infrastructure.temporalTarget(),
        "fireline.banner.extra", "Temporal:     " + infrastructure.temporalTarget()
            + (infrastructure.inProcessTemporal()
                ? " (in-process; the temporal CLI connects here, but cannot list workflows)"
                : " (external Temporal service)") + "\\n"
            + "State:        IN MEMORY ONLY: incidents, people and keys are gone when this process "
            + "stops. Use docker compose for a durable stack.\\n"
            + "Channels:     without TWILIO_* / SMTP_* settings, pages go to the delivery log"
            + " (GET /api/notifications) and this log\\n"
            + "Started in " + (System.nanoTime() - startedNanos) / 1_000_000 + " ms (infrastructure)");
  }
}
