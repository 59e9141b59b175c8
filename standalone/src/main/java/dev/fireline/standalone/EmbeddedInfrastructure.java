package dev.fireline.standalone;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * An in-process Temporal service (the SDK's test server, in real time) bound to loopback, and an
 * embedded PostgreSQL (real binaries). Both keep their state in memory or a temp directory only.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final TestServicesStarter temporal;
  private final Server temporalServer;
  private final String temporalTarget;

  private EmbeddedInfrastructure(EmbeddedPostgres postgres, TestServicesStarter temporal,
      Server temporalServer, String temporalTarget) {
    this.postgres = postgres;
    this.temporal = temporal;
    this.temporalServer = temporalServer;
    this.temporalTarget = temporalTarget;
  }

  /** Embedded PostgreSQL only, for a Temporal service that runs elsewhere. */
  public static EmbeddedInfrastructure startWithExternalTemporal(String temporalTarget) {
    return new EmbeddedInfrastructure(startPostgres(), null, null, temporalTarget);
  }

  /** {@code temporalPort} 0 picks a free port. */
  public static EmbeddedInfrastructure start(int temporalPort) {
    EmbeddedPostgres postgres = startPostgres();
    // true: time skipping locked, so timers run in real time as they would on a Temporal server
    TestServicesStarter temporal = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", temporalPort));
    GRPCServerHelper.registerServicesAndHealthChecks(temporal.getServices(), builder);
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      temporal.close();
      try {
        postgres.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw new UncheckedIOException("the in-process Temporal service could not listen on "
          + "127.0.0.1:" + temporalPort + " (is another Temporal running? set "
          + "FIRELINE_TEMPORAL_PORT)", e);
    }
    return new EmbeddedInfrastructure(postgres, temporal, server, "127.0.0.1:" + server.getPort());
  }

  private static EmbeddedPostgres startPostgres() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  /** Whether the Temporal service runs inside this process. */
  public boolean inProcessTemporal() {
    return temporalServer != null;
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public String temporalTarget() {
    return temporalTarget;
  }

  @Override
  public void close() {
    if (temporalServer != null) {
      temporalServer.shutdownNow();
      temporal.close();
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
