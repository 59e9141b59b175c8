package dev.fireline.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.AlertActivity;
import dev.fireline.incident.IncidentSnapshot.Postmortem;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.incident.IncidentSnapshot.StatusUpdate;
import dev.fireline.incident.IncidentSnapshot.Targets;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.Role;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostmortemDraftTest {

  @Test
  void knownIncidentSectionBySection() {
    Map<String, String> actual = sections(PostmortemDraft.markdown(knownIncident()));
    Map<String, String> expected = sections(EXPECTED);
    assertThat(actual.keySet())
        .containsExactly(
            "# Postmortem: INC-42 — Checkout returns 500",
            "Summary",
            "Impact",
            "Timeline",
            "Roles",
            "Pages",
            "Status updates",
            "Root cause",
            "Contributing factors (five whys)",
            "What went well",
            "What went poorly",
            "Action items",
            "Lessons learned");
    expected.forEach(
        (heading, text) ->
            assertThat(actual.get(heading)).as("section %s", heading).isEqualTo(text));
  }

  @Test
  void sameSnapshotSameText() {
    assertThat(PostmortemDraft.markdown(knownIncident()))
        .isEqualTo(PostmortemDraft.markdown(knownIncident()));
  }

  @Test
  void storedActionItemsFillTheTable() {
    String md =
        PostmortemDraft.markdown(
            knownIncident(),
            List.of(
                new PostmortemDraft.ActionItemRow(
                    "Alert on pool | saturation",
                    "bob",
                    LocalDate.parse("2026-03-20"),
                    "P2",
                    "open")));
    assertThat(sections(md).get("Action items"))
        .startsWith(
            """
        | Action | Owner | Due | Priority | Status |
        |---|---|---|---|---|
        | Alert on pool \\| saturation | bob | 2026-03-20 | P2 | open |
        """);
  }

  @Test
  void anOpenIncidentWithoutPoliciesOrEventsStillDrafts() {
    IncidentSnapshot open =
        new IncidentSnapshot(
            7,
            "INC-7",
            "Search is slow",
            null,
            "search",
            Severity.SEV3,
            Stage.TRIGGERED,
            null,
            "carol",
            at("2026-03-01T23:50:00Z"),
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            null,
            List.of(),
            new Targets(false, false, null),
            new AlertActivity(25, at("2026-03-02T00:30:00Z"), false),
            List.of(),
            null,
            List.of(
                new TimelineEvent(
                    1,
                    at("2026-03-01T23:50:00Z"),
                    "declared",
                    "carol",
                    "SEV3 declared on search: Search is slow"),
                new TimelineEvent(
                    2,
                    at("2026-03-02T00:10:00Z"),
                    "alert_fired",
                    "generic",
                    "Alert fired again: p99 > 2s"),
                new TimelineEvent(
                    3,
                    at("2026-03-02T00:20:00Z"),
                    "alert_fired",
                    "generic",
                    "Alert fired again: p99 > 2s")),
            null,
            null,
            null,
            3);
    Map<String, String> sections = sections(PostmortemDraft.markdown(open));
    assertThat(sections.get("# Postmortem: INC-7 — Search is slow"))
        .isEqualTo(
            """
        | Fact | Value |
        |---|---|
        | Service | search |
        | Severity | SEV3 |
        | Declared | 2026-03-01 23:50 UTC by carol |
        | Acknowledged | not acknowledged |
        | Resolved | not resolved |
        | Time to acknowledge | — |
        | Time to resolve | — |
        | Impact duration | ongoing |
        """);
    assertThat(sections.get("Timeline"))
        .isEqualTo(
            """
        - 2026-03-01 23:50 UTC — SEV3 declared on search: Search is slow
        - 2026-03-02 00:10 UTC — Alert fired again 2 times until 00:20 UTC: p99 > 2s

        The alert fired again 25 times in all, last at 2026-03-02 00:30 UTC; the timeline shows the first 2.
        """);
    assertThat(sections.get("Pages"))
        .isEqualTo(
            """
        Nobody was paged.

        No notification failed.
        """);
    assertThat(sections.get("What went well"))
        .isEqualTo("_To complete: what helped: detection, tooling, runbooks, people._\n");
  }

  @Test
  void somebodyWhoCouldNotBeReachedWentPoorly() {
    String unreachable =
        "Carol Chen could not be reached by sms or email (level 1, pass 1 of "
            + "policy Storefront); the next level is paged on schedule";
    Map<String, String> sections =
        sections(
            PostmortemDraft.markdown(
                knownIncident(
                    List.<Object[]>of(
                        new Object[] {
                          "2026-03-04T10:00:00Z", "page_undeliverable", "carol", unreachable
                        }))));
    assertThat(sections.get("What went poorly"))
        .contains("- 2026-03-04 10:00 UTC — " + unreachable + "\n");
  }

  /**
   * Heading to body: the title line is the first heading, then every {@code ## } heading; bodies
   * with the blank lines around them trimmed to one final newline.
   */
  static Map<String, String> sections(String markdown) {
    Map<String, String> sections = new LinkedHashMap<>();
    String[] parts = markdown.split("(?m)^## ");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      int newline = part.indexOf('\n');
      String heading = part.substring(0, newline);
      String body = part.substring(newline + 1).strip() + "\n";
      sections.put(heading, body);
    }
    return sections;
  }

  static final String EXPECTED =
      """
      # Postmortem: INC-42 — Checkout returns 500

      | Fact | Value |
      |---|---|
      | Service | checkout |
      | Severity | SEV2 (declared SEV1; SEV1 → SEV2 at 2026-03-02 10:20 UTC by alice) |
      | Declared | 2026-03-02 10:00 UTC by bob |
      | Acknowledged | 2026-03-02 10:04 UTC by alice |
      | Resolved | 2026-03-02 11:32 UTC by bob |
      | Time to acknowledge | 4 min |
      | Time to resolve | 1 h 32 min |
      | Impact duration | 1 h 32 min (declared to resolved) |
      | Postmortem | draft, owner bob, due 2026-03-16 |

      ## Summary

      SEV2 incident on checkout: Checkout returns 500.

      Description: Customers see HTTP 500 when paying.

      Resolution: Rolled back release 1.42

      _To complete: in two or three sentences, what happened, who was affected and how it was fixed._

      ## Impact

      - Service: checkout
      - Duration: 1 h 32 min (2026-03-02 10:00 UTC to 11:32 UTC)
      - Severity: SEV2 (declared SEV1; SEV1 → SEV2 at 2026-03-02 10:20 UTC by alice)

      _To complete: who and what was affected (users, requests, regions, data), how badly, and how you know._

      ## Timeline

      - 2026-03-02 10:00 UTC — SEV1 declared on checkout: Checkout returns 500
      - 10:00 UTC — Page to Alice Adams via sms (level 1, pass 1 of policy Storefront)
      - 10:00 UTC — Page to Alice Adams via email (level 1, pass 1 of policy Storefront)
      - 10:01 UTC — Page to Carol Chen via sms failed (level 1, pass 1 of policy Storefront): Twilio unavailable
      - 10:02 UTC — Alert fired again 3 times until 10:03 UTC: HighErrorRate checkout
      - 10:04 UTC — Acknowledged by alice
      - 10:05 UTC — alice is commander (set by alice)
      - 10:06 UTC — dave is comms (set by alice)
      - 10:10 UTC — Public update, investigating: Checkout fails for some customers
      - 10:20 UTC — Severity SEV1 → SEV2 by alice
      - 10:40 UTC — No status update for 30 min; reminded dave
      - 10:45 UTC — Internal update, identified: Release 1.42 leaks database connections
      - 10:50 UTC — bob is commander (set by alice)
      - 11:10 UTC — Alert fired again: HighErrorRate checkout
      - 11:30 UTC — Resolved at source: HighErrorRate checkout
      - 11:32 UTC — Resolved by bob: Rolled back release 1.42
      - 11:32 UTC — SEV2 requires a postmortem: owner bob, due 2026-03-16
      - 2026-03-04 09:00 UTC — Postmortem for INC-42 is due in 8 business days (reminded bob)

      ## Roles

      | Role | Person |
      |---|---|
      | Commander | alice, then bob |
      | Scribe | not assigned |
      | Comms | dave |
      | Subject-matter expert | not assigned |
      | Acknowledged by | alice |

      ## Pages

      | Person | Channels | Pages sent | Pages failed | First | Last |
      |---|---|---|---|---|---|
      | Alice Adams (alice) | sms, email | 2 | 0 | 2026-03-02 10:00 UTC | 2026-03-02 10:00 UTC |
      | Carol Chen (carol) | sms | 0 | 1 | 2026-03-02 10:01 UTC | 2026-03-02 10:01 UTC |

      Failed notifications:

      - 2026-03-02 10:01 UTC — Page to Carol Chen via sms failed (level 1, pass 1 of policy Storefront): Twilio unavailable

      ## Status updates

      - 2026-03-02 10:10 UTC — **Public**, investigating, by dave: Checkout fails for some customers
      - 10:45 UTC — **Internal**, identified, by alice: Release 1.42 leaks database connections

      ## Root cause

      _To complete: the technical cause, the trigger, and why it had the effect it had._

      ## Contributing factors (five whys)

      _To complete: start from the impact and ask why until you reach causes you can act on._

      1. Why? _…_
      2. Why? _…_
      3. Why? _…_
      4. Why? _…_
      5. Why? _…_

      ## What went well

      - Acknowledged in 4 min, within the acknowledgement target.
      - Resolved in 1 h 32 min, within the resolution target.

      _To complete: what helped: detection, tooling, runbooks, people._

      ## What went poorly

      - 2026-03-02 10:01 UTC — Page to Carol Chen via sms failed (level 1, pass 1 of policy Storefront): Twilio unavailable
      - 10:40 UTC — No status update for 30 min; reminded dave

      _To complete: what slowed detection, response or recovery._

      ## Action items

      | Action | Owner | Due | Priority | Status |
      |---|---|---|---|---|

      _To complete: one row per change that prevents a recurrence or shortens the next incident, each with an owner and a due date; track them with POST /api/incidents/INC-42/action-items._

      ## Lessons learned

      _To complete: what the team learned that others should know; what was surprising; where you were lucky._
      """;

  static Instant at(String time) {
    return Instant.parse(time.length() == 5 ? "2026-03-02T" + time + ":00Z" : time);
  }

  static IncidentSnapshot knownIncident() {
    return knownIncident(List.of());
  }

  /** The known incident with {@code extra} events (time, type, actor, message) after the others. */
  static IncidentSnapshot knownIncident(List<Object[]> extra) {
    List<TimelineEvent> timeline = new ArrayList<>();
    Object[][] events = {
      {"10:00", "declared", "bob", "SEV1 declared on checkout: Checkout returns 500"},
      {
        "10:00",
        "paged",
        "alice",
        "Page to Alice Adams via sms (level 1, pass 1 of policy Storefront)"
      },
      {
        "10:00",
        "paged",
        "alice",
        "Page to Alice Adams via email (level 1, pass 1 of policy Storefront)"
      },
      {
        "10:01",
        "notification_failed",
        "carol",
        "Page to Carol Chen via sms failed (level 1, pass 1 of policy Storefront): Twilio unavailable"
      },
      {"10:02", "alert_fired", "alertmanager", "Alert fired again: HighErrorRate checkout"},
      {"10:03", "alert_fired", "alertmanager", "Alert fired again: HighErrorRate checkout"},
      {"10:03", "alert_fired", "alertmanager", "Alert fired again: HighErrorRate checkout"},
      {"10:04", "acknowledged", "alice", "Acknowledged by alice"},
      {"10:05", "role_assigned", "alice", "alice is commander (set by alice)"},
      {"10:06", "role_assigned", "alice", "dave is comms (set by alice)"},
      {
        "10:10",
        "status_update",
        "dave",
        "Public update, investigating: Checkout fails for some customers"
      },
      {"10:20", "severity_changed", "alice", "Severity SEV1 → SEV2 by alice"},
      {"10:40", "status_update_overdue", null, "No status update for 30 min; reminded dave"},
      {
        "10:45",
        "status_update",
        "alice",
        "Internal update, identified: Release 1.42 leaks database connections"
      },
      {"10:50", "role_assigned", "alice", "bob is commander (set by alice)"},
      {"11:10", "alert_fired", "alertmanager", "Alert fired again: HighErrorRate checkout"},
      {"11:30", "alert_resolved", "alertmanager", "Resolved at source: HighErrorRate checkout"},
      {"11:32", "resolved", "bob", "Resolved by bob: Rolled back release 1.42"},
      {
        "11:32",
        "postmortem_started",
        "bob",
        "SEV2 requires a postmortem: owner bob, due 2026-03-16"
      },
      {
        "2026-03-04T09:00:00Z",
        "postmortem_reminder",
        null,
        "Postmortem for INC-42 is due in 8 business days (reminded bob)"
      },
    };
    List<Object[]> all = new ArrayList<>(List.of(events));
    all.addAll(extra);
    for (Object[] e : all) {
      timeline.add(
          new TimelineEvent(
              timeline.size() + 1, at((String) e[0]), (String) e[1], (String) e[2], (String) e[3]));
    }
    List<StatusUpdate> updates =
        List.of(
            new StatusUpdate(
                at("10:10"),
                Stage.INVESTIGATING,
                "Checkout fails for some customers",
                true,
                "dave"),
            new StatusUpdate(
                at("10:45"),
                Stage.IDENTIFIED,
                "Release 1.42 leaks database connections",
                false,
                "alice"));
    IncidentPolicies policies =
        new IncidentPolicies(
            SeverityPolicy.defaults(),
            new EscalationPolicy("Storefront", 1, List.of()),
            BusinessCalendar.mondayToFriday("UTC"));
    return new IncidentSnapshot(
        42,
        "INC-42",
        "Checkout returns 500",
        "Customers see HTTP 500 when paying.",
        "checkout",
        Severity.SEV2,
        Stage.POSTMORTEM,
        null,
        "bob",
        at("10:00"),
        at("10:04"),
        "alice",
        at("11:32"),
        "bob",
        "Rolled back release 1.42",
        Map.of(Role.COMMANDER, "bob", Role.COMMS, "dave"),
        null,
        List.of(),
        new Targets(false, false, at("10:40")),
        new AlertActivity(4, at("11:10"), true),
        updates,
        new Postmortem(
            PostmortemStatus.DRAFT,
            "bob",
            LocalDate.parse("2026-03-16"),
            "",
            at("11:32"),
            "bob",
            null,
            at("2026-03-04T09:00:00Z")),
        timeline,
        policies,
        null,
        null,
        27);
  }
}
