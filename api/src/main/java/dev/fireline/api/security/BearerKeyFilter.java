package dev.fireline.api.security;

import dev.fireline.api.problem.FilterProblems;
import dev.fireline.api.problem.ProblemHandler;
import dev.fireline.persistence.DatabaseFailures;
import dev.fireline.security.ApiKeys;
import dev.fireline.security.ApiKeys.Credential;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <key>}: a service key or a personal token becomes the request's
 * {@link Actor}, for this request only (never a session). A key that is unknown, revoked or expired
 * is refused here with a problem document, even on routes that would be open without it: a script
 * with a dead key must hear so, not get a page meant for people.
 */
public final class BearerKeyFilter extends OncePerRequestFilter {
  private final ApiKeys apiKeys;
  private final PublicRoutes publicRoutes;
  private final Clock clock;
  private final SecurityContextHolderStrategy contexts =
      SecurityContextHolder.getContextHolderStrategy();

  BearerKeyFilter(ApiKeys apiKeys, PublicRoutes publicRoutes, Clock clock) {
    this.apiKeys = apiKeys;
    this.publicRoutes = publicRoutes;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // public routes check their own credential (Twilio signs with its own header, etc.)
    return bearer(request).isEmpty() || publicRoutes.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Credential> credential;
    try {
      credential = apiKeys.lookup(bearer(request).orElseThrow());
    } catch (DataAccessException e) {
      if (!DatabaseFailures.isUnavailable(e)) {
        throw e;
      }
      response.setHeader(HttpHeaders.RETRY_AFTER, ProblemHandler.DATABASE_RETRY_AFTER_SECONDS);
      FilterProblems.write(
          response,
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "Service Unavailable",
          "The database is unavailable, so the API key cannot be checked. " + "Try again shortly",
          null);
      return;
    }
    if (credential.isEmpty()) {
      refuse(
          request,
          response,
          "Authorization: Bearer <api key> is not a valid key or token " + "(unknown or revoked)");
      return;
    }
    Credential key = credential.get();
    if (key.expiredAt(clock.instant())) {
      refuse(
          request,
          response,
          "This "
              + (key.kind() == ApiKeys.Kind.PERSONAL ? "token" : "key")
              + " expired at "
              + key.expiresAt()
              + "; make a new one");
      return;
    }
    Actor actor =
        key.kind() == ApiKeys.Kind.PERSONAL
            ? Actor.personalToken(key.personId(), key.role())
            : Actor.serviceKey(key.name(), key.role(), key.actsOnBehalf());
    var context = contexts.createEmptyContext();
    context.setAuthentication(new ActorAuthentication(actor));
    contexts.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      contexts.clearContext();
    }
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fireline\"");
    FilterProblems.write(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "Unauthorized",
        detail,
        FilterProblems.jsonSafe(request.getRequestURI()));
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
