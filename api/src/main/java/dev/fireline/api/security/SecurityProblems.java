package dev.fireline.api.security;

import dev.fireline.api.problem.FilterProblems;
import dev.fireline.security.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * 401 and 403 as problem documents. A refused action is a write that did not happen, and the audit
 * log says who tried.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {
  private final AuditLog auditLog;

  SecurityProblems(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fireline\"");
    FilterProblems.write(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "Unauthorized",
        "Authorization: Bearer <api key or token> is missing, or sign in",
        FilterProblems.jsonSafe(request.getRequestURI()));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    var actor = RequestActor.of(SecurityContextHolder.getContext().getAuthentication());
    String detail =
        denied instanceof CsrfException
            ? "The form's CSRF token is missing or stale: reload the page and try again"
            : actor
                .map(
                    a ->
                        a.id()
                            + " (role "
                            + a.role().id()
                            + ") may not "
                            + request.getMethod()
                            + " this")
                .orElse("Not allowed");
    actor.ifPresent(
        a ->
            auditLog.append(
                new AuditLog.NewEntry(
                    a.id(),
                    a.kind().id(),
                    null,
                    request.getRemoteAddr(),
                    a.channel(),
                    request.getMethod() + " " + FilterProblems.jsonSafe(request.getRequestURI()),
                    null,
                    HttpServletResponse.SC_FORBIDDEN,
                    null,
                    null)));
    FilterProblems.write(
        response,
        HttpServletResponse.SC_FORBIDDEN,
        "Forbidden",
        detail,
        FilterProblems.jsonSafe(request.getRequestURI()));
  }
}
