package dev.fireline.directory;

import static dev.fireline.directory.LocatedYaml.fromText;
import static dev.fireline.directory.LocatedYaml.invalid;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.fireline.alerts.Silence;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.Person.Channel;
import dev.fireline.incident.Severity;
import dev.fireline.policy.Urgency;
import dev.fireline.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;
import org.hibernate.validator.constraints.URL;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * The directory file as written: one record per kind of entry, its components the file's keys in
 * kebab case ({@code escalationPolicy} is {@code escalation-policy}), with the rules of single
 * fields as Bean Validation constraints. Values with a syntax of their own (durations, targets,
 * matchers, weekdays...) are types read by {@link #values()}. {@link DirectoryFile} checks what
 * spans fields and entries and makes the directory's records.
 */
final class DirectoryFileModel {
  private DirectoryFileModel() {}

  static final String REQUIRED = "is required";
  static final String ID = "[a-z0-9][a-z0-9._-]*";
  static final String ID_RULE =
      "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit";
  private static final String NOT_AN_ID = "is not a valid id: " + ID_RULE;
  private static final String E164 = "\\+[1-9][0-9]{6,14}";
  private static final String NOT_E164 =
      "is not an E.164 phone number" + " ('+', country code and number, no spaces: +4915112345678)";

  /** A bcrypt hash (the only kind the file takes), with or without the encoder's id. */
  static final String BCRYPT_ID = "{bcrypt}";

  private static final String BCRYPT =
      "(\\{bcrypt})?\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}";

  /** Heartbeat ping keys are credentials: 16 characters at least, no spaces around. */
  static final int MIN_HEARTBEAT_KEY_LENGTH = 16;

  private static final String DAYS = "at least one day is needed";

  record FileDocument(
      List<@Valid PersonEntry> people,
      List<@Valid TeamEntry> teams,
      List<@Valid ScheduleEntry> schedules,
      List<@Valid PolicyEntry> escalationPolicies,
      List<@Valid ServiceEntry> services,
      List<@Valid WindowEntry> maintenanceWindows,
      List<@Valid SilenceEntry> silences,
      List<@Valid HeartbeatEntry> heartbeats,
      @Valid RoutingEntry routing) {}

  record PersonEntry(
      @NotNull(message = REQUIRED) @Pattern(regexp = ID, message = NOT_AN_ID) String id,
      @NotNull(message = REQUIRED) String name,
      ZoneId timezone,
      @Valid HoursEntry workingHours,
      @Valid ContactsEntry contacts,
      @Size(
              min = 1,
              message = "must not be empty (leave rules out to notify every contact at once)")
          List<@Valid RuleEntry> rules,
      Role role,
      @Pattern(
              regexp = BCRYPT,
              message = "must be a bcrypt hash (\\{bcrypt\\}$2a$...), never a plain password")
          String passwordHash) {}

  record ContactsEntry(
      @Pattern(regexp = E164, message = NOT_E164) String sms,
      @Pattern(regexp = E164, message = NOT_E164) String voice,
      @Pattern(regexp = "[^@\\s]+@[^@\\s]+", message = "is not an e-mail address") String email,
      String chat) {}

  record RuleEntry(
      @NotNull(message = REQUIRED) Channel channel,
      @DurationMin(message = "must not be negative") Duration after) {}

  record HoursEntry(
      @NotEmpty(message = DAYS) List<DayOfWeek> days,
      @NotNull(message = REQUIRED) LocalTime start,
      @NotNull(message = REQUIRED) LocalTime end) {}

  record TeamEntry(
      @NotNull(message = REQUIRED) @Pattern(regexp = ID, message = NOT_AN_ID) String id,
      @NotNull(message = REQUIRED) String name,
      String lead,
      @NotEmpty(message = "a team needs at least one member") List<String> members) {}

  record ScheduleEntry(
      @NotNull(message = REQUIRED) @Pattern(regexp = ID, message = NOT_AN_ID) String id,
      @NotNull(message = REQUIRED) String name,
      ZoneId timezone,
      @NotEmpty(message = "a schedule needs at least one layer") List<@Valid LayerEntry> layers,
      List<@Valid OverrideEntry> overrides) {}

  record LayerEntry(
      @NotNull(message = REQUIRED)
          @Pattern(regexp = ID, message = "is not a valid layer name: " + ID_RULE)
          String name,
      @NotNull(message = REQUIRED) @Valid RotationEntry rotation,
      List<@Valid RestrictionEntry> restrictions) {}

  record RotationEntry(
      @NotNull(message = REQUIRED) LocalDate start,
      HandoffEntry handoff,
      @NotNull(message = REQUIRED) Schedule.Turn turn,
      @NotEmpty(message = "a layer needs at least one participant") List<String> participants) {}

  record HandoffEntry(DayOfWeek weekday, LocalTime time) {}

  record RestrictionEntry(
      @NotEmpty(message = DAYS) List<DayOfWeek> days,
      @NotNull(message = REQUIRED) LocalTime from,
      @NotNull(message = REQUIRED) LocalTime to) {}

  /** Start and end are read with the schedule's time zone, by {@link DirectoryFile}. */
  record OverrideEntry(
      @Pattern(regexp = ID, message = NOT_AN_ID) String id,
      @NotNull(message = REQUIRED) String start,
      @NotNull(message = REQUIRED) String end,
      @NotNull(message = REQUIRED) String person,
      String layer) {}

  record PolicyEntry(
      @NotNull(message = REQUIRED) @Pattern(regexp = ID, message = NOT_AN_ID) String id,
      @NotNull(message = REQUIRED) String name,
      @PositiveOrZero(message = "must not be negative") Integer repeats,
      @NotEmpty(message = "a policy needs at least one level") List<@Valid LevelEntry> levels,
      Map<String, List<@Valid LevelEntry>> bySeverity) {}

  record LevelEntry(
      @NotNull(message = REQUIRED)
          @DurationMin(inclusive = false, message = "must be longer than zero")
          Duration escalateAfter,
      @NotEmpty(message = "a level needs at least one target") List<Target> targets) {}

  record ServiceEntry(
      @NotNull(message = REQUIRED) @Pattern(regexp = ID, message = NOT_AN_ID) String id,
      @NotNull(message = REQUIRED) String name,
      String team,
      @NotNull(message = REQUIRED) String escalationPolicy,
      @URL(regexp = "(?i)https?://.+", message = "is not an http(s) URL") String runbook,
      String statusPageComponent,
      Boolean autoResolve,
      List<String> integrationKeys) {}

  record WindowEntry(
      @NotNull(message = REQUIRED) @Pattern(regexp = ID, message = NOT_AN_ID) String id,
      @NotNull(message = REQUIRED) String service,
      @NotNull(message = REQUIRED) Instant start,
      @NotNull(message = REQUIRED) Instant end,
      String reason) {}

  record SilenceEntry(
      @NotNull(message = REQUIRED) @Pattern(regexp = ID, message = NOT_AN_ID) String id,
      String service,
      @NotEmpty(message = "a silence needs at least one matcher, e.g. [\"alertname=DiskFull\"]")
          List<Silence.Matcher> matchers,
      Instant start,
      @NotNull(message = REQUIRED) Instant end,
      String comment) {}

  record HeartbeatEntry(
      @NotNull(message = REQUIRED) @Pattern(regexp = ID, message = NOT_AN_ID) String id,
      @NotNull(message = REQUIRED) String service,
      @NotNull(message = REQUIRED)
          @DurationMin(inclusive = false, message = "must be longer than zero")
          Duration interval,
      @DurationMin(message = "must not be negative") Duration grace,
      @Pattern(
              regexp = "(?s)[^\\x00-\\x20].{" + (MIN_HEARTBEAT_KEY_LENGTH - 2) + ",}[^\\x00-\\x20]",
              message =
                  "a ping key must be at least "
                      + MIN_HEARTBEAT_KEY_LENGTH
                      + " characters,"
                      + " without leading or trailing spaces (it is the only credential of the ping URL)")
          String key) {}

  record RoutingEntry(List<String> keys, List<@Valid RuleOfRouting> rules, String fallback) {}

  record RuleOfRouting(
      String name,
      List<@Valid ConditionEntry> when,
      String service,
      Severity severity,
      Urgency urgency,
      String dedupKey,
      Boolean suppress,
      @Valid CorrelateEntry correlate) {}

  /** One operator of equals, matches and exists: {@link DirectoryFile} counts them. */
  record ConditionEntry(
      @NotNull(message = REQUIRED) String field,
      @JsonDeserialize(using = StringDeserializer.class) String equals, // "" is a value here
      @JsonDeserialize(using = StringDeserializer.class) String matches,
      Boolean exists) {}

  record CorrelateEntry(
      @NotEmpty(message = "name the labels that must be equal, e.g. [cluster, region]")
          List<String> by,
      @NotNull(message = "is required (e.g. 10m)")
          @DurationMin(inclusive = false, message = "must be longer than zero")
          Duration window) {}

  // ------------------------------------------------------------------------- value types

  private static final java.util.regex.Pattern TIME =
      java.util.regex.Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");
  private static final java.util.regex.Pattern SHORT_DURATION =
      java.util.regex.Pattern.compile("(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?");
  private static final java.util.regex.Pattern TURN =
      java.util.regex.Pattern.compile("([0-9]+)([hdw])");
  private static final java.util.regex.Pattern DATE_SPACE_TIME =
      java.util.regex.Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2} .*");

  /** A silence matcher: label, operator, value ({@code alertname=~Noisy.*}). */
  private static final java.util.regex.Pattern MATCHER =
      java.util.regex.Pattern.compile(
          "\\s*([^=!~\\s]+)\\s*(=~|!~|!=|=)(.*)", java.util.regex.Pattern.DOTALL);

  private static final String TARGETS =
      "write person:<id>, team:<id>, schedule:<id> or schedule:<id>/<layer>";

  /** How each value type is read from its text, and what is wrong with text it cannot read. */
  static SimpleModule values() {
    return new SimpleModule("directory-file-values")
        .addDeserializer(String.class, fromText(String.class, text -> text))
        .addDeserializer(
            Boolean.class,
            fromText(
                Boolean.class,
                text -> {
                  if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException(
                        "expected true or false, not '" + text + "'");
                  }
                  return Boolean.valueOf(text);
                }))
        .addDeserializer(
            Integer.class,
            fromText(
                Integer.class,
                text -> {
                  try {
                    return Integer.valueOf(text.trim());
                  } catch (NumberFormatException e) {
                    throw invalid(text, "is not a whole number");
                  }
                }))
        .addDeserializer(Duration.class, fromText(Duration.class, DirectoryFileModel::duration))
        .addDeserializer(
            LocalTime.class,
            fromText(
                LocalTime.class,
                text -> {
                  Matcher m = TIME.matcher(text.trim());
                  if (!m.matches()) {
                    throw invalid(
                        text,
                        "is not a time of day (HH:mm, e.g. \"09:00\""
                            + (text.trim().equals("24:00") ? "; midnight is \"00:00\"" : "")
                            + ")");
                  }
                  return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }))
        .addDeserializer(
            LocalDate.class,
            fromText(
                LocalDate.class,
                text -> {
                  try {
                    return LocalDate.parse(text.trim());
                  } catch (DateTimeParseException e) {
                    throw invalid(text, "is not a date (YYYY-MM-DD, e.g. 2026-01-05)");
                  }
                }))
        .addDeserializer(
            DayOfWeek.class,
            fromText(
                DayOfWeek.class,
                text -> {
                  String t = text.trim().toUpperCase(Locale.ROOT);
                  for (DayOfWeek day : DayOfWeek.values()) {
                    if (day.name().equals(t) || day.name().substring(0, 3).equals(t)) {
                      return day;
                    }
                  }
                  throw invalid(text, "is not a weekday (MON to SUN, or MONDAY to SUNDAY)");
                }))
        .addDeserializer(
            ZoneId.class,
            fromText(
                ZoneId.class,
                text -> {
                  try {
                    return ZoneId.of(text.trim());
                  } catch (DateTimeException e) {
                    throw new IllegalArgumentException(
                        "unknown time zone '" + text + "' (use an IANA zone like Europe/Berlin)");
                  }
                }))
        .addDeserializer(Instant.class, fromText(Instant.class, DirectoryFileModel::offsetInstant))
        .addDeserializer(
            Channel.class,
            fromText(
                Channel.class,
                text -> {
                  for (Channel channel : Channel.values()) {
                    if (channel.name().equalsIgnoreCase(text.trim())) {
                      return channel;
                    }
                  }
                  throw new IllegalArgumentException(
                      "unknown channel '" + text + "' (sms, voice, email or chat)");
                }))
        .addDeserializer(
            Severity.class,
            fromText(
                Severity.class,
                text ->
                    Severity.parse(text)
                        .orElseThrow(
                            () -> invalid(text, "is not a severity: SEV1, SEV2, SEV3 or SEV4"))))
        .addDeserializer(
            Urgency.class,
            fromText(
                Urgency.class,
                text ->
                    Urgency.parse(text)
                        .orElseThrow(() -> invalid(text, "is not an urgency: high or low"))))
        .addDeserializer(
            Role.class,
            fromText(
                Role.class,
                text ->
                    Role.parse(text)
                        .orElseThrow(
                            () -> invalid(text, "is not a role: use viewer, responder or admin"))))
        .addDeserializer(
            Schedule.Turn.class, fromText(Schedule.Turn.class, DirectoryFileModel::turn))
        .addDeserializer(Target.class, fromText(Target.class, DirectoryFileModel::target))
        .addDeserializer(
            Silence.Matcher.class, fromText(Silence.Matcher.class, DirectoryFileModel::matcher));
  }

  /** {@code 30s, 15m, 2h, 1d, 1h30m} or ISO-8601 ({@code PT15M}); may be negative or zero. */
  static Duration duration(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    try {
      Matcher m = SHORT_DURATION.matcher(t);
      if (m.matches()) {
        Duration d = Duration.ZERO;
        d = m.group(1) == null ? d : d.plusDays(Long.parseLong(m.group(1)));
        d = m.group(2) == null ? d : d.plusHours(Long.parseLong(m.group(2)));
        d = m.group(3) == null ? d : d.plusMinutes(Long.parseLong(m.group(3)));
        return m.group(4) == null ? d : d.plusSeconds(Long.parseLong(m.group(4)));
      }
      if (t.toUpperCase(Locale.ROOT).startsWith("P")
          || t.toUpperCase(Locale.ROOT).startsWith("-P")) {
        return Duration.parse(t);
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      // reported below
    }
    throw invalid(text, "is not a duration: write e.g. 30s, 15m, 2h, 1d, 1h30m or PT15M");
  }

  private static Schedule.Turn turn(String text) {
    Matcher m = TURN.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw invalid(text, "is not a turn length: write <n>h, <n>d or <n>w (e.g. 1w)");
    }
    int amount;
    try {
      amount = Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("turn amount '" + m.group(1) + "' is too large");
    }
    if (amount < 1) {
      throw new IllegalArgumentException("turn amount must be at least 1");
    }
    return new Schedule.Turn(
        amount,
        switch (m.group(2)) {
          case "h" -> Schedule.Turn.Unit.HOURS;
          case "d" -> Schedule.Turn.Unit.DAYS;
          default -> Schedule.Turn.Unit.WEEKS;
        });
  }

  /** {@code person:<id>}, {@code team:<id>}, {@code schedule:<id>[/<layer>]}; ids checked later. */
  private static Target target(String text) {
    int colon = text.indexOf(':');
    String type = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String id = text.substring(colon + 1).trim();
    int slash = id.indexOf('/');
    String layer = slash < 0 ? null : id.substring(slash + 1).trim();
    id = slash < 0 ? id : id.substring(0, slash).trim();
    if (colon < 0 || id.isEmpty() || (layer != null && layer.isEmpty())) {
      throw invalid(text, "is not a target: " + TARGETS);
    }
    if (layer != null && !type.equals("schedule")) {
      throw new IllegalArgumentException("'" + text + "': only schedule targets name a layer");
    }
    return switch (type) {
      case "person" -> new Target(Target.Type.PERSON, id, null);
      case "team" -> new Target(Target.Type.TEAM, id, null);
      case "schedule" -> new Target(Target.Type.SCHEDULE, id, layer);
      default ->
          throw new IllegalArgumentException(
              "unknown target type '" + type + "' in '" + text + "': " + TARGETS);
    };
  }

  /** {@code label<op>value}, op one of =, !=, =~, !~; a regular expression must compile. */
  private static Silence.Matcher matcher(String text) {
    Matcher m = MATCHER.matcher(text);
    if (!m.matches()) {
      throw invalid(
          text,
          "is not a matcher: write label=value, label!=value, label=~regex or"
              + " label!~regex (e.g. \"alertname=~Noisy.*\")");
    }
    String value = m.group(3).trim();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    if (m.group(2).contains("~")) {
      regexProblem(value)
          .ifPresent(
              problem -> {
                throw new IllegalArgumentException(
                    "'"
                        + m.group(3).trim()
                        + "' in '"
                        + text
                        + "' is not a valid regular expression: "
                        + problem);
              });
    }
    return new Silence.Matcher(m.group(1), m.group(2), value);
  }

  static java.util.Optional<String> regexProblem(String regex) {
    try {
      java.util.regex.Pattern.compile(regex);
      return java.util.Optional.empty();
    } catch (PatternSyntaxException e) {
      return java.util.Optional.of(e.getDescription());
    }
  }

  /** {@code 2026-12-01T22:00:00Z}, also with a space for the T; an offset is required. */
  private static Instant offsetInstant(String text) {
    String t = spaceToT(text);
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      boolean local = parses(() -> LocalDateTime.parse(t));
      throw invalid(
          text,
          "is not a date-time with an offset"
              + (local ? " (it has none)" : "")
              + ": write e.g. 2026-12-01T22:00:00Z or 2026-12-01T23:00:00+01:00");
    }
  }

  /**
   * A date-time in {@code zone} unless it has an offset; a date alone is its start. Null when the
   * text is none of these.
   */
  static Instant localInstant(String text, ZoneId zone) {
    String t = spaceToT(text);
    for (var parse :
        List.<java.util.function.Supplier<Instant>>of(
            () -> OffsetDateTime.parse(t).toInstant(),
            () -> LocalDateTime.parse(t).atZone(zone).toInstant(),
            () -> LocalDate.parse(t).atStartOfDay(zone).toInstant())) {
      try {
        return parse.get();
      } catch (DateTimeParseException e) {
        // the next form
      }
    }
    return null;
  }

  private static String spaceToT(String text) {
    String t = text.trim();
    return DATE_SPACE_TIME.matcher(t).matches()
        ? t.substring(0, 10) + "T" + t.substring(11).trim()
        : t;
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
