package dev.fireline.api.security;

import dev.fireline.api.problem.ProblemHandler;
import dev.fireline.security.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <api key>} on every {@code /api/} route except the public ones. The
 * key's holder becomes the request's actor, the default "by" of every action.
 */
@Component
@Order(1)
public class ApiKeyFilter extends OncePerRequestFilter {
  public static final String ACTOR = "fireline.actor";

  /** Routes that are public or authenticate by other means (integration keys, signatures). */
  private static final List<String> OPEN_PREFIXES = List.of("/api/status", "/api/alerts/",
      "/api/heartbeats/", "/api/twilio/", "/api/calendars/");
  private static final List<String> OPEN_PATHS = List.of("/api/alerts");

  private final ApiKeys apiKeys;

  public ApiKeyFilter(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !path.startsWith("/api/") || OPEN_PATHS.contains(path)
        || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Optional<String> holder;
    try {
      holder = bearer(request).flatMap(apiKeys::holder);
    } catch (DataAccessResourceFailureException | TransientDataAccessException databaseDown) {
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setHeader(HttpHeaders.RETRY_AFTER, ProblemHandler.DATABASE_RETRY_AFTER_SECONDS);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
          + "\"status\":503,\"detail\":\"The database is unavailable, so the API key cannot be "
          + "checked. Try again shortly\"}");
      return;
    }
    if (holder.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fireline\"");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\","
          + "\"status\":401,\"detail\":\"Authorization: Bearer <api key> is missing or not a "
          + "valid key\",\"instance\":\"" + request.getRequestURI().replace("\"", "") + "\"}");
      return;
    }
    request.setAttribute(ACTOR, holder.get());
    chain.doFilter(request, response);
  }

  private static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String key = header.substring(7).trim();
    return key.isEmpty() ? Optional.empty() : Optional.of(key);
  }
}
