package dev.fireline.api.security;

import dev.fireline.security.Role;

/**
 * Who is calling, as the credential says: a signed-in person, a person's token, or a service key.
 *
 * @param id what timelines and the audit log record: the person's id, or {@code key:<name>}
 * @param personId the directory person, null for a service key
 * @param actsOnBehalf a service key allowed to name another actor in {@code "by"}
 * @param channel how the credential arrived: {@code api} (a key or token) or {@code console}
 */
public record Actor(
    String id, Kind kind, Role role, String personId, boolean actsOnBehalf, String channel)
    implements java.io.Serializable {

  public enum Kind {
    PERSON,
    PERSONAL_TOKEN,
    SERVICE_KEY;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static Actor person(String personId, Role role, String channel) {
    return new Actor(personId, Kind.PERSON, role, personId, false, channel);
  }

  public static Actor personalToken(String personId, Role role) {
    return new Actor(personId, Kind.PERSONAL_TOKEN, role, personId, false, "api");
  }

  public static Actor serviceKey(String name, Role role, boolean actsOnBehalf) {
    return new Actor("key:" + name, Kind.SERVICE_KEY, role, null, actsOnBehalf, "api");
  }

  /**
   * Who a request acts as: this actor, or, when the body names someone in {@code "by"}, that person
   * as recorded "alice (via key:ops-bot)" — allowed only to service keys that act on behalf.
   */
  public String by(String requested) {
    if (requested == null || requested.isBlank() || requested.trim().equals(id)) {
      return id;
    }
    if (!actsOnBehalf) {
      throw dev.fireline.api.problem.ApiProblem.forbidden(
          "\"by\" is accepted only from a service "
              + "key allowed to act on behalf of others; "
              + id
              + " acts as itself (leave \"by\" out)");
    }
    var request =
        org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(
          dev.fireline.api.access.AuditTrail.ON_BEHALF_OF,
          requested.trim(),
          org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
    }
    return requested.trim() + " (via " + id + ")";
  }

  public boolean may(Role needed) {
    return role.includes(needed);
  }

  public boolean is(String person) {
    return personId != null && personId.equals(person);
  }
}
