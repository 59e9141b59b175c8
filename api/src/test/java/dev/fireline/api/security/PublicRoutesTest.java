package dev.fireline.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which raw request URIs skip the key check: exactly the public routes, as Spring MVC reads them.
 */
class PublicRoutesTest {

  @Test
  void thePublicRoutesAreOpen() {
    for (String uri :
        new String[] {
          "/status",
          "/api/status",
          "/links/abc.def",
          "/api/alerts",
          "/api/alerts/events/v2",
          "/api/heartbeats/hb_123",
          "/api/twilio/sms",
          "/api/twilio/status",
          "/api/slack/commands",
          "/api/slack/interactions",
          "/api/slack/events",
          "/api/calendars/people/alice.ics",
          "/actuator/health",
          "/actuator/health/liveness",
          "/actuator/prometheus",
          "/v3/api-docs"
        }) {
      assertThat(PublicRoutes.isPublic(uri, "")).as(uri).isTrue();
    }
  }

  @Test
  void everythingElseNeedsTheKey() {
    for (String uri :
        new String[] {
          "/",
          "/api/incidents",
          "/api/status/x",
          "/api/status/",
          "/API/status",
          "/links/a/b",
          "/api/alerts/x",
          "/api/twilio/sms/x",
          "/api/twilio",
          "/api/slack",
          "/api/slack/",
          "/api/slack/commands/x",
          "/api/slack/other",
          "/api/calendars/people/alice",
          "/actuator",
          "/actuator/info",
          "/error",
          "/favicon.ico",
          "/api/people/alice/calendar.ics"
        }) {
      assertThat(PublicRoutes.isPublic(uri, "")).as(uri).isFalse();
    }
  }

  @Test
  void pathParametersAndEscapesAreReadAsSpringReadsThem() {
    // the same route Spring MVC would pick: public stays public, protected stays protected
    assertThat(PublicRoutes.isPublic("/api;x=1/status", "")).isTrue();
    assertThat(PublicRoutes.isPublic("/api/%73tatus", "")).isTrue();
    assertThat(PublicRoutes.isPublic("/api;x=1/incidents", "")).isFalse();
    assertThat(PublicRoutes.isPublic("/%61pi/incidents", "")).isFalse();
    // never public: dot segments, doubled slashes
    assertThat(PublicRoutes.isPublic("/api/status/../incidents", "")).isFalse();
    assertThat(PublicRoutes.isPublic("/api/twilio/sms/../../incidents", "")).isFalse();
    assertThat(PublicRoutes.isPublic("/api/slack/events/../../incidents", "")).isFalse();
    assertThat(PublicRoutes.isPublic("/api/status/%2e%2e/incidents", "")).isFalse();
    assertThat(PublicRoutes.isPublic("//api/status", "")).isFalse();
    assertThat(PublicRoutes.isPublic("/links/x/../../api/incidents", "")).isFalse();
  }

  @Test
  void aContextPathIsNotPartOfTheRoute() {
    assertThat(PublicRoutes.isPublic("/fireline/api/status", "/fireline")).isTrue();
    assertThat(PublicRoutes.isPublic("/fireline/api/incidents", "/fireline")).isFalse();
  }
}
