package dev.fireline.api.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;

/**
 * RFC 9457 problem JSON for answers a servlet filter gives before Spring MVC, and so before {@link
 * ProblemHandler}, sees the request. Titles and details are our own constant texts.
 */
public final class FilterProblems {
  private FilterProblems() {}

  /**
   * @param instance a JSON-safe request path, or null to leave it out
   */
  public static void write(
      HttpServletResponse response, int status, String title, String detail, String instance)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + jsonSafe(detail)
                + "\""
                + (instance == null ? "" : ",\"instance\":\"" + instance + "\"")
                + "}");
  }

  /** Any text as the inside of a plain JSON string: quotes, backslashes, controls, non-ASCII go. */
  public static String jsonSafe(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 300));
    for (int i = 0; i < text.length() && i < 300; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == '"' || c == '\\' || c > 0x7e ? '_' : c);
    }
    return out.toString();
  }
}
