package dev.fireline.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes that need no signed-in person and no API key: public by design, or checked by a
 * credential of their own. Everything else is default deny.
 *
 * <p>They are matched the way Spring MVC matches its handlers (the same {@link RequestPath}
 * parsing: segments decoded, {@code ;params} dropped; the same {@link PathPattern}s,
 * case-sensitive, no trailing slash match), so {@code //api/incidents}, {@code /api;x=1/incidents}
 * or {@code /api/status/../incidents} can never be public here yet reach a protected controller.
 */
public final class PublicRoutes implements RequestMatcher {
  /**
   * Routes that are public or authenticate by other means; each controller checks its own
   * credential. Keep this list exact: RouteAuthTest walks every route and fails on a new open one.
   */
  static final List<String> PUBLIC_ROUTES =
      List.of(
          // the public status page (no credential, by design)
          "/status",
          "/api/status",
          // e-mail Acknowledge/Resolve links: the HMAC-signed token is the credential
          "/links/{token}",
          // alert ingestion: a service's integration key
          "/api/alerts",
          "/api/alerts/alertmanager",
          "/api/alerts/events/v2",
          // heartbeat pings: the ping key is in the path
          "/api/heartbeats/{key}",
          // Twilio's webhooks: X-Twilio-Signature
          "/api/twilio/sms",
          "/api/twilio/voice/gather",
          "/api/twilio/status",
          // Slack's slash command, interactions and Events API: X-Slack-Signature over the raw body
          "/api/slack/commands",
          "/api/slack/interactions",
          "/api/slack/events",
          // calendar feeds: calendar apps send no headers, the API key comes as ?key=
          "/api/calendars/schedules/{id}.ics",
          "/api/calendars/people/{id}.ics",
          // health for load balancers and orchestrators (status only, no details)
          "/actuator/health",
          "/actuator/health/{*path}",
          // metrics for scrapers: counts and timings, no secret (LogSecretsTest checks)
          "/actuator/prometheus",
          // the OpenAPI description of this (open-source) API
          "/v3/api-docs",
          "/v3/api-docs.yaml",
          // the sign-in page, its assets and the single sign-on redirects
          "/login",
          "/oauth2/authorization/{registrationId}",
          "/login/oauth2/code/{registrationId}",
          "/console.css",
          "/console.js");

  private static final List<PathPattern> PUBLIC =
      PUBLIC_ROUTES.stream().map(PathPatternParser.defaultInstance::parse).toList();

  @Override
  public boolean matches(HttpServletRequest request) {
    return isPublic(request.getRequestURI(), request.getContextPath());
  }

  /** Requests that Spring MVC would route to one of {@code patterns}, matched as above. */
  static RequestMatcher routedTo(String... patterns) {
    List<PathPattern> parsed =
        java.util.Arrays.stream(patterns).map(PathPatternParser.defaultInstance::parse).toList();
    return request -> matchesAny(request.getRequestURI(), request.getContextPath(), parsed);
  }

  /** Whether Spring MVC would route {@code requestUri} to a public route (raw, undecoded URI). */
  static boolean isPublic(String requestUri, String contextPath) {
    return matchesAny(requestUri, contextPath, PUBLIC);
  }

  private static boolean matchesAny(
      String requestUri, String contextPath, List<PathPattern> patterns) {
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
    for (PathPattern pattern : patterns) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
