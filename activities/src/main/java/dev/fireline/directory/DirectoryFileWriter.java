package dev.fireline.directory;

import dev.fireline.alerts.Silence;
import dev.fireline.directory.EscalationPolicyDefinition.Level;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.Person.ContactMethod;
import dev.fireline.directory.Person.NotificationRule;
import dev.fireline.directory.Person.WorkingHours;
import dev.fireline.incident.Severity;
import dev.fireline.routing.Condition;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingRule;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes directory records back in the shape of the directory file ({@link DirectoryFile}): each
 * record as a tree of maps and lists with the file's kebab-case keys and value formats (durations
 * {@code 2m} or {@code 1h30m}, turns {@code 1w}, times {@code "09:00"}, days {@code MON}, targets
 * {@code schedule:ops/primary}), and a whole {@link DirectoryDocument} as YAML text.
 *
 * <p>What is written parses back to an equal record: {@code DirectoryFile.parse(name,
 * yaml(document))} equals {@code document} for every document the parser produces. Optional values
 * that are absent are left out; defaults the parser fills in (a time zone, override ids, the
 * notification rules) are written out explicitly. The one exception: a person's {@code role} is
 * written, their {@code password-hash} never is (the export must not hand out hashes to crack).
 */
public final class DirectoryFileWriter {

  private static final DateTimeFormatter OFFSET_DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final Pattern TIME_OF_DAY = Pattern.compile("[0-9]{2}:[0-9]{2}");

  private DirectoryFileWriter() {}

  // ------------------------------------------------------------------------------- documents

  /** The document as the file's top-level mapping; empty sections are left out. */
  public static Map<String, Object> document(DirectoryDocument document) {
    Map<String, Object> out = new LinkedHashMap<>();
    section(
        out,
        "people",
        document.people().stream().map(p -> person(p, document.accounts().get(p.id()))).toList());
    section(out, "teams", document.teams().stream().map(DirectoryFileWriter::team).toList());
    section(
        out,
        "schedules",
        document.schedules().stream().map(DirectoryFileWriter::schedule).toList());
    section(
        out,
        "escalation-policies",
        document.escalationPolicies().stream().map(DirectoryFileWriter::escalationPolicy).toList());
    section(
        out, "services", document.services().stream().map(DirectoryFileWriter::service).toList());
    section(
        out,
        "maintenance-windows",
        document.maintenanceWindows().stream()
            .map(DirectoryFileWriter::maintenanceWindow)
            .toList());
    section(
        out, "silences", document.silences().stream().map(DirectoryFileWriter::silence).toList());
    section(
        out,
        "heartbeats",
        document.heartbeats().stream().map(DirectoryFileWriter::heartbeat).toList());
    if (document.routing() != null) {
      out.put("routing", routing(document.routing()));
    }
    return out;
  }

  private static void section(
      Map<String, Object> out, String key, List<Map<String, Object>> items) {
    if (!items.isEmpty()) {
      out.put(key, new ArrayList<>(items));
    }
  }

  /** The document as a directory file (YAML, block style). */
  public static String yaml(DirectoryDocument document) {
    return yaml(document(document));
  }

