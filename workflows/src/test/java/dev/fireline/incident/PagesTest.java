package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The notifications an incident sends, without a workflow. The idempotency keys are pinned here
 * character by character: the delivery log knows running incidents' pages by them, so a changed key
 * would page people twice.
 */
class PagesTest {
  private final Incident incident = PlainIncidents.declared(Severity.SEV1);
  private static final Recipient ALICE =
      FakePolicyDirectory.person("alice", new Recipient.Rule("sms", Duration.ZERO));

  @Test
  void aPageIsKeyedByPassLevelPersonChannelAndDelay() {
    Escalation secondLevelSecondPass = new Escalation("primary", 1, 1, null, false);
    Notification now =
        Pages.page(
            incident,
            ALICE,
            new Recipient.Rule("sms", null),
            secondLevelSecondPass,
            "level 2, pass 2 of policy primary");
    Notification later =
        Pages.page(
            incident,
            ALICE,
            new Recipient.Rule("voice", Duration.ofMinutes(2)),
            secondLevelSecondPass,
            "why");

    assertThat(now.idempotencyKey()).isEqualTo("INC-7/page/p2/l2/alice/sms+0m");
    assertThat(later.idempotencyKey()).isEqualTo("INC-7/page/p2/l2/alice/voice+2m");
    assertThat(now)
        .isEqualTo(
            new Notification(
                "INC-7/page/p2/l2/alice/sms+0m",
                7,
                NotificationKind.PAGE,
                "alice",
                "Alice",
                "sms",
                "[SEV1] INC-7 checkout: Checkout is failing",
                "[SEV1] INC-7 checkout: Checkout is failing\nYou are paged (level 2, pass 2 of policy "
                    + "primary). Acknowledge to stop the escalation."));
  }

  @Test
  void aPageSaysTheSeverityItHasWhenItIsMade() {
    incident.changeSeverity(Severity.SEV2, "bob", PlainIncidents.T0);
    assertThat(
            Pages.page(
                    incident,
                    ALICE,
                    new Recipient.Rule("sms", null),
                    new Escalation("primary", 0, 0, null, false),
                    "why")
                .subject())
        .startsWith("[SEV2] ");
  }

  @Test
  void theFallbackIsTheSameMessageByEmailUnderItsOwnKey() {
    Notification sms =
        Pages.page(
            incident,
            ALICE,
            new Recipient.Rule("sms", null),
            new Escalation("primary", 0, 0, null, false),
            "why");
    Notification fallback = Pages.fallback(sms);

    assertThat(Pages.FALLBACK_CHANNEL).isEqualTo("email");
    assertThat(fallback)
        .isEqualTo(
            new Notification(
                "INC-7/page/p1/l1/alice/sms+0m/fallback-email",
                7,
                NotificationKind.PAGE,
                "alice",
                "Alice",
                "email",
                sms.subject(),
                sms.body() + "\n(sms could not reach you.)"));
  }

  @Test
  void anAlarmPageIsKeyedByItsInstantPersonAndChannel() {
    Instant at = PlainIncidents.T0.plusSeconds(60);
    String subject = Pages.alarmSubject(incident);
    Recipient dave = new Recipient("dave", "Dave", List.of(), "admin");

    Notification alarm =
        Pages.alarm(incident, subject, at, dave, "voice", "level 1, pass 1 of policy primary");
    Notification asLastLevel =
        Pages.alarm(
            incident,
            subject,
            at,
            FakePolicyDirectory.person("carol"),
            "sms",
            "level 1, pass 1 of policy primary");

    assertThat(subject).isEqualTo("[SEV1] INC-7 checkout: paging reached nobody");
    assertThat(alarm)
        .isEqualTo(
            new Notification(
                "INC-7/reached-nobody/" + at.toEpochMilli() + "/dave/voice",
                7,
                NotificationKind.PAGE,
                "dave",
                "Dave",
                "voice",
                subject,
                subject
                    + ": Checkout is failing\nlevel 1, pass 1 of "
                    + "policy primary reached nobody. You are paged as admin. Acknowledge to take it."));
    assertThat(asLastLevel.body())
        .contains("You are paged as the last level or an admin. Acknowledge to take it.");
  }

  @Test
  void aNoticeIsKeyedByItsStepPersonAndChannel() {
    Notification notice =
        Pages.notice(
            incident,
            "resolution-target",
            NotificationKind.RESOLUTION_TARGET_MISSED,
            ALICE,
            "email",
            "subject",
            "body");

    assertThat(notice)
        .isEqualTo(
            new Notification(
                "INC-7/resolution-target/alice/email",
                7,
                NotificationKind.RESOLUTION_TARGET_MISSED,
                "alice",
                "Alice",
                "email",
                "subject",
                "body"));
  }

  @Test
  void describeNamesPagesAndOtherNotifications() {
    Notification page =
        Pages.page(
            incident,
            ALICE,
            new Recipient.Rule("sms", null),
            new Escalation("primary", 0, 0, null, false),
            "why");
    Notification notice =
        Pages.notice(
            incident, "step", NotificationKind.STATUS_UPDATE_REMINDER, ALICE, "email", "s", "b");

    assertThat(Pages.describe(page)).isEqualTo("Page to Alice via sms");
    assertThat(Pages.describe(notice)).isEqualTo("Notification to Alice via email");
  }
}
