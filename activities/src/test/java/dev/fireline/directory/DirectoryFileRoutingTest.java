package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fireline.incident.Severity;
import dev.fireline.policy.Urgency;
import dev.fireline.routing.Condition;
import dev.fireline.routing.Condition.Operator;
import dev.fireline.routing.Correlation;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file's routing section: parsing, its problems by line and field, writing it back. */
class DirectoryFileRoutingTest {

  /** A person, a policy and the services checkout and search, on lines 1 to 9. */
  private static final String DIRECTORY =
      """
      people:
        - {id: alice, name: Alice, contacts: {email: alice@example.com}}
      escalation-policies:
        - id: ops
          name: Ops
          levels: [{escalate-after: 5m, targets: ["person:alice"]}]
      services:
        - {id: checkout, name: Checkout, escalation-policy: ops, integration-keys: [checkout-key]}
        - {id: search, name: Search, escalation-policy: ops}
      """;

  private static final String ROUTING =
      """
      routing:
        keys: ["global-routing-key"]
        rules:
          - name: search-prod
            when:
              - {field: labels.team, equals: search}
              - {field: labels.cluster, matches: "prod-.*"}
            service: search
            severity: SEV2
            urgency: low
            dedup-key: "{{labels.alertname}}/{{labels.cluster}}"
            correlate: {by: [cluster, region], window: 10m}
          - when: [{field: labels.alertname, equals: Watchdog}, {field: annotations.runbook, exists: false}]
            suppress: true
          - when: [{field: custom_details.tier, equals: "1"}]
            service: checkout
        fallback: checkout
      """;

  @Test
  void theSectionParsesToTheDefinitionWithTheKeyHashed() {
    RoutingDefinition routing = DirectoryFile.parse("fireline.yml", DIRECTORY + ROUTING).routing();

    assertThat(routing.keys()).containsExactly(IntegrationKeys.stored("global-routing-key"));
    assertThat(routing.fallback()).isEqualTo("checkout");
    assertThat(routing.rules())
        .containsExactly(
            new RoutingRule(
                "search-prod",
                List.of(
                    new Condition("labels.team", Operator.EQUALS, "search"),
                    new Condition("labels.cluster", Operator.MATCHES, "prod-.*")),
                "search",
                Severity.SEV2,
                Urgency.LOW,
                "{{labels.alertname}}/{{labels.cluster}}",
                false,
                new Correlation(List.of("cluster", "region"), Duration.ofMinutes(10))),
            new RoutingRule(
                null,
                List.of(
                    new Condition("labels.alertname", Operator.EQUALS, "Watchdog"),
                    new Condition("annotations.runbook", Operator.EXISTS, "false")),
                null,
                null,
                null,
                null,
                true,
                null),
            new RoutingRule(
                null,
                List.of(new Condition("custom_details.tier", Operator.EQUALS, "1")),
                "checkout",
                null,
                null,
                null,
                false,
                null));
  }

  @Test
  void whatTheWriterWritesParsesBackEqual() {
    DirectoryDocument document = DirectoryFile.parse("fireline.yml", DIRECTORY + ROUTING);
    String yaml = DirectoryFileWriter.yaml(document);

    assertThat(yaml).contains("routing:").doesNotContain("global-routing-key");
    assertThat(DirectoryFile.parse("written.yml", yaml)).isEqualTo(document);
  }

  @Test
  void everyProblemIsNamedByLineAndField() {
    String bad =
        """
        routing:
          keys: ["checkout-key", "sha256:abc"]
          rules:
            - {when: [{field: labels.a, equals: x}], service: search}
            - when: [{field: labels.a, matches: "(unclosed"}]
              service: search
            - when: [{field: labels.a, contains: x}]
              service: nowhere
            - {when: [{field: colour, equals: red}], service: search, dedup-key: "static-key"}
            - {when: [{field: labels.a, equals: x, exists: true}], service: search, urgency: urgent, severity: P1}
            - {when: [{field: labels.a, exists: maybe}], service: search, dedup-key: "{{}}/{{labels.}}"}
            - {when: [{field: labels.a, equals: x}]}
            - {service: search, correlate: {by: [], window: 0s}}
          fallback: gone
        """;
    DirectoryFileException e =
        catchThrowableOfType(
            DirectoryFileException.class,
            () -> DirectoryFile.parse("fireline.yml", DIRECTORY + bad));

    assertThat(e.problems())
        .extracting(DirectoryFileException.Problem::toString)
        .containsExactly(
            "fireline.yml:11: routing.keys[0]: this key is already an integration key of service"
                + " 'checkout' (line 8); a routing key must be a key of its own",
            "fireline.yml:11: routing.keys[1]: a hashed routing key is 'sha256:' and 64 lowercase"
                + " hex digits (sha256sum of the key)",
            "fireline.yml:14: routing.rules[1].when[0].matches: '(unclosed' is not a valid regular"
                + " expression: Unclosed group",
            "fireline.yml:16: routing.rules[2].when[0].contains: unknown key 'contains' (expected"
                + " field, equals, matches, exists)",
            "fireline.yml:16: routing.rules[2].when[0]: needs an operator: equals, matches or exists",
            "fireline.yml:17: routing.rules[2].service: unknown service 'nowhere'",
            "fireline.yml:18: routing.rules[3].when[0].field: unknown field 'colour' (fields:"
                + " labels.<name>, annotations.<name>, custom_details.<name>, summary, source,"
                + " severity, component, group, class, dedup_key)",
            "fireline.yml:18: routing.rules[3].dedup-key: 'static-key' names no field, so every"
                + " alert would get the same dedup key: use {{field}} placeholders, e.g."
                + " {{labels.alertname}}/{{labels.cluster}}",
            "fireline.yml:19: routing.rules[4].when[0]: has 2 operators: one a condition (add a"
                + " condition for more)",
            // on one line: keys, then values, then references, each in the order of the line
            "fireline.yml:19: routing.rules[4].urgency: 'urgent' is not an urgency: high or low",
            "fireline.yml:19: routing.rules[4].severity: 'P1' is not a severity: SEV1, SEV2, SEV3"
                + " or SEV4",
            "fireline.yml:20: routing.rules[5].when[0].exists: expected true or false, not 'maybe'",
            "fireline.yml:20: routing.rules[5].dedup-key: '{{}}/{{labels.}}' has an empty"
                + " placeholder {{}}: name a field (labels.<name>, annotations.<name>,"
                + " custom_details.<name>, summary, source, severity, component, group, class,"
                + " dedup_key)",
            "fireline.yml:22: routing.rules[7].correlate.by: name the labels that must be equal,"
                + " e.g. [cluster, region]",
            "fireline.yml:22: routing.rules[7].correlate.window: must be longer than zero",
            "fireline.yml:23: routing.fallback: unknown service 'gone'");
  }

  @Test
  void withoutAFallbackARuleMustNameAServiceOrSuppress() {
    String bad =
        """
        routing:
          keys: [k-1234567890]
          rules:
            - {when: [{field: labels.a, equals: x}], severity: SEV1}
        """;
    DirectoryFileException e =
        catchThrowableOfType(
            DirectoryFileException.class,
            () -> DirectoryFile.parse("fireline.yml", DIRECTORY + bad));
    assertThat(e.problems())
        .extracting(DirectoryFileException.Problem::toString)
        .containsExactly(
            "fireline.yml:13: routing.rules[0]: names no service: give it service, or suppress: true,"
                + " or give routing a fallback service");
  }
}
