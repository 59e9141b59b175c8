package dev.fireline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fireline.alerts.AlertEvent;
import dev.fireline.alerts.AlertEvent.Action;
import dev.fireline.alerts.AlertParsers;
import dev.fireline.directory.DirectoryFile;
import dev.fireline.incident.Severity;
import dev.fireline.policy.Urgency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on the three payload kinds: the same field names, first match wins, the fallback. */
class RuleEngineTest {
  private static final String DIRECTORY =
      """
      people: [{id: alice, name: Alice, contacts: {email: alice@example.com}}]
      escalation-policies: [{id: ops, name: Ops, levels: [{escalate-after: 5m, targets: ["person:alice"]}]}]
      services:
        - {id: checkout, name: Checkout, escalation-policy: ops}
        - {id: search, name: Search, escalation-policy: ops}
        - {id: storage, name: Storage, escalation-policy: ops}
      """;

  static RoutingDefinition rules(String routing) {
    return DirectoryFile.parse("t.yml", DIRECTORY + routing).routing();
  }

  private static final RoutingDefinition RULES =
      rules(
          """
      routing:
        keys: [global-key-for-tests]
        rules:
          - {name: watchdog, when: [{field: labels.alertname, equals: Watchdog}], suppress: true}
          - name: search
            when: [{field: labels.team, equals: search}, {field: labels.cluster, matches: "prod-[a-z]+"}]
            service: search
            severity: SEV2
            urgency: low
            dedup-key: "{{labels.alertname}}/{{labels.cluster}}"
          - {when: [{field: component, equals: disk}], service: storage}
          - {when: [{field: custom_details.tier, equals: "1"}], service: checkout, severity: SEV1}
          - {when: [{field: summary, matches: "(?i).*payment.*"}, {field: labels.env, exists: false}], service: checkout}
        fallback: search
      """);

  @Test
  void anAlertmanagerGroupIsRoutedPerAlertAndSplitByDestination() {
    AlertEvent group =
        AlertParsers.alertmanager(
            """
        {"version":"4","groupKey":"g1","status":"firing","receiver":"fireline",
         "groupLabels":{},"commonLabels":{},"commonAnnotations":{},
         "alerts":[
          {"status":"firing","labels":{"alertname":"HighLatency","team":"search","cluster":"prod-eu"},
           "annotations":{"summary":"p99 over 2s"},"startsAt":"2026-11-22T10:00:00Z","fingerprint":"a"},
          {"status":"firing","labels":{"alertname":"HighLatency","team":"search","cluster":"prod-eu-1"},
           "annotations":{},"startsAt":"2026-11-22T10:00:00Z","fingerprint":"b"},
          {"status":"resolved","labels":{"alertname":"DiskFull","component":"disk"},
           "annotations":{},"startsAt":"2026-11-22T10:00:00Z","fingerprint":"c"},
          {"status":"firing","labels":{"alertname":"Watchdog"},
           "annotations":{},"startsAt":"2026-11-22T10:00:00Z","fingerprint":"d"}]}
        """);
    RoutingPlan plan = RoutingPlan.of(RULES, "alertmanager", group, null);

    assertThat(plan.decisions())
        .extracting(Decision::label)
        .containsExactly("rules[1] (search)", "fallback", "rules[2]", "rules[0] (watchdog)");
    Decision search = plan.decisions().get(0);
    assertThat(search.service()).isEqualTo("search");
    assertThat(search.severity()).isEqualTo(Severity.SEV2);
    assertThat(search.urgency()).isEqualTo(Urgency.LOW);
    assertThat(search.dedupKey()).isEqualTo("HighLatency/prod-eu");
    // "prod-eu-1" is not a full match of prod-[a-z]+
    assertThat(plan.decisions().get(1))
        .satisfies(
            d -> {
              assertThat(d.fallback()).isTrue();
              assertThat(d.service()).isEqualTo("search");
              assertThat(d.dedupKey()).isNull();
              assertThat(d.urgency()).as("the fallback names none: the severity decides").isNull();
            });
    assertThat(plan.decisions().get(3).suppress()).isTrue();

    assertThat(plan.parts()).hasSize(4);
    AlertEvent storage = plan.parts().get(2).event();
    assertThat(storage.action()).as("its only alert resolved").isEqualTo(Action.RESOLVE);
    assertThat(storage.dedupKey()).isEqualTo("g1");
    assertThat(storage.alerts()).extracting(AlertEvent.Alert::fingerprint).containsExactly("c");
    assertThat(storage.labels()).containsEntry("component", "disk");
    assertThat(plan.parts().get(0).event().summary()).isEqualTo("p99 over 2s");
    assertThat(plan.parts().get(0).event().dedupKey()).isEqualTo("HighLatency/prod-eu");
  }

