package dev.fireline.api.access;

import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.security.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * One audit row per write a key, token or signed-in person makes through the API or the console:
 * who, from where, the route, its path variables, the status answered. Routes with a credential of
 * their own (e-mail links, Twilio replies) write their rows where they know who acted; a route that
 * wrote a richer row itself (a directory change, with before and after) marks the request {@link
 * #AUDITED} and is not written twice. Alert ingestion is not here: alert_events is its log.
 */
@Configuration(proxyBeanMethods = false)
public class AuditTrail implements HandlerInterceptor, WebMvcConfigurer {
  /** Request attribute: this request's audit row is written already. */
  public static final String AUDITED = "fireline.audited";

  /** Request attribute: the person a service key acted for ({@code "by"}). */
  public static final String ON_BEHALF_OF = "fireline.on-behalf-of";

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditLog auditLog;

  AuditTrail(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public void afterCompletion(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
    String method = request.getMethod();
    if (method.equals("GET")
        || method.equals("HEAD")
        || method.equals("OPTIONS")
        || request.getAttribute(AUDITED) != null) {
      return;
    }
    Actor actor = RequestActor.current(request).orElse(null);
    if (actor == null) {
      return; // a public route: it audits what it does itself
    }
    String action = action(request);
    try {
      auditLog.append(
          new AuditLog.NewEntry(
              actor.id(),
              actor.kind().id(),
              (String) request.getAttribute(ON_BEHALF_OF),
              request.getRemoteAddr(),
              actor.channel(),
              action,
              target(request),
              response.getStatus(),
              null,
              null));
    } catch (RuntimeException e) {
      // the write happened; losing its audit row must be loud, not a second failure
      log.error("could not append to the audit log: {} by {}", action, actor.id(), e);
    }
  }

  /** The route, e.g. {@code POST /api/incidents/{id}/acknowledge}. */
  public static String action(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return request.getMethod() + " " + (pattern == null ? request.getRequestURI() : pattern);
  }

  /** The path variables, e.g. {@code id=INC-12}; null when there are none. */
  @SuppressWarnings("unchecked")
  private static String target(HttpServletRequest request) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (!(variables instanceof Map<?, ?> map) || map.isEmpty()) {
      return null;
    }
    return new TreeMap<>((Map<String, String>) map)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
  }
}
