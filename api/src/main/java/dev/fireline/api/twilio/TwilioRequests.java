package dev.fireline.api.twilio;

import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} as Twilio documents it: HMAC-SHA1, keyed with the auth token,
 * of the full URL Twilio called ({@code fireline.public-url} + path + query) followed by the POST
 * parameters sorted by name, base64. Twilio's {@link RequestValidator} computes it and compares in
 * constant time (it also accepts the URL with and without the default port).
 */
final class TwilioRequests {
  static final String SIGNATURE_HEADER = "X-Twilio-Signature";

  private final RequestValidator validator;
  private final String publicUrl;

  TwilioRequests(String authToken, String publicUrl) {
    this.validator =
        authToken == null || authToken.isBlank() ? null : new RequestValidator(authToken.trim());
    String url = publicUrl == null ? "" : publicUrl.trim();
    this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** An auth token is configured: without one no request can be verified, so all are refused. */
  boolean enabled() {
    return validator != null;
  }

  /** The URL Twilio called, as it signed it. */
  String signedUrl(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String query = request.getQueryString();
    return publicUrl + path + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  boolean valid(HttpServletRequest request, Map<String, String> bodyParams) {
    String signature = request.getHeader(SIGNATURE_HEADER);
    if (validator == null || signature == null || signature.isBlank()) {
      return false;
    }
    return validator.validate(signedUrl(request), bodyParams, signature.trim());
  }

  /**
   * The POST body's parameters (the servlet API merges them with the query's; Twilio signs only the
   * body's, the query is part of the URL).
   */
  static Map<String, String> bodyParams(HttpServletRequest request) {
    Map<String, List<String>> query = queryParams(request.getQueryString());
    Map<String, String> body = new HashMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              List<String> remaining = new ArrayList<>(List.of(values));
              query.getOrDefault(name, List.of()).forEach(remaining::remove);
              if (!remaining.isEmpty()) {
                body.put(name, remaining.get(0));
              }
            });
    return body;
  }

  static Map<String, List<String>> queryParams(String query) {
    Map<String, List<String>> params = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