  @Test
  void eventsV2ReadsThePayloadFieldsAndCustomDetails() {
    String json =
        """
        {"routing_key":"global-key-for-tests","event_action":"trigger","dedup_key":"d-1",
         "payload":{"summary":"Disk 95%","source":"db-1","severity":"warning","component":"disk",
                    "custom_details":{"tier":1}}}
        """;
    AlertEvent event = AlertParsers.pagerDuty(json).event();
    RoutingPlan plan = RoutingPlan.of(RULES, "events-v2", event, json);
    assertThat(plan.alerts().get(0).values())
        .containsEntry("custom_details.tier", "1")
        .containsEntry("labels.component", "disk")
        .containsEntry("severity", "warning");
    assertThat(plan.decisions().get(0).label()).isEqualTo("rules[2]");
    assertThat(plan.parts().get(0).event().dedupKey()).isEqualTo("d-1");

    String tierOne = json.replace("\"component\":\"disk\",", "");
    RoutingPlan checkout =
        RoutingPlan.of(RULES, "events-v2", AlertParsers.pagerDuty(tierOne).event(), tierOne);
    assertThat(checkout.decisions().get(0).service()).isEqualTo("checkout");
    assertThat(checkout.decisions().get(0).severity()).isEqualTo(Severity.SEV1);
  }

  @Test
  void theGenericShapeUsesItsSummaryAndLabels() {
    AlertEvent payment =
        AlertParsers.generic(
            "{\"summary\":\"Payment API 5xx\",\"labels\":{\"team\":\"payments\"}}");
    assertThat(RoutingPlan.of(RULES, "generic", payment, null).decisions().get(0).label())
        .isEqualTo("rules[4]");
    AlertEvent staging =
        AlertParsers.generic("{\"summary\":\"Payment API 5xx\",\"labels\":{\"env\":\"staging\"}}");
    assertThat(RoutingPlan.of(RULES, "generic", staging, null).decisions().get(0).label())
        .as("env exists: not rule 4")
        .isEqualTo("fallback");
  }

  @Test
  void withoutAFallbackAnUnmatchedAlertIsRefusedNamingIt() {
    RoutingDefinition noFallback =
        rules(
            """
        routing:
          keys: [global-key-for-tests]
          rules: [{when: [{field: labels.team, equals: search}], service: search}]
        """);
    AlertEvent group =
        AlertParsers.alertmanager(
            """
        {"version":"4","groupKey":"g2","status":"firing","commonLabels":{},
         "alerts":[{"status":"firing","labels":{"team":"search"},"annotations":{},"fingerprint":"a"},
                   {"status":"firing","labels":{"team":"web"},"annotations":{},"fingerprint":"b"}]}
        """);
    RoutingPlan plan = RoutingPlan.of(noFallback, "alertmanager", group, null);
    assertThat(plan.decisions().get(1).unrouted()).isTrue();
    Unrouted unrouted =
        catchThrowableOfType(Unrouted.class, () -> plan.requireRouted(1, "alertmanager"));
    assertThat(unrouted.fields()).containsExactly("alerts[1]");
    assertThat(unrouted.getMessage())
        .startsWith("alerts[1]: matches none of the routing key's 1 rule");
  }

  @Test
  void aTemplateWhoseFieldsTheAlertLacksKeepsThePayloadsKey() {
    RoutingDefinition templated =
        rules(
            """
        routing:
          keys: [global-key-for-tests]
          rules: [{service: search, dedup-key: "{{labels.alertname}}/{{labels.cluster}}"}]
        """);
    AlertEvent bare = AlertParsers.generic("{\"summary\":\"x\",\"dedup_key\":\"own\"}");
    assertThat(RoutingPlan.of(templated, "generic", bare, null).parts().get(0).event().dedupKey())
        .isEqualTo("own");
    AlertEvent half = AlertParsers.generic("{\"summary\":\"x\",\"labels\":{\"alertname\":\"A\"}}");
    assertThat(RoutingPlan.of(templated, "generic", half, null).parts().get(0).event().dedupKey())
        .isEqualTo("A/");
    assertThat(RuleEngine.bounded("k".repeat(300))).hasSize(255);
    assertThat(List.of(RuleEngine.bounded("k".repeat(300)), RuleEngine.bounded("k".repeat(301))))
        .doesNotHaveDuplicates();
  }
}
