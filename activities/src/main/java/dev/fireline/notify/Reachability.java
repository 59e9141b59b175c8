package dev.fireline.notify;

import dev.fireline.directory.Person;
import dev.fireline.policy.Recipient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who can be reached how: every person's notification rules against the channels that have a
 * provider here. A rule on a channel without one is a gap: that person's pages on it reach nobody.
 */
public final class Reachability {

  public enum Status {
    /** A provider and the person's address for it. */
    REACHABLE,
    /** No provider, and log-only delivery is on: written to the log, reaches nobody. */
    LOGGED_ONLY,
    /** No provider: the page fails (and falls back to e-mail where that works). */
    NO_PROVIDER,
    /** A provider, but the person has no address for this channel. */
    NO_CONTACT
  }

  /** One rule of one person: {@code detail} says what is missing. */
  public record RuleReach(String channel, String after, Status status, String detail) {}

  public record PersonReach(String id, String name, List<RuleReach> rules, boolean reachable) {}

  /** A channel people rely on that has no provider: who, and what to set. */
  public record Gap(String channel, String needs, List<String> people) {
    String describe() {
      return channel
          + " has no provider ("
          + needs
          + ") but the notification rules of "
          + String.join(", ", people)
          + " use it";
    }
  }

  /**
   * @param providers channels with a provider here
   * @param gaps channels people's rules use without a provider (empty with log-only delivery, where
   *     such pages are LOGGED instead)
   */
  public record Report(
      Set<String> providers, boolean logOnly, List<PersonReach> people, List<Gap> gaps) {

    public boolean ok() {
      return gaps.isEmpty();
    }

    /** The gaps in one sentence, for a start-up failure or a health reason; empty when none. */
    public String problem() {
      return gaps.stream().map(Gap::describe).collect(Collectors.joining("; "));
    }

    /** The channels pages are only logged on: log-only delivery without a provider. */
    public Set<String> loggedOnly() {
      return people.stream()
          .flatMap(p -> p.rules().stream())
          .filter(r -> r.status() == Status.LOGGED_ONLY)
          .map(RuleReach::channel)
          .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  private Reachability() {}

  /** The directory's people and the people of {@code fireline.people} (configuration). */
  public static Report of(
      List<Person> people, List<Recipient> configured, ProviderSettings settings) {
    List<PersonReach> reaches = new ArrayList<>();
    for (Person person : people) {
      Map<String, String> contacts = new LinkedHashMap<>();
      person.contacts().forEach(c -> contacts.put(name(c.channel()), c.address()));
      reaches.add(
          reach(
              person.id(),
              person.name(),
              person.rules().stream().map(r -> new Rule(name(r.channel()), r.after())).toList(),
              contacts,
              settings));
    }
    for (Recipient recipient : configured) {
      // people from configuration have no contacts of their own: only the log channel
      reaches.add(
          reach(
              recipient.id(),
              recipient.name(),
              recipient.rules().stream().map(r -> new Rule(r.channel(), r.after())).toList(),
              null,
              settings));
    }
    Map<String, List<String>> gaps = new java.util.TreeMap<>();
    for (PersonReach person : reaches) {
      person.rules().stream()
          .filter(r -> r.status() == Status.NO_PROVIDER)
          .map(RuleReach::channel)
          .distinct()
          .forEach(
              channel ->
                  gaps.computeIfAbsent(channel, c -> new ArrayList<>())
                      .add(person.name() + " (" + person.id() + ")"));
    }
    return new Report(
        settings.channels(),
        settings.logOnly(),
        List.copyOf(reaches),
        gaps.entrySet().stream()
            .map(
                g ->
                    new Gap(
                        g.getKey(), ChannelProviders.needs(g.getKey()), List.copyOf(g.getValue())))
            .toList());
  }

  private record Rule(String channel, java.time.Duration after) {}

  private static PersonReach reach(
      String id,
      String name,
      List<Rule> rules,
      Map<String, String> contacts,
      ProviderSettings settings) {
    List<RuleReach> reaches =
        rules.stream()
            .map(
                rule -> {
                  String after = dev.fireline.policy.Durations.human(rule.after());
                  if (!settings.channels().contains(rule.channel())) {
                    return settings.logOnly()
                        ? new RuleReach(
                            rule.channel(),
                            after,
                            Status.LOGGED_ONLY,
                            "no "
                                + rule.channel()
                                + " provider; log-only delivery writes it to the log")
                        : new RuleReach(
                            rule.channel(),
                            after,
                            Status.NO_PROVIDER,
                            "no "
                                + rule.channel()
                                + " provider: "
                                + ChannelProviders.needs(rule.channel()));
                  }
                  if (contacts != null && !contacts.containsKey(rule.channel())) {
                    return new RuleReach(
                        rule.channel(),
                        after,
                        Status.NO_CONTACT,
                        "no " + rule.channel() + " address in the directory");
                  }
                  return new RuleReach(
                      rule.channel(),
                      after,
                      Status.REACHABLE,
                      contacts == null ? "" : contacts.get(rule.channel()));
                })
            .toList();
    return new PersonReach(
        id,
        name == null ? id : name,
        reaches,
        reaches.stream().anyMatch(r -> r.status() == Status.REACHABLE));
  }

  private static String name(Person.Channel channel) {
    return channel.name().toLowerCase(Locale.ROOT);
  }
}
