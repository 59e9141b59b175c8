package dev.fireline.api.temporal;

import dev.fireline.temporal.CallDeadline;
import io.grpc.Context;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the Temporal calls of every request: without it an acknowledgement or a declaration hung
 * for the SDK's minute of retries while Temporal was away. At the deadline the call fails and the
 * request is answered 503 (see {@code ProblemHandler}).
 */
@Component
@Order(2)
public class TemporalCallDeadline extends OncePerRequestFilter {
  private final Duration deadline;

  public TemporalCallDeadline(
      @Value("${fireline.temporal.request-deadline:5s}") Duration deadline) {
    this.deadline = deadline;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Context.CancellableContext bounded = CallDeadline.after(deadline);
    Context previous = bounded.attach();
    try {
      chain.doFilter(request, response);
    } finally {
      bounded.detach(previous);
      bounded.cancel(null);
    }
  }
}
