package dev.fireline.api.slack;

import dev.fireline.api.problem.FilterProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the exact bytes of a request to {@code /api/slack/...}: Slack signs the raw body, and the
 * first {@code getParameter} call anywhere (the body-size filter makes one for every form) would
 * have Tomcat parse the form and leave nothing to verify. So this runs first of all, reads the body
 * itself (at most {@code fireline.http.max-body-size}, else 413), and hands on a request that reads
 * the same bytes again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SlackRawBody extends OncePerRequestFilter {
  private static final String ATTRIBUTE = SlackRawBody.class.getName();
  private static final String PREFIX = "/api/slack/";

  private final long maxBytes;

  SlackRawBody(@Value("${fireline.http.max-body-size:1MB}") DataSize maxBody) {
    this.maxBytes = maxBody.toBytes();
  }

  /** The body as it arrived; empty when this filter did not see the request. */
  static byte[] of(HttpServletRequest request) {
    Object body = request.getAttribute(ATTRIBUTE);
    return body instanceof byte[] bytes ? bytes : new byte[0];
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"POST".equals(request.getMethod()) || !path.startsWith(PREFIX);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      tooLarge(response);
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    }
    if (body.length > maxBytes) {
      tooLarge(response);
      return;
    }
    request.setAttribute(ATTRIBUTE, body);
    chain.doFilter(new Replayed(request, body), response);
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    FilterProblems.write(
        response,
        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        "Content Too Large",
        "the request body is larger than " + maxBytes + " bytes",
        null);
  }

  /** The request, its body read again from the kept bytes. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final byte[] body;

    Replayed(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
          return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("a kept body is read synchronously");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
