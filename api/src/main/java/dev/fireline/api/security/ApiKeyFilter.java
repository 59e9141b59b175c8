package dev.fireline.api.security;

import dev.fireline.api.problem.FilterProblems;
import dev.fireline.api.problem.ProblemHandler;
import dev.fireline.persistence.DatabaseFailures;
import dev.fireline.security.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * {@code Authorization: Bearer <api key>} on every route except the few public ones below. The key's
 * holder becomes the request's actor, the default "by" of every action.
 *
 * <p>Default deny: a route nobody listed here needs a key, wherever it lives. The public routes are
 * matched the way Spring MVC matches its handlers (the same {@link RequestPath} parsing: segments
 * decoded, {@code ;params} dropped; the same {@link PathPattern}s, case-sensitive, no trailing slash
 * match), so {@code //api/incidents}, {@code /api;x=1/incidents} or {@code /api/status/../incidents}
 * can never be public here yet reach a protected controller.
 */
@Component
@Order(1)
public class ApiKeyFilter extends OncePerRequestFilter {
  public static final String ACTOR = "fireline.actor";

  /**
   * Routes that are public or authenticate by other means; each controller checks its own
   * credential. Keep this list exact: RouteAuthTest walks every route and fails on a new open one.
   */
  static final List<String> PUBLIC_ROUTES = List.of(
      // the public status page (no credential, by design)
      "/status", "/api/status",
      // e-mail Acknowledge/Resolve links: the HMAC-signed token is the credential
      "/links/{token}",
      // alert ingestion: a service's integration key
      "/api/alerts", "/api/alerts/alertmanager", "/api/alerts/events/v2",
      // heartbeat pings: the ping key is in the path
      "/api/heartbeats/{key}",
      // Twilio's webhooks: X-Twilio-Signature
      "/api/twilio/sms", "/api/twilio/voice/gather", "/api/twilio/status",
      // calendar feeds: calendar apps send no headers, the API key comes as ?key=
      "/api/calendars/schedules/{id}.ics", "/api/calendars/people/{id}.ics",
      // health for load balancers and orchestrators (status only, no details)
      "/actuator/health", "/actuator/health/{*path}",
      // metrics for scrapers: counts and timings, no secret (LogSecretsTest checks)
      "/actuator/prometheus",
      // the OpenAPI description of this (open-source) API
      "/v3/api-docs", "/v3/api-docs.yaml");

  private static final List<PathPattern> PUBLIC = PUBLIC_ROUTES.stream()
      .map(PathPatternParser.defaultInstance::parse).toList();

  private final ApiKeys apiKeys;

  public ApiKeyFilter(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return isPublic(request.getRequestURI(), request.getContextPath());
  }

  /** Whether Spring MVC would route {@code requestUri} to a public route (raw, undecoded URI). */
  static boolean isPublic(String requestUri, String contextPath) {
    PathContainer path;
    try {
      path = RequestPath.parse(requestUri, contextPath).pathWithinApplication();
    } catch (IllegalArgumentException unparsable) {
      return false;
    }
    for (PathContainer.Element element : path.elements()) {
      // ".." is not resolved by Spring's matching: a path with it is never one of ours
      if (element instanceof PathContainer.PathSegment segment
          && (segment.valueToMatch().equals("..") || segment.valueToMatch().equals("."))) {
        return false;
      }
    }
    for (PathPattern pattern : PUBLIC) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Optional<String> holder;
    try {
      holder = bearer(request).flatMap(apiKeys::holder);
    } catch (DataAccessException e) {
      if (!DatabaseFailures.isUnavailable(e)) {
        throw e;
      }
      response.setHeader(HttpHeaders.RETRY_AFTER, ProblemHandler.DATABASE_RETRY_AFTER_SECONDS);
      FilterProblems.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "Service Unavailable", "The database is unavailable, so the API key cannot be checked. "
              + "Try again shortly", null);
      return;
    }
    if (holder.isEmpty()) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fireline\"");
      FilterProblems.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
          "Authorization: Bearer <api key> is missing or not a valid key",
          jsonSafe(request.getRequestURI()));
      return;
    }
    request.setAttribute(ACTOR, holder.get());
    chain.doFilter(request, response);
  }

  /** The raw URI may hold anything a client sent; keep it a plain JSON string. */
  private static String jsonSafe(String uri) {
    StringBuilder out = new StringBuilder(Math.min(uri.length(), 200));
    for (int i = 0; i < uri.length() && i < 200; i++) {
      char c = uri.charAt(i);
      out.append(c < 0x20 || c == '"' || c == '\\' || c > 0x7e ? '_' : c);
    }
    return out.toString();
  }

  /** The key of an {@code Authorization: Bearer <key>} header, if there is one. */
  public static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String key = header.substring(7).trim();
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }
}
