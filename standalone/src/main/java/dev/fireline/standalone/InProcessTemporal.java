package dev.fireline.standalone;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/**
 * The Java SDK's in-process test service, in real time, on loopback: the fallback where no Temporal
 * CLI is installed. It keeps every history in memory, has no UI and no visibility (listing reads
 * PostgreSQL anyway), and never moves a task off a dead worker's sticky queue.
 */
final class InProcessTemporal {
  private InProcessTemporal() {}

  /** {@code port} 0 picks a free port. */
  static TemporalService start(int port) {
    // true: time skipping locked, so timers run in real time as they would on a Temporal server
    TestServicesStarter temporal = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
    GRPCServerHelper.registerServicesAndHealthChecks(temporal.getServices(), builder);
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException e) {
      temporal.close();
      throw new UncheckedIOException(
          "the in-process Temporal service could not listen on "
              + "127.0.0.1:"
              + port
              + " (is another Temporal running? set FIRELINE_TEMPORAL_PORT)",
          e);
    }
    return new TemporalService(
        "127.0.0.1:" + server.getPort(),
        "default",
        null,
        "in-process test service: no Temporal UI, histories in memory",
        () -> {
          server.shutdownNow();
          temporal.close();
        });
  }
}
