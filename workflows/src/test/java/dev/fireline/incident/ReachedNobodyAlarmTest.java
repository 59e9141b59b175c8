package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.incident.ReachedNobodyAlarm.Unreached;
import dev.fireline.policy.EscalationPolicy.Level;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reached-nobody alarm's decisions and words, without a workflow. */
class ReachedNobodyAlarmTest {
  /** alice (5 min), bob (10 min), carol (15 min). */
  private static final List<Level> LEVELS = FakePolicyDirectory.PRIMARY.levels();

  private static final Unreached FIRST =
      new Unreached(
          "level 1, pass 1 of policy primary",
          0,
          "nobody is on call for it or known to the directory");
  private static final Unreached LAST =
      new Unreached("level 3, pass 2 of policy primary", 2, "every page of it failed");

  @Test
  void theLastLevelFailingIsNotAlarmedAgainOnlyTheAdmins() {
    assertThat(ReachedNobodyAlarm.lastLevelFailed(FIRST, LEVELS)).isFalse();
    assertThat(ReachedNobodyAlarm.lastLevelFailed(LAST, LEVELS)).isTrue();
    assertThat(ReachedNobodyAlarm.targets(LEVELS, false))
        .containsExactly("carol", PolicyActivities.ADMINS);
    assertThat(ReachedNobodyAlarm.targets(LEVELS, true)).containsExactly(PolicyActivities.ADMINS);
  }

  @Test
  void withoutLevelsOnlyTheAdminsAndNoRetry() {
    assertThat(ReachedNobodyAlarm.lastLevelFailed(FIRST, List.of())).isTrue();
    assertThat(ReachedNobodyAlarm.targets(List.of(), false))
        .containsExactly(PolicyActivities.ADMINS);
    assertThat(ReachedNobodyAlarm.lastLevelAgainAfter(List.of())).isNull();
  }

  @Test
  void anExhaustedPolicyPagesItsLastLevelAgainAfterThatLevelsDelay() {
    assertThat(ReachedNobodyAlarm.lastLevelAgainAfter(LEVELS)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theTimelineSaysWhatHappensNext() {
    assertThat(
            ReachedNobodyAlarm.timelineText(
                FIRST, true, false, Duration.ofMinutes(15), null, false))
        .isEqualTo(
            "EMERGENCY: level 1, pass 1 of policy primary reached nobody: nobody "
                + "is on call for it or known to the directory. The next level is paged now; the "
                + "policy's last level and the admins are paged by every channel");
    assertThat(
            ReachedNobodyAlarm.timelineText(
                LAST,
                false,
                true,
                Duration.ofMinutes(15),
                new Escalation("primary", 2, 2, PlainIncidents.T0, false),
                true))
        .isEqualTo(
            "EMERGENCY: level 3, pass 2 of policy primary reached nobody: every page of "
                + "it failed. There is no further level: the last level is paged again in 15 min "
                + "(pass 3), until someone is reached; the admins are paged by every channel");
    assertThat(ReachedNobodyAlarm.timelineText(LAST, false, false, null, null, true))
        .as("the escalation is not read when nothing is paged again")
        .isEqualTo(
            "EMERGENCY: level 3, pass 2 of policy primary reached nobody: every page of "
                + "it failed. There is no further level; the admins are paged by every channel");
  }

  @Test
  void everyChannelOfAPersonOnceWhateverItsDelay() {
    Recipient bob =
        FakePolicyDirectory.person(
            "bob",
            new Recipient.Rule("sms", Duration.ZERO),
            new Recipient.Rule("voice", Duration.ofMinutes(2)),
            new Recipient.Rule("sms", Duration.ofMinutes(5)));
    assertThat(ReachedNobodyAlarm.channels(bob)).containsExactly("sms", "voice");
  }

  @Test
  void theLookupAndThePagesSayWhatTheyAreFor() {
    assertThat(ReachedNobodyAlarm.purpose(FIRST))
        .isEqualTo("alarm: level 1, pass 1 of policy primary reached nobody");
  }
}
