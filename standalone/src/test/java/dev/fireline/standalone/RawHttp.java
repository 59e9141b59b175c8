package dev.fireline.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for request targets an HTTP client would tidy up ({@code //api},
 * {@code /a/../b}, {@code %2e%2e}): the bytes go out exactly as written.
 */
final class RawHttp {
  private RawHttp() {}

  record Answer(int status, String head, String body) {}

  /** {@code extraHeaders}: whole header lines, each ending in CRLF. */
  static Answer send(int port, String method, String target, String extraHeaders, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head =
          new StringBuilder(method)
              .append(' ')
              .append(target)
              .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
              .append(port)
              .append("\r\nConnection: close\r\n")
              .append(extraHeaders);
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return answer(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target, e);
    }
  }

  /**
   * The body as {@code Transfer-Encoding: chunked} (no Content-Length), 64 KB a chunk. The server
   * may answer and stop reading before the last chunk: a write that fails then is not an error.
   */
  static Answer chunked(int port, String method, String target, String extraHeaders, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head =
          method
              + " "
              + target
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n"
              + extraHeaders
              + "\r\n";
      try {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        for (int at = 0; at < body.length; at += 65536) {
          int n = Math.min(65536, body.length - at);
          out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          out.write(body, at, n);
          out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException answeredEarly) {
        // read what it said
      }
      return answer(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + target, e);
    }
  }

  static Answer get(int port, String target, String extraHeaders) {
    return send(port, "GET", target, extraHeaders, null);
  }

  /** Reads the whole answer: the server closes the connection after it. */
  private static Answer answer(InputStream in) throws IOException {
    String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    int end = answer.indexOf("\r\n\r\n");
    String head = end < 0 ? answer : answer.substring(0, end);
    String[] statusLine = head.split("\r\n", 2)[0].split(" ");
    return new Answer(
        Integer.parseInt(statusLine[1]), head, end < 0 ? "" : answer.substring(end + 4));
  }
}
