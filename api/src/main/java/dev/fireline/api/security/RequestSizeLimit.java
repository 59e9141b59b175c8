package dev.fireline.api.security;

import dev.fireline.api.problem.FilterProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A body-size limit on every route ({@code fireline.http.max-body-size}, 1 MB): a declared {@code
 * Content-Length} over it is answered 413 before anything reads the body; a body without one
 * (chunked) is counted while it is read and fails with {@link BodyTooLarge} at the limit, which
 * becomes a 413 too. Runs before every filter that might read a body (Spring's form filter).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestSizeLimit extends OncePerRequestFilter {
  private final long maxBytes;

  public RequestSizeLimit(@Value("${fireline.http.max-body-size:1MB}") DataSize maxBody) {
    this.maxBytes = maxBody.toBytes();
  }

  /** Reading a request body went past the limit. */
  public static final class BodyTooLarge extends IOException {
    BodyTooLarge(long maxBytes) {
      super("the request body is larger than " + describe(maxBytes));
    }
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      tooLarge(response);
      return;
    }
    // no declared length: chunked, or HTTP/2 without content-length; counted as it is read
    HttpServletRequest limited = declared < 0 ? new Limited(request, maxBytes) : request;
    if (isForm(request)) {
      // Tomcat parses form bodies itself (max-http-form-post-size, set to the same limit) and
      // keeps a failure for the first getParameter call, which would otherwise surface as a 500.
      try {
        request.getParameterMap();
      } catch (IllegalStateException unparsable) {
        if (errorCode(unparsable) == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
          tooLarge(response);
        } else {
          FilterProblems.write(
              response,
              HttpServletResponse.SC_BAD_REQUEST,
              "Bad Request",
              "the form body could not be read",
              null);
        }
        return;
      }
    }
    try {
      chain.doFilter(limited, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (tooLarge(e).isEmpty() || response.isCommitted()) {
        throw e;
      }
      response.reset();
      tooLarge(response);
    }
  }

  /** The body-over-the-limit failure among {@code e} and its causes, if there is one. */
  public static Optional<BodyTooLarge> tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BodyTooLarge tooLarge) {
        return Optional.of(tooLarge);
      }
    }
    return Optional.empty();
  }

  private static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    return type != null
        && type.regionMatches(
            true,
            0,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            0,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
  }

  /** Tomcat's InvalidParameterException carries the status it means; without one, 400. */
  private static int errorCode(IllegalStateException e) {
    try {
      Object code = e.getClass().getMethod("getErrorCode").invoke(e);
      return code instanceof Integer i ? i : HttpServletResponse.SC_BAD_REQUEST;
    } catch (ReflectiveOperationException notTomcat) {
      return HttpServletResponse.SC_BAD_REQUEST;
    }
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    FilterProblems.write(
        response,
        HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
        "Content Too Large",
        "the request body is larger than " + describe(maxBytes),
        null);
  }

  static String describe(long bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MB";
    }
    return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
  }

  /** A chunked request whose body stops at the limit. */
  private static final class Limited extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream in;
    private BufferedReader reader;

    Limited(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (in == null) {
        in = new Counting(super.getInputStream(), maxBytes);
      }
      return in;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      if (reader == null) {
        String encoding = getCharacterEncoding();
        reader =
            new BufferedReader(
                new InputStreamReader(
                    getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
      }
      return reader;
    }
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long maxBytes;
    private long read;

    Counting(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLarge {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLarge(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