  /**
   * Any tree of maps, lists, strings, numbers and booleans as YAML in the file's style: block
   * style, two-space indentation, strings quoted wherever YAML would read them as something else.
   */
  public static String yaml(Object tree) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO); // [MON, TUE], {channel: sms, ...}
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    return new Yaml(new FileRepresenter(options), options).dump(tree);
  }

  /** Times of day always in double quotes ("09:00"), as the file's documentation writes them. */
  private static final class FileRepresenter extends Representer {
    FileRepresenter(DumperOptions options) {
      super(options);
      Represent strings = this.representers.get(String.class);
      this.representers.put(
          String.class,
          data ->
              TIME_OF_DAY.matcher((String) data).matches()
                  ? representScalar(Tag.STR, (String) data, DumperOptions.ScalarStyle.DOUBLE_QUOTED)
                  : strings.representData(data));
    }
  }

  // ---------------------------------------------------------------------------------- people

  public static Map<String, Object> person(Person person) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", person.id());
    out.put("name", person.name());
    putIfPresent(out, "timezone", person.timeZone());
    WorkingHours hours = person.workingHours();
    if (hours != null) {
      Map<String, Object> wh = new LinkedHashMap<>();
      wh.put("days", days(hours.days()));
      wh.put("start", time(hours.start()));
      wh.put("end", time(hours.end()));
      out.put("working-hours", wh);
    }
    List<ContactMethod> contacts = person.contacts() == null ? List.of() : person.contacts();
    if (!contacts.isEmpty()) {
      Map<String, Object> c = new LinkedHashMap<>();
      for (ContactMethod contact : contacts) {
        c.put(lower(contact.channel()), contact.address());
      }
      out.put("contacts", c);
    }
    List<NotificationRule> rules = person.rules() == null ? List.of() : person.rules();
    if (!rules.isEmpty()) {
      List<Object> r = new ArrayList<>();
      for (NotificationRule rule : rules) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("channel", lower(rule.channel()));
        entry.put("after", duration(rule.after()));
        r.add(entry);
      }
      out.put("rules", r);
    }
    return out;
  }

  /** The person with the role of {@code account} (null: none); never its password hash. */
  public static Map<String, Object> person(Person person, DirectoryDocument.FileAccount account) {
    Map<String, Object> out = person(person);
    if (account != null) {
      out.put("role", account.role().id());
    }
    return out;
  }

  /** Any directory entity (person, team, schedule, policy, service) as its entry of the file. */
  public static Map<String, Object> entity(Object entity) {
    if (entity instanceof Person person) {
      return person(person);
    } else if (entity instanceof Team team) {
      return team(team);
    } else if (entity instanceof Schedule schedule) {
      return schedule(schedule);
    } else if (entity instanceof EscalationPolicyDefinition policy) {
      return escalationPolicy(policy);
    } else if (entity instanceof ServiceDefinition service) {
      return service(service);
    }
    throw new IllegalArgumentException("not a directory entity: " + entity.getClass());
  }

  // ----------------------------------------------------------------------------------- teams

  public static Map<String, Object> team(Team team) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", team.id());
    out.put("name", team.name());
    putIfPresent(out, "lead", team.lead());
    out.put("members", new ArrayList<>(team.members()));
    return out;
  }

  // ------------------------------------------------------------------------------- schedules

  /** The schedule with its overrides, if it has any (start and end in the schedule's zone). */
  public static Map<String, Object> schedule(Schedule schedule) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", schedule.id());
    out.put("name", schedule.name());
    putIfPresent(out, "timezone", schedule.timeZone());
    List<Object> layers = new ArrayList<>();
    for (Schedule.Layer layer : schedule.layers()) {
      layers.add(layer(layer));
    }
    out.put("layers", layers);
    List<Schedule.Override> overrides =
        schedule.overrides() == null ? List.of() : schedule.overrides();
    if (!overrides.isEmpty()) {
      ZoneId zone = zone(schedule.timeZone());
      List<Object> o = new ArrayList<>();
      for (Schedule.Override override : overrides) {
        o.add(override(override, zone));
      }
      out.put("overrides", o);
    }
    return out;
  }

  public static Map<String, Object> layer(Schedule.Layer layer) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", layer.name());
    Schedule.Rotation rotation = layer.rotation();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("start", rotation.firstHandoff().toLocalDate().toString());
    Map<String, Object> handoff = new LinkedHashMap<>();
    handoff.put("weekday", rotation.firstHandoff().getDayOfWeek().name());
    handoff.put("time", time(rotation.firstHandoff().toLocalTime()));
    r.put("handoff", handoff);
    r.put("turn", turn(rotation.turn()));
    r.put("participants", new ArrayList<>(rotation.participants()));
    out.put("rotation", r);
    List<Schedule.Restriction> restrictions =
        layer.restrictions() == null ? List.of() : layer.restrictions();
    if (!restrictions.isEmpty()) {
      List<Object> list = new ArrayList<>();
      for (Schedule.Restriction restriction : restrictions) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("days", days(restriction.days()));
        entry.put("from", time(restriction.from()));
        entry.put("to", time(restriction.to()));
        list.add(entry);
      }
      out.put("restrictions", list);
    }
    return out;
  }

  /** One override: {@code id, start, end, person, layer?}; instants at {@code zone}'s offset. */
  public static Map<String, Object> override(Schedule.Override override, ZoneId zone) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfPresent(out, "id", override.id());
    out.put("start", instant(override.start(), zone));
    out.put("end", instant(override.end(), zone));
    out.put("person", override.person());
    putIfPresent(out, "layer", override.layer());
    return out;
  }

  // -------------------------------------------------------------------------------- policies

  public static Map<String, Object> escalationPolicy(EscalationPolicyDefinition policy) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", policy.id());
    out.put("name", policy.name());
    out.put("repeats", policy.repeats());
    out.put("levels", levels(policy.levels()));
    Map<Severity, List<Level>> bySeverity = policy.bySeverity();
    if (bySeverity != null && !bySeverity.isEmpty()) {
      Map<String, Object> s = new LinkedHashMap<>();
      for (Severity severity : Severity.values()) {
        List<Level> levels = bySeverity.get(severity);
        if (levels != null) {
          s.put(severity.name(), levels(levels));
        }
      }
      out.put("by-severity", s);
    }
    return out;
  }

  private static List<Object> levels(List<Level> levels) {
    List<Object> out = new ArrayList<>();
    for (Level level : levels) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("escalate-after", duration(level.escalateAfter()));
      entry.put(
          "targets",
          level.targets().stream()
              .map(Target::reference)
              .collect(Collectors.toCollection(ArrayList::new)));
      out.add(entry);
    }
    return out;
  }

  // -------------------------------------------------------------------------------- services

  public static Map<String, Object> service(ServiceDefinition service) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", service.id());
    out.put("name", service.name());
    putIfPresent(out, "team", service.team());
    out.put("escalation-policy", service.escalationPolicy());
    putIfPresent(out, "runbook", service.runbookUrl());
    putIfPresent(out, "status-page-component", service.statusPageComponent());
    out.put("auto-resolve", service.autoResolve());
    if (service.integrationKeys() != null && !service.integrationKeys().isEmpty()) {
      out.put("integration-keys", new ArrayList<>(service.integrationKeys()));
    }
    return out;
  }

  // --------------------------------------------------------------------------------- routing

  /** {@code keys} (their {@code sha256:} form only), {@code rules}, {@code fallback?}. */
  public static Map<String, Object> routing(RoutingDefinition routing) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("keys", new ArrayList<>(routing.keys()));
    out.put(
        "rules",
        routing.rules().stream()
            .map(DirectoryFileWriter::routingRule)
            .collect(Collectors.toCollection(ArrayList::new)));
    putIfPresent(out, "fallback", routing.fallback());
    return out;
  }

  public static Map<String, Object> routingRule(RoutingRule rule) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfPresent(out, "name", rule.name());
    if (!rule.when().isEmpty()) {
      out.put(
          "when",
          rule.when().stream()
              .map(DirectoryFileWriter::condition)
              .collect(Collectors.toCollection(ArrayList::new)));
    }
    putIfPresent(out, "service", rule.service());
    putIfPresent(out, "severity", rule.severity() == null ? null : rule.severity().name());
    putIfPresent(out, "urgency", rule.urgency() == null ? null : lower(rule.urgency()));
    putIfPresent(out, "dedup-key", rule.dedupKey());
    if (rule.suppress()) {
      out.put("suppress", true);
    }
    if (rule.correlate() != null) {
      Map<String, Object> correlate = new LinkedHashMap<>();
      correlate.put("by", new ArrayList<>(rule.correlate().by()));
      correlate.put("window", duration(rule.correlate().window()));
      out.put("correlate", correlate);
    }
    return out;
  }

  private static Map<String, Object> condition(Condition condition) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("field", condition.field());
    out.put(
        condition.operator().key(),
        condition.operator() == Condition.Operator.EXISTS
            ? (Object) Boolean.parseBoolean(condition.value())
            : condition.value());
    return out;
  }

  // ---------------------------------------------- maintenance windows, silences, heartbeats

  /** {@code id, service, start, end, reason?}; times in UTC. */
  public static Map<String, Object> maintenanceWindow(MaintenanceWindowDefinition window) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", window.id());
    out.put("service", window.service());
    out.put("start", instant(window.start(), ZoneOffset.UTC));
    out.put("end", instant(window.end(), ZoneOffset.UTC));
    putIfPresent(out, "reason", window.reason());
    return out;
  }

  /** {@code id, service?, matchers, start?, end, comment?}; times in UTC. */
  public static Map<String, Object> silence(SilenceDefinition silence) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", silence.id());
    putIfPresent(out, "service", silence.service());
    out.put(
        "matchers",
        silence.matchers().stream()
            .map(DirectoryFileWriter::matcher)
            .collect(Collectors.toCollection(ArrayList::new)));
    if (silence.start() != null) {
      out.put("start", instant(silence.start(), ZoneOffset.UTC));
    }
    out.put("end", instant(silence.end(), ZoneOffset.UTC));
    putIfPresent(out, "comment", silence.comment());
    return out;
  }

  /** {@code id, service, interval, grace, key?}: the key is written when the record has one. */
  public static Map<String, Object> heartbeat(HeartbeatDefinition heartbeat) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", heartbeat.id());
    out.put("service", heartbeat.service());
    out.put("interval", duration(heartbeat.interval()));
    out.put("grace", duration(heartbeat.grace()));
    putIfPresent(out, "key", heartbeat.key());
    return out;
  }

  /**
   * A matcher as the file writes it: {@code alertname=~Noisy.*}; a value with surrounding spaces or
   * quotes is written in double quotes (the parser takes off one pair).
   */
  public static String matcher(Silence.Matcher matcher) {
    String value = matcher.value() == null ? "" : matcher.value();
    boolean quote =
        !value.equals(value.trim())
            || (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""));
    return matcher.label() + matcher.op() + (quote ? "\"" + value + "\"" : value);
  }

  // ---------------------------------------------------------------------------------- values

  /**
   * A duration as the file writes it: {@code 0m}, {@code 30s}, {@code 15m}, {@code 1h30m}, {@code
   * 1d}; negative or sub-second durations in ISO-8601 ({@code PT0.5S}).
   */
  public static String duration(Duration duration) {
    if (duration.isZero()) {
      return "0m";
    }
    if (duration.isNegative() || duration.getNano() != 0) {
      return duration.toString();
    }
    long seconds = duration.getSeconds();
    StringBuilder out = new StringBuilder();
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      out.append(days).append('d');
    }
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (secs > 0) {
      out.append(secs).append('s');
    }
    return out.toString();
  }

  /** A turn length: {@code 12h}, {@code 1d}, {@code 1w}. */
  public static String turn(Schedule.Turn turn) {
    char unit =
        switch (turn.unit()) {
          case HOURS -> 'h';
          case DAYS -> 'd';
          case WEEKS -> 'w';
        };
    return turn.amount() + String.valueOf(unit);
  }

  /** A time of day: {@code 09:00}. */
  public static String time(LocalTime time) {
    return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
  }

  /** Weekdays as {@code MON} to {@code SUN}. */
  public static List<Object> days(List<DayOfWeek> days) {
    List<Object> out = new ArrayList<>();
    for (DayOfWeek day : days) {
      out.add(day.name().substring(0, 3));
    }
    return out;
  }

  /** An instant as an ISO-8601 date-time with {@code zone}'s offset at that instant. */
  public static String instant(Instant instant, ZoneId zone) {
    return OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
  }

  private static ZoneId zone(String id) {
    try {
      return id == null ? ZoneOffset.UTC : ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static void putIfPresent(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
