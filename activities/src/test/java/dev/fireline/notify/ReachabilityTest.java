package dev.fireline.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.directory.Person;
import dev.fireline.directory.Person.Channel;
import dev.fireline.policy.Recipient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who can be reached how, and which gaps stop start-up. */
class ReachabilityTest {
  private static final Person ALICE =
      person(
          "alice", "Alice Adams", List.of(Channel.SMS, Channel.EMAIL), Channel.SMS, Channel.EMAIL);
  private static final Person BOB =
      person("bob", "Bob Brown", List.of(Channel.EMAIL), Channel.SMS, Channel.EMAIL);
  private static final Person CAROL =
      person("carol", "Carol Chen", List.of(Channel.EMAIL), Channel.EMAIL);

  @Test
  void smsRulesWithoutTwilioAreAGapNamingTheSettingsAndEveryPersonOnIt() {
    Reachability.Report report =
        Reachability.of(
            List.of(ALICE, BOB, CAROL),
            List.of(),
            new ProviderSettings(Set.of("email"), false, true));

    assertThat(report.ok()).isFalse();
    assertThat(report.gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.channel()).isEqualTo("sms");
              assertThat(gap.people()).containsExactly("Alice Adams (alice)", "Bob Brown (bob)");
            });
    assertThat(report.problem())
        .isEqualTo(
            "sms has no provider (Twilio: set TWILIO_ACCOUNT_SID, "
                + "TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER) but the notification rules of Alice Adams "
                + "(alice), Bob Brown (bob) use it");
    assertThat(report.people())
        .filteredOn(p -> p.id().equals("alice"))
        .singleElement()
        .satisfies(
            alice -> {
              assertThat(alice.reachable()).as("by e-mail still").isTrue();
              assertThat(alice.rules())
                  .extracting(Reachability.RuleReach::status)
                  .containsExactly(Reachability.Status.NO_PROVIDER, Reachability.Status.REACHABLE);
            });
  }

  @Test
  void withEveryProviderThereIsNoGapButAMissingAddressIsShown() {
    Reachability.Report report =
        Reachability.of(
            List.of(ALICE, BOB),
            List.of(),
            new ProviderSettings(Set.of("sms", "voice", "email"), false, true));

    assertThat(report.ok()).isTrue();
    assertThat(report.people())
        .filteredOn(p -> p.id().equals("bob"))
        .singleElement()
        .satisfies(
            bob ->
                assertThat(bob.rules())
                    .first()
                    .satisfies(
                        rule -> {
                          assertThat(rule.status()).isEqualTo(Reachability.Status.NO_CONTACT);
                          assertThat(rule.detail()).isEqualTo("no sms address in the directory");
                        }));
  }

  @Test
  void logOnlyDeliveryIsNoGapButSaysWhichChannelsAreOnlyLogged() {
    Reachability.Report report =
        Reachability.of(
            List.of(ALICE, CAROL),
            List.of(
                new Recipient(
                    "ops", "Ops", List.of(new Recipient.Rule("log", Duration.ZERO)), null)),
            new ProviderSettings(Set.of(), true, false));

    assertThat(report.ok()).isTrue();
    assertThat(report.loggedOnly()).containsExactly("email", "log", "sms");
    assertThat(report.people()).noneMatch(Reachability.PersonReach::reachable);
  }

  @Test
  void theLogRuleOfConfiguredPeopleIsAGapWithoutLogOnlyDelivery() {
    Reachability.Report report =
        Reachability.of(
            List.of(),
            List.of(
                new Recipient(
                    "ops", "Ops", List.of(new Recipient.Rule("log", Duration.ZERO)), null)),
            new ProviderSettings(Set.of("email"), false, true));

    assertThat(report.gaps())
        .singleElement()
        .satisfies(
            gap -> {
              assertThat(gap.channel()).isEqualTo("log");
              assertThat(gap.needs()).contains("FIRELINE_LOG_ONLY_DELIVERY");
              assertThat(gap.people()).containsExactly("Ops (ops)");
            });
  }

  private static Person person(String id, String name, List<Channel> contacts, Channel... rules) {
    return new Person(
        id,
        name,
        contacts.stream().map(c -> new Person.ContactMethod(c, id + "-" + c)).toList(),
        java.util.Arrays.stream(rules)
            .map(r -> new Person.NotificationRule(r, Duration.ZERO))
            .toList(),
        "UTC",
        null);
  }
}
