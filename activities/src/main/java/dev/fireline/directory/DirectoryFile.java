package dev.fireline.directory;

import dev.fireline.alerts.Silence;
import dev.fireline.directory.DirectoryDocument.FileAccount;
import dev.fireline.directory.DirectoryFileException.Problem;
import dev.fireline.directory.EscalationPolicyDefinition.Level;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.Person.Channel;
import dev.fireline.directory.Person.ContactMethod;
import dev.fireline.directory.Person.NotificationRule;
import dev.fireline.directory.Person.WorkingHours;
import dev.fireline.incident.Severity;
import dev.fireline.policy.Urgency;
import dev.fireline.routing.Condition;
import dev.fireline.routing.Correlation;
import dev.fireline.routing.DedupTemplate;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingFields;
import dev.fireline.routing.RoutingRule;
import dev.fireline.security.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the config-as-code directory file ({@code FIRELINE_CONFIG}): people, teams, schedules,
 * escalation policies and services, and the maintenance windows, silences and heartbeats of those
 * services, and the routing rules of the routing keys, in YAML. Every value is checked (required fields, formats, references between entries
 * of the same file, unknown keys) and every problem is reported with its line and field, all at
 * once, as a {@link DirectoryFileException}. Times of maintenance windows and silences must carry
 * an offset; nothing is checked against the current time (a file stays valid as time passes). A
 * person may carry {@code role} and a bcrypt {@code password-hash}: they go into {@link
 * DirectoryDocument#accounts()}, never into the {@link Person}.
 *
 * <p>The YAML is only composed into nodes (SnakeYAML's node API with default {@link
 * LoaderOptions}); no Java objects are constructed from it and explicit tags are rejected.
 * References are checked within the file only: checking them against entities created through the
 * API is the caller's job.
 */
public final class DirectoryFile {

  /** The environment variable naming the directory file to load. */
  public static final String ENV_VARIABLE = "FIRELINE_CONFIG";

  /** The example directory on the classpath (what the embedded run loads). */
  public static final String EXAMPLE_RESOURCE = "fireline-example.yml";

  private DirectoryFile() {}

  /** Reads and parses {@code file} (UTF-8); problems name the file as given. */
  public static DirectoryDocument parse(Path file) {
    String name = file.toString();
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DirectoryFileException(List.of(new Problem(name, 0, "", "no such file")));
    } catch (IOException e) {
      throw new DirectoryFileException(
          List.of(new Problem(name, 0, "", "cannot read the file: " + e)));
    }
    return parse(name, yaml);
  }

  /**
   * Parses {@code yaml}; {@code fileName} only names the source in problems.
   *
   * @throws DirectoryFileException listing every problem found
   */
  public static DirectoryDocument parse(String fileName, String yaml) {
    return parse(fileName, yaml, DirectoryDocument.empty());
  }

  /**
   * Parses {@code yaml} whose references may also point at {@code existing} entities (the API
   * validates a request body this way against what the directory already holds). An id declared
   * in {@code yaml} that {@code existing} also has is a duplicate.
   */
  public static DirectoryDocument parse(String fileName, String yaml, DirectoryDocument existing) {
    return new Parser(fileName, existing).parse(yaml == null ? "" : yaml);
  }

  /** The example directory shipped on the classpath ({@value #EXAMPLE_RESOURCE}). */
  public static DirectoryDocument example() {
    try (InputStream in = DirectoryFile.class.getClassLoader().getResourceAsStream(EXAMPLE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(EXAMPLE_RESOURCE + " is not on the classpath");
      }
      return parse(EXAMPLE_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):([0-5][0-9])");
  private static final Pattern SHORT_DURATION =
      Pattern.compile("(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?");
  private static final Pattern TURN = Pattern.compile("([0-9]+)([hdw])");
  /** A bcrypt hash (the only kind the file takes), without the encoder's {@code {bcrypt}} id. */
  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");
  private static final String BCRYPT_ID = "{bcrypt}";
  private static final Pattern DATE_SPACE_TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2} .*");
  /** A silence matcher: label, operator, value ({@code alertname=~Noisy.*}). */
  private static final Pattern MATCHER =
      Pattern.compile("\\s*([^=!~\\s]+)\\s*(=~|!~|!=|=)(.*)", Pattern.DOTALL);
  /** Heartbeat ping keys the file sets are credentials: at least this long. */
  static final int MIN_HEARTBEAT_KEY_LENGTH = 16;
  private static final Duration DEFAULT_HEARTBEAT_GRACE = Duration.ofMinutes(1);
  private static final Set<Tag> PLAIN_TAGS =
      Set.of(
          Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);

  private static final String ID_RULE =
      "use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit";

  private static final class Parser {
    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    /** Reference checks, run once every section is read (sections may refer forward). */
    private final List<Runnable> deferred = new ArrayList<>();

    private final Map<String, Integer> personIds = new HashMap<>();
    private final Map<String, Integer> teamIds = new HashMap<>();
    private final Map<String, Integer> scheduleIds = new HashMap<>();
    private final Map<String, Set<String>> scheduleLayers = new HashMap<>();
    private final Map<String, Integer> policyIds = new HashMap<>();
    private final Map<String, Integer> serviceIds = new HashMap<>();
    private final Map<String, String> integrationKeys = new HashMap<>();
    private final Map<String, Integer> maintenanceIds = new HashMap<>();
    private final Map<String, Integer> silenceIds = new HashMap<>();
    private final Map<String, Integer> heartbeatIds = new HashMap<>();
    private final Map<String, String> heartbeatKeys = new HashMap<>();
    private final Map<String, FileAccount> accounts = new LinkedHashMap<>();

    Parser(String file, DirectoryDocument existing) {
      this.file = file == null ? "" : file;
      existing.people().forEach(p -> personIds.put(p.id(), 0));
      existing.teams().forEach(t -> teamIds.put(t.id(), 0));
      existing.escalationPolicies().forEach(p -> policyIds.put(p.id(), 0));
      existing.services().forEach(svc -> serviceIds.put(svc.id(), 0));
      existing.maintenanceWindows().forEach(w -> maintenanceIds.put(w.id(), 0));
      existing.silences().forEach(silence -> silenceIds.put(silence.id(), 0));
      existing.heartbeats().forEach(h -> heartbeatIds.put(h.id(), 0));
      for (Schedule schedule : existing.schedules()) {
        scheduleIds.put(schedule.id(), 0);
        Set<String> layers = new HashSet<>();
        schedule.layers().forEach(layer -> layers.add(layer.name()));
        scheduleLayers.put(schedule.id(), layers);
      }
    }

    DirectoryDocument parse(String yaml) {
      Node root;
      try {
        root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
      } catch (MarkedYAMLException e) {
        throw new DirectoryFileException(List.of(syntaxProblem(e)));
      } catch (YAMLException e) {
        throw new DirectoryFileException(
            List.of(new Problem(file, 0, "", "invalid YAML: " + e.getMessage())));
      }
      DirectoryDocument document = DirectoryDocument.empty();
      if (root != null && !isNull(root)) {
        if (!(root instanceof MappingNode)) {
          problem(root, "", "expected a mapping with the sections people, teams, schedules,"
              + " escalation-policies, services, maintenance-windows, silences, heartbeats and"
              + " routing");
        } else {
          document = document(root);
        }
      }
      deferred.forEach(Runnable::run);
      if (!problems.isEmpty()) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::line)); // stable: same line keeps order
        throw new DirectoryFileException(sorted);
      }
      return document;
    }

    private Problem syntaxProblem(MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      String message = e.getProblem() != null ? e.getProblem() : e.getContext();
      if (e.getProblem() != null && e.getContext() != null) {
        Mark context = e.getContextMark();
        message += " (" + e.getContext()
            + (context != null && context.getLine() + 1 != line
                ? " started on line " + (context.getLine() + 1)
                : "")
            + ")";
      }
      return new Problem(file, line, "", "invalid YAML: " + message);
    }

    // ----------------------------------------------------------------------------- sections

    private DirectoryDocument document(Node root) {
      Fields top = fields(root, "", "people", "teams", "schedules", "escalation-policies",
          "services", "maintenance-windows", "silences", "heartbeats", "routing");
      DirectoryDocument document = new DirectoryDocument(
          each(top, "people", this::person),
          each(top, "teams", this::team),
          each(top, "schedules", this::schedule),
          each(top, "escalation-policies", this::policy),
          each(top, "services", this::service),
          each(top, "maintenance-windows", this::maintenanceWindow),
          each(top, "silences", this::silence),
          each(top, "heartbeats", this::heartbeat),
          accounts);
      // last: its keys are checked against every service's integration keys
      Node routing = top.value("routing");
      return routing == null ? document : document.withRouting(routing(routing, top.at("routing")));
    }

    private interface Item<T> {
      T read(Node node, String path);
    }

    /** Reads an optional list of entries; entries that cannot be read are left out. */
    private <T> List<T> each(Fields fields, String key, Item<T> item) {
      List<Node> nodes = fields.list(key);
      List<T> result = new ArrayList<>();
      if (nodes != null) {
        for (int i = 0; i < nodes.size(); i++) {
          T value = item.read(nodes.get(i), fields.at(key) + "[" + i + "]");
          if (value != null) {
            result.add(value);
          }
        }
      }
      return List.copyOf(result);
    }

    // ------------------------------------------------------------------------------- people

    private Person person(Node node, String path) {
      Fields f = fields(node, path, "id", "name", "timezone", "working-hours", "contacts", "rules",
          "role", "password-hash");
      if (f == null) {
        return null;
      }
      String id = id(f, "person", personIds);
      FileAccount account = account(f);
      if (account != null && id != null) {
        accounts.put(id, account);
      }
      String name = f.required("name");
      String zone = zone(f, "timezone");
      WorkingHours workingHours = null;
      Node hours = f.value("working-hours");
      if (hours != null) {
        workingHours = workingHours(hours, f.at("working-hours"));
      }

      List<ContactMethod> contacts = new ArrayList<>();
      Set<Channel> declared = EnumSet.noneOf(Channel.class);
      Node contactNode = f.value("contacts");
      if (contactNode != null) {
        Fields c = fields(contactNode, f.at("contacts"), "sms", "voice", "email", "chat");
        if (c != null) {
          for (String key : c.keys()) {
            Channel channel = Channel.valueOf(key.toUpperCase(Locale.ROOT));
            declared.add(channel);
            String address = c.required(key);
            if (address != null && validAddress(channel, address, c.value(key), c.at(key))) {
              contacts.add(new ContactMethod(channel, address));
            }
          }
        }
      }

      List<NotificationRule> rules = new ArrayList<>();
      List<Node> ruleNodes = f.list("rules");
      if (ruleNodes == null) {
        contacts.forEach(c -> rules.add(new NotificationRule(c.channel(), Duration.ZERO)));
      } else if (ruleNodes.isEmpty()) {
        problem(f.value("rules"), f.at("rules"),
            "must not be empty (leave rules out to notify every contact at once)");
      } else {
        for (int i = 0; i < ruleNodes.size(); i++) {
          NotificationRule rule = rule(ruleNodes.get(i), f.at("rules") + "[" + i + "]", declared);
          if (rule != null) {
            rules.add(rule);
          }
        }
      }
      return new Person(id, name, List.copyOf(contacts), List.copyOf(rules), zone, workingHours);
    }

    /**
     * {@code role} and {@code password-hash}: null when the entry has neither. The hash's text
     * is never in a problem: it may be a password written where its hash belongs.
     */
    private FileAccount account(Fields f) {
      String roleText = f.optional("role");
      String hashText = f.optional("password-hash");
      if (roleText == null && hashText == null) {
        return null;
      }
      Role role = roleText == null ? null : Role.parse(roleText).orElse(null);
      if (roleText != null && role == null) {
        problem(f.value("role"), f.at("role"),
            "'" + roleText + "' is not a role: use viewer, responder or admin");
      }
      String hash = null;
      if (hashText != null) {
        String bare = hashText.startsWith(BCRYPT_ID)
            ? hashText.substring(BCRYPT_ID.length()) : hashText;
        if (BCRYPT.matcher(bare).matches()) {
          hash = BCRYPT_ID + bare;
        } else {
          problem(f.value("password-hash"), f.at("password-hash"),
              "must be a bcrypt hash ({bcrypt}$2a$...), never a plain password");
        }
        if (roleText == null) {
          problem(f.lineOf("password-hash"), f.at("role"),
              "is required with password-hash: viewer, responder or admin");
        }
      }
      return role == null ? null : new FileAccount(role, hash);
    }

    private boolean validAddress(Channel channel, String address, Node node, String field) {
      switch (channel) {
        case SMS, VOICE -> {
          if (!E164.matcher(address).matches()) {
            problem(node, field, "'" + address + "' is not an E.164 phone number"
                + " ('+', country code and number, no spaces: +4915112345678)");
            return false;
          }
        }
        case EMAIL -> {
          int at = address.indexOf('@');
          if (at <= 0
              || at != address.lastIndexOf('@')
              || at == address.length() - 1
              || address.chars().anyMatch(Character::isWhitespace)) {
            problem(node, field, "'" + address + "' is not an e-mail address");
            return false;
          }
        }
        case CHAT -> {
          // any non-empty handle
        }
      }
      return true;
    }

    private NotificationRule rule(Node node, String path, Set<Channel> declared) {
      Fields f = fields(node, path, "channel", "after");
      if (f == null) {
        return null;
      }
      Channel channel = null;
      String text = f.required("channel");
      if (text != null) {
        channel = channel(text);
        if (channel == null) {
          problem(f.value("channel"), f.at("channel"),
              "unknown channel '" + text + "' (sms, voice, email or chat)");
        } else if (!declared.contains(channel)) {
          problem(f.value("channel"), f.at("channel"),
              "no " + channel.name().toLowerCase(Locale.ROOT) + " contact for this person");
        }
      }
      Duration after = Duration.ZERO;
      Node afterNode = f.value("after");
      if (afterNode != null) {
        after = duration(afterNode, f.at("after"));
        if (after != null && after.isNegative()) {
          problem(afterNode, f.at("after"), "must not be negative");
        }
      }
      return channel == null || after == null ? null : new NotificationRule(channel, after);
    }

    private static Channel channel(String text) {
      for (Channel channel : Channel.values()) {
        if (channel.name().equalsIgnoreCase(text.trim())) {
          return channel;
        }
      }
      return null;
    }

    private WorkingHours workingHours(Node node, String path) {
      DayWindow w = dayWindow(node, path, "start", "end", "working hours");
      return w == null ? null : new WorkingHours(w.days(), w.start(), w.end());
    }

    /** Days with a daily time window, {@code days: [...], <startKey>: HH:MM, <endKey>: HH:MM}. */
    private record DayWindow(List<DayOfWeek> days, LocalTime start, LocalTime end) {}

    /** Null (with the problems noted) when a field is missing or wrong, or the window is empty. */
    private DayWindow dayWindow(Node node, String path, String startKey, String endKey,
        String what) {
      Fields f = fields(node, path, "days", startKey, endKey);
      if (f == null) {
        return null;
      }
      List<DayOfWeek> days = days(f, "days");
      LocalTime start = requiredTime(f, startKey);
      LocalTime end = requiredTime(f, endKey);
      if (start != null && start.equals(end)) {
        problem(node, path, "zero-length " + what + ": " + startKey + " and " + endKey
            + " are both " + start);
        return null;
      }
      return days == null || start == null || end == null ? null : new DayWindow(days, start, end);
    }

    // -------------------------------------------------------------------------------- teams

    private Team team(Node node, String path) {
      Fields f = fields(node, path, "id", "name", "lead", "members");
      if (f == null) {
        return null;
      }
      String id = id(f, "team", teamIds);
      String name = f.required("name");
      String lead = f.optional("lead");
      if (lead != null) {
        reference("person", personIds, lead, f.value("lead"), f.at("lead"));
      }
      List<String> members = new ArrayList<>();
      List<Node> memberNodes = f.nonEmptyList("members", "a team needs at least one member");
      if (memberNodes != null) {
        Set<String> seen = new HashSet<>();
        for (Node member : memberNodes) {
          String person = scalar(member, f.at("members"));
          if (person == null) {
            continue;
          }
          if (!seen.add(person)) {
            problem(member, f.at("members"), "'" + person + "' is listed twice");
            continue;
          }
          reference("person", personIds, person, member, f.at("members"));
          members.add(person);
        }
      }
      return new Team(id, name, List.copyOf(members), lead);
    }

    // ---------------------------------------------------------------------------- schedules

    private Schedule schedule(Node node, String path) {
      Fields f = fields(node, path, "id", "name", "timezone", "layers", "overrides");
      if (f == null) {
        return null;
      }
      String id = id(f, "schedule", scheduleIds);
      String name = f.required("name");
      String zone = zone(f, "timezone");

      List<Schedule.Layer> layers = new ArrayList<>();
      Map<String, Integer> layerNames = new LinkedHashMap<>();
      List<Node> layerNodes = f.nonEmptyList("layers", "a schedule needs at least one layer");
      if (layerNodes != null) {
        for (int i = 0; i < layerNodes.size(); i++) {
          Schedule.Layer layer = layer(layerNodes.get(i), f.at("layers") + "[" + i + "]", layerNames);
          if (layer != null) {
            layers.add(layer);
          }
        }
      }
      if (id != null) {
        scheduleLayers.putIfAbsent(id, Set.copyOf(layerNames.keySet()));
      }

      List<Schedule.Override> overrides = new ArrayList<>();
      List<Node> overrideNodes = f.list("overrides");
      if (overrideNodes != null) {
        ZoneId zoneId = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        Map<String, Integer> overrideIds = new HashMap<>();
        for (int i = 0; i < overrideNodes.size(); i++) {
          Schedule.Override override =
              override(overrideNodes.get(i), f.at("overrides") + "[" + i + "]", id, i, zoneId,
                  layerNames.keySet(), overrideIds);
          if (override != null) {
            overrides.add(override);
          }
        }
      }
      return new Schedule(id, name, zone, List.copyOf(layers), List.copyOf(overrides));
    }

    private Schedule.Layer layer(Node node, String path, Map<String, Integer> layerNames) {
      Fields f = fields(node, path, "name", "rotation", "restrictions");
      if (f == null) {
        return null;
      }
      String name = f.required("name");
      if (name != null) {
        Node nameNode = f.value("name");
        if (!ID.matcher(name).matches()) {
          problem(nameNode, f.at("name"), "'" + name + "' is not a valid layer name: " + ID_RULE);
        }
        Integer first = layerNames.putIfAbsent(name, line(nameNode));
        if (first != null) {
          problem(nameNode, f.at("name"),
              "duplicate layer name '" + name + "' (first declared on line " + first + ")");
        }
      }

      Schedule.Rotation rotation = null;
      Node rotationNode = f.value("rotation");
      if (rotationNode == null) {
        problem(f.lineOf("rotation"), f.at("rotation"), "is required");
      } else {
        rotation = rotation(rotationNode, f.at("rotation"));
      }

      List<Schedule.Restriction> restrictions = new ArrayList<>();
      List<Node> restrictionNodes = f.list("restrictions");
      if (restrictionNodes != null) {
        for (int i = 0; i < restrictionNodes.size(); i++) {
          Schedule.Restriction restriction =
              restriction(restrictionNodes.get(i), f.at("restrictions") + "[" + i + "]");
          if (restriction != null) {
            restrictions.add(restriction);
          }
        }
      }
      return new Schedule.Layer(name, rotation, List.copyOf(restrictions));
    }

    private Schedule.Rotation rotation(Node node, String path) {
      Fields f = fields(node, path, "start", "handoff", "turn", "participants");
      if (f == null) {
        return null;
      }
      LocalDate start = null;
      String startText = f.required("start");
      if (startText != null) {
        try {
          start = LocalDate.parse(startText.trim());
        } catch (DateTimeParseException e) {
          problem(f.value("start"), f.at("start"),
              "'" + startText + "' is not a date (YYYY-MM-DD, e.g. 2026-01-05)");
        }
      }

      DayOfWeek weekday = null;
      LocalTime time = LocalTime.of(9, 0);
      Node handoffNode = f.value("handoff");
      if (handoffNode != null) {
        Fields h = fields(handoffNode, f.at("handoff"), "weekday", "time");
        if (h != null) {
          Node weekdayNode = h.value("weekday");
          if (weekdayNode != null) {
            String text = scalar(weekdayNode, h.at("weekday"));
            if (text != null) {
              weekday = weekday(text);
              if (weekday == null) {
                problem(weekdayNode, h.at("weekday"), notAWeekday(text));
              }
            }
          }
          Node timeNode = h.value("time");
          if (timeNode != null) {
            time = time(timeNode, h.at("time"));
          }
        }
      }

      Schedule.Turn turn = null;
      String turnText = f.required("turn");
      if (turnText != null) {
        turn = turn(turnText, f.value("turn"), f.at("turn"));
      }

      List<String> participants = new ArrayList<>();
      List<Node> participantNodes =
          f.nonEmptyList("participants", "a layer needs at least one participant");
      if (participantNodes != null) {
        for (Node participant : participantNodes) {
          String person = scalar(participant, f.at("participants"));
          if (person != null) {
            reference("person", personIds, person, participant, f.at("participants"));
            participants.add(person);
          }
        }
      }

      if (start == null || time == null || turn == null) {
        return null;
      }
      LocalDate firstDay =
          weekday == null ? start : start.with(TemporalAdjusters.nextOrSame(weekday));
      return new Schedule.Rotation(firstDay.atTime(time), turn, List.copyOf(participants));
    }

    private Schedule.Turn turn(String text, Node node, String field) {
      Matcher m = TURN.matcher(text.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        problem(node, field, "'" + text + "' is not a turn length: write <n>h, <n>d or <n>w (e.g. 1w)");
        return null;
      }
      int amount;
      try {
        amount = Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        problem(node, field, "turn amount '" + m.group(1) + "' is too large");
        return null;
      }
      if (amount < 1) {
        problem(node, field, "turn amount must be at least 1");
        return null;
      }
      Schedule.Turn.Unit unit =
          switch (m.group(2)) {
            case "h" -> Schedule.Turn.Unit.HOURS;
            case "d" -> Schedule.Turn.Unit.DAYS;
            default -> Schedule.Turn.Unit.WEEKS;
          };
      return new Schedule.Turn(amount, unit);
    }

    private Schedule.Restriction restriction(Node node, String path) {
      DayWindow w = dayWindow(node, path, "from", "to", "restriction");
      return w == null ? null : new Schedule.Restriction(w.days(), w.start(), w.end());
    }

    private Schedule.Override override(
        Node node,
        String path,
        String scheduleId,
        int index,
        ZoneId zone,
        Set<String> layers,
        Map<String, Integer> overrideIds) {
      Fields f = fields(node, path, "id", "start", "end", "person", "layer");
      if (f == null) {
        return null;
      }
      String id = f.optional("id");
      if (id != null && !ID.matcher(id).matches()) {
        problem(f.value("id"), f.at("id"), "'" + id + "' is not a valid id: " + ID_RULE);
      }
      if (id == null) {
        id = (scheduleId == null ? "" : scheduleId + "-") + "override-" + (index + 1);
      }
      Integer first = overrideIds.putIfAbsent(id, line(node));
      if (first != null) {
        problem(f.value("id") != null ? f.value("id") : node, f.at("id"),
            "duplicate override id '" + id + "' (first declared on line " + first + ")");
      }
      Instant start = requiredInstant(f, "start", zone);
      Instant end = requiredInstant(f, "end", zone);
      if (start != null && end != null && !end.isAfter(start)) {
        problem(f.value("end"), f.at("end"), "end must be after start");
      }
      String person = f.required("person");
      if (person != null) {
        reference("person", personIds, person, f.value("person"), f.at("person"));
      }
      String layer = f.optional("layer");
      if (layer != null && !layers.contains(layer)) {
        problem(f.value("layer"), f.at("layer"), "this schedule has no layer '" + layer + "'"
            + suggestion(layer, layers));
      }
      return new Schedule.Override(id, start, end, person, layer);
    }

    private Instant requiredInstant(Fields f, String key, ZoneId zone) {
      String text = f.required(key);
      if (text == null) {
        return null;
      }
      String t = text.trim();
      if (DATE_SPACE_TIME.matcher(t).matches()) {
        t = t.substring(0, 10) + "T" + t.substring(11).trim();
      }
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        // try without an offset: local time of the schedule
      }
      try {
        return LocalDateTime.parse(t).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        // try a date: its start in the schedule's zone
      }
      try {
        return LocalDate.parse(t).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException e) {
        problem(f.value(key), f.at(key), "'" + text + "' is not a date-time: write e.g."
            + " 2026-12-24T09:00:00+01:00 (without an offset: the schedule's time zone)");
        return null;
      }
    }

    // ---------------------------------------------------------------------------- policies

    private EscalationPolicyDefinition policy(Node node, String path) {
      Fields f = fields(node, path, "id", "name", "repeats", "levels", "by-severity");
      if (f == null) {
        return null;
      }
      String id = id(f, "escalation policy", policyIds);
      String name = f.required("name");
      int repeats = 0;
      String repeatsText = f.optional("repeats");
      if (repeatsText != null) {
        try {
          repeats = Integer.parseInt(repeatsText.trim());
          if (repeats < 0) {
            problem(f.value("repeats"), f.at("repeats"), "must not be negative");
          }
        } catch (NumberFormatException e) {
          problem(f.value("repeats"), f.at("repeats"),
              "'" + repeatsText + "' is not a whole number");
        }
      }
      List<Level> levels = levels(f, "levels", "a policy needs at least one level");

      Map<Severity, List<Level>> bySeverity = new EnumMap<>(Severity.class);
      Node severityNode = f.value("by-severity");
      if (severityNode != null) {
        Fields s = fields(severityNode, f.at("by-severity"), (String[]) null);
        if (s != null) {
          for (String key : s.keys()) {
            Severity severity = Severity.parse(key).orElse(null);
            List<Level> severityLevels =
                levels(s, key, "at least one level is needed for " + key);
            if (severity == null) {
              problem(s.lineOf(key), s.at(key), "unknown severity '" + key + "' (SEV1 to SEV4)");
            } else if (bySeverity.containsKey(severity)) {
              problem(s.lineOf(key), s.at(key), "severity " + severity + " is listed twice");
            } else {
              bySeverity.put(severity, severityLevels);
            }
          }
        }
      }
      return new EscalationPolicyDefinition(
          id, name, repeats, levels, Collections.unmodifiableMap(bySeverity));
    }

    private List<Level> levels(Fields f, String key, String emptyMessage) {
      List<Level> levels = new ArrayList<>();
      List<Node> nodes = f.nonEmptyList(key, emptyMessage);
      if (nodes != null) {
        for (int i = 0; i < nodes.size(); i++) {
          Level level = level(nodes.get(i), f.at(key) + "[" + i + "]");
          if (level != null) {
            levels.add(level);
          }
        }
      }
      return List.copyOf(levels);
    }

    private Level level(Node node, String path) {
      Fields f = fields(node, path, "escalate-after", "targets");
      if (f == null) {
        return null;
      }
      Duration after = null;
      Node afterNode = f.value("escalate-after");
      if (afterNode == null) {
        problem(f.lineOf("escalate-after"), f.at("escalate-after"), "is required");
      } else {
        after = duration(afterNode, f.at("escalate-after"));
        if (after != null && (after.isNegative() || after.isZero())) {
          problem(afterNode, f.at("escalate-after"), "must be longer than zero");
        }
      }
      List<Target> targets = new ArrayList<>();
      List<Node> targetNodes = f.nonEmptyList("targets", "a level needs at least one target");
      if (targetNodes != null) {
        for (Node targetNode : targetNodes) {
          Target target = target(targetNode, f.at("targets"));
          if (target != null) {
            targets.add(target);
          }
        }
      }
      return after == null ? null : new Level(after, List.copyOf(targets));
    }

    private Target target(Node node, String field) {
      String text = scalar(node, field);
      if (text == null) {
        return null;
      }
      String usage = "write person:<id>, team:<id>, schedule:<id> or schedule:<id>/<layer>";
      int colon = text.indexOf(':');
      if (colon < 0) {
        problem(node, field, "'" + text + "' is not a target: " + usage);
        return null;
      }
      String type = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String rest = text.substring(colon + 1).trim();
      String layer = null;
      int slash = rest.indexOf('/');
      if (slash >= 0) {
        layer = rest.substring(slash + 1).trim();
        rest = rest.substring(0, slash).trim();
      }
      if (rest.isEmpty() || (layer != null && layer.isEmpty())) {
        problem(node, field, "'" + text + "' is not a target: " + usage);
        return null;
      }
      switch (type) {
        case "person", "team" -> {
          if (layer != null) {
            problem(node, field, "'" + text + "': only schedule targets name a layer");
            return null;
          }
          boolean person = type.equals("person");
          reference(type, person ? personIds : teamIds, rest, node, field);
          return new Target(person ? Target.Type.PERSON : Target.Type.TEAM, rest, null);
        }
        case "schedule" -> {
          String scheduleId = rest;
          String layerName = layer;
          deferred.add(() -> {
            if (!scheduleIds.containsKey(scheduleId)) {
              problem(node, field, "unknown schedule '" + scheduleId + "'"
                  + suggestion(scheduleId, scheduleIds.keySet()));
            } else if (layerName != null
                && scheduleLayers.containsKey(scheduleId)
                && !scheduleLayers.get(scheduleId).contains(layerName)) {
              problem(node, field, "schedule '" + scheduleId + "' has no layer '" + layerName + "'"
                  + suggestion(layerName, scheduleLayers.get(scheduleId)));
            }
          });
          return new Target(Target.Type.SCHEDULE, rest, layer);
        }
        default -> {
          problem(node, field, "unknown target type '" + type + "' in '" + text + "': " + usage);
          return null;
        }
      }
    }

    // ---------------------------------------------------------------------------- services

    private ServiceDefinition service(Node node, String path) {
      Fields f = fields(node, path, "id", "name", "team", "escalation-policy", "runbook",
          "status-page-component", "auto-resolve", "integration-keys");
      if (f == null) {
        return null;
      }
      String id = id(f, "service", serviceIds);
      String name = f.required("name");
      String team = f.optional("team");
      if (team != null) {
        reference("team", teamIds, team, f.value("team"), f.at("team"));
      }
      String policy = f.required("escalation-policy");
      if (policy != null) {
        reference("escalation policy", policyIds, policy, f.value("escalation-policy"),
            f.at("escalation-policy"));
      }
      String runbook = f.optional("runbook");
      if (runbook != null && !httpUrl(runbook)) {
        problem(f.value("runbook"), f.at("runbook"), "'" + runbook + "' is not an http(s) URL");
      }
      String component = f.optional("status-page-component");
      boolean autoResolve = false;
      String autoText = f.optional("auto-resolve");
      if (autoText != null) {
        if (autoText.equalsIgnoreCase("true")) {
          autoResolve = true;
        } else if (!autoText.equalsIgnoreCase("false")) {
          problem(f.value("auto-resolve"), f.at("auto-resolve"),
              "expected true or false, not '" + autoText + "'");
        }
      }
      List<String> keys = new ArrayList<>();
      List<Node> keyNodes = f.list("integration-keys");
      if (keyNodes != null) {
        for (Node keyNode : keyNodes) {
          String key = scalar(keyNode, f.at("integration-keys"));
          if (key == null) {
            continue;
          }
          if (key.isBlank()) {
            problem(keyNode, f.at("integration-keys"), "an integration key must not be empty");
            continue;
          }
          if (IntegrationKeys.looksHashed(key) && !IntegrationKeys.isWellFormedHash(key)) {
            problem(keyNode, f.at("integration-keys"), "a hashed integration key is '"
                + IntegrationKeys.PREFIX + "' and 64 lowercase hex digits (sha256sum of the key)");
            continue;
          }
          String stored = IntegrationKeys.stored(key);
          String owner = "service '" + (id == null ? "?" : id) + "' (line " + line(keyNode) + ")";
          String previous = integrationKeys.putIfAbsent(stored, owner);
          if (previous != null) {
            // not the key itself: problems are logged and answered
            problem(keyNode, f.at("integration-keys"),
                "this integration key is already used by " + previous);
            continue;
          }
          keys.add(stored);
        }
      }
      return new ServiceDefinition(
          id, name, team, policy, runbook, component, List.copyOf(keys), autoResolve);
    }

    // ------------------------------------------------- maintenance windows, silences, heartbeats

    private MaintenanceWindowDefinition maintenanceWindow(Node node, String path) {
      Fields f = fields(node, path, "id", "service", "start", "end", "reason");
      if (f == null) {
        return null;
      }
      String id = id(f, "maintenance window", maintenanceIds);
      String service = serviceReference(f, true);
      Instant start = offsetInstant(f, "start", true);
      Instant end = offsetInstant(f, "end", true);
      endAfterStart(f, start, end);
      String reason = f.optional("reason");
      return new MaintenanceWindowDefinition(id, service, start, end, reason);
    }

    private SilenceDefinition silence(Node node, String path) {
      Fields f = fields(node, path, "id", "service", "matchers", "start", "end", "comment");
      if (f == null) {
        return null;
      }
      String id = id(f, "silence", silenceIds);
      String service = serviceReference(f, false);
      List<Silence.Matcher> matchers = new ArrayList<>();
      List<Node> matcherNodes = f.nonEmptyList("matchers",
          "a silence needs at least one matcher, e.g. [\"alertname=DiskFull\"]");
      if (matcherNodes != null) {
        for (int i = 0; i < matcherNodes.size(); i++) {
          Silence.Matcher matcher = matcher(matcherNodes.get(i), f.at("matchers") + "[" + i + "]");
          if (matcher != null) {
            matchers.add(matcher);
          }
        }
      }
      Instant start = offsetInstant(f, "start", false);
      Instant end = offsetInstant(f, "end", true);
      endAfterStart(f, start, end);
      String comment = f.optional("comment");
      return new SilenceDefinition(id, service, List.copyOf(matchers), start, end, comment);
    }

    /** {@code label<op>value}, op one of =, !=, =~, !~; a regular expression must compile. */
    private Silence.Matcher matcher(Node node, String field) {
      String text = scalar(node, field);
      if (text == null) {
        return null;
      }
      String usage = "write label=value, label!=value, label=~regex or label!~regex"
          + " (e.g. \"alertname=~Noisy.*\")";
      Matcher m = MATCHER.matcher(text);
      if (!m.matches()) {
        problem(node, field, "'" + text + "' is not a matcher: " + usage);
        return null;
      }
      String label = m.group(1);
      String op = m.group(2);
      String value = m.group(3).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (op.contains("~")) {
        try {
          Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          problem(node, field, "'" + value + "' in '" + text + "' is not a valid regular"
              + " expression: " + e.getDescription());
          return null;
        }
      }
      return new Silence.Matcher(label, op, value);
    }

    private HeartbeatDefinition heartbeat(Node node, String path) {
      Fields f = fields(node, path, "id", "service", "interval", "grace", "key");
      if (f == null) {
        return null;
      }
      String id = id(f, "heartbeat", heartbeatIds);
      String service = serviceReference(f, true);
      Duration interval = null;
      Node intervalNode = f.value("interval");
      if (intervalNode == null) {
        problem(f.lineOf("interval"), f.at("interval"), "is required");
      } else {
        interval = seconds(intervalNode, f.at("interval"), false);
      }
      Duration grace = DEFAULT_HEARTBEAT_GRACE;
      Node graceNode = f.value("grace");
      if (graceNode != null) {
        grace = seconds(graceNode, f.at("grace"), true);
      }
      String key = f.optional("key");
      if (key != null) {
        Node keyNode = f.value("key");
        if (key.length() < MIN_HEARTBEAT_KEY_LENGTH || !key.equals(key.trim())) {
          problem(keyNode, f.at("key"), "a ping key must be at least "
              + MIN_HEARTBEAT_KEY_LENGTH + " characters, without leading or trailing spaces"
              + " (it is the only credential of the ping URL)");
        } else {
          String owner = "heartbeat '" + (id == null ? "?" : id) + "' (line " + line(keyNode) + ")";
          String previous = heartbeatKeys.putIfAbsent(key, owner);
          if (previous != null) {
            problem(keyNode, f.at("key"), "this key is already the key of " + previous);
          }
        }
      }
      return new HeartbeatDefinition(id, service, interval, grace, key);
    }

    // ---------------------------------------------------------------------------- routing

    private RoutingDefinition routing(Node node, String path) {
      Fields f = fields(node, path, "keys", "rules", "fallback");
      if (f == null) {
        return null;
      }
      List<String> keys = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      List<Node> keyNodes = f.list("keys");
      for (int i = 0; keyNodes != null && i < keyNodes.size(); i++) {
        String field = f.at("keys") + "[" + i + "]";
        String key = routingKey(keyNodes.get(i), field);
        if (key != null && !seen.add(key)) {
          problem(keyNodes.get(i), field, "this routing key is listed twice");
        } else if (key != null) {
          keys.add(key);
        }
      }
      String fallback = f.optional("fallback");
      if (fallback != null) {
        reference("service", serviceIds, fallback, f.value("fallback"), f.at("fallback"));
      }
      List<RoutingRule> rules = new ArrayList<>();
      List<Node> ruleNodes = f.list("rules");
      for (int i = 0; ruleNodes != null && i < ruleNodes.size(); i++) {
        RoutingRule rule = routingRule(ruleNodes.get(i), f.at("rules") + "[" + i + "]",
            fallback != null);
        if (rule != null) {
          rules.add(rule);
        }
      }
      return new RoutingDefinition(keys, rules, fallback);
    }

    /** A routing key in its stored form; never the key itself in a problem (they are logged). */
    private String routingKey(Node node, String field) {
      String key = scalar(node, field);
      if (key == null) {
        return null;
      }
      if (key.isBlank()) {
        problem(node, field, "a routing key must not be empty");
        return null;
      }
      if (IntegrationKeys.looksHashed(key) && !IntegrationKeys.isWellFormedHash(key)) {
        problem(node, field, "a hashed routing key is '" + IntegrationKeys.PREFIX
            + "' and 64 lowercase hex digits (sha256sum of the key)");
        return null;
      }
      String stored = IntegrationKeys.stored(key);
      String owner = integrationKeys.get(stored);
      if (owner != null) {
        problem(node, field, "this key is already an integration key of " + owner
            + "; a routing key must be a key of its own");
        return null;
      }
      return stored;
    }

    private RoutingRule routingRule(Node node, String path, boolean hasFallback) {
      Fields f = fields(node, path, "name", "when", "service", "severity", "urgency", "dedup-key",
          "suppress", "correlate");
      if (f == null) {
        return null;
      }
      int before = problems.size();
      String name = f.optional("name");
      List<Condition> when = new ArrayList<>();
      List<Node> conditionNodes = f.list("when");
      for (int i = 0; conditionNodes != null && i < conditionNodes.size(); i++) {
        Condition condition = condition(conditionNodes.get(i), f.at("when") + "[" + i + "]");
        if (condition != null) {
          when.add(condition);
        }
      }
      String service = f.optional("service");
      if (service != null) {
        reference("service", serviceIds, service, f.value("service"), f.at("service"));
      }
      Severity severity = null;
      String severityText = f.optional("severity");
      if (severityText != null) {
        severity = Severity.parse(severityText).orElse(null);
        if (severity == null) {
          problem(f.value("severity"), f.at("severity"),
              "'" + severityText + "' is not a severity: SEV1, SEV2, SEV3 or SEV4");
        }
      }
      Urgency urgency = null;
      String urgencyText = f.optional("urgency");
      if (urgencyText != null) {
        try {
          urgency = Urgency.valueOf(urgencyText.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          problem(f.value("urgency"), f.at("urgency"),
              "'" + urgencyText + "' is not an urgency: high or low");
        }
      }
      String dedupKey = f.optional("dedup-key");
      if (dedupKey != null) {
        DedupTemplate.problem(dedupKey).ifPresent(p -> problem(f.value("dedup-key"),
            f.at("dedup-key"), p));
      }
      boolean suppress = bool(f, "suppress");
      Correlation correlate = correlation(f);
      if (service == null && !suppress && !hasFallback) {
        problem(node, path, "names no service: give it service, or suppress: true, or give"
            + " routing a fallback service");
      }
      if (suppress && correlate != null) {
        problem(f.value("correlate"), f.at("correlate"),
            "a rule that suppresses opens no incident: it has nothing to correlate");
      }
      return problems.size() > before ? null : new RoutingRule(name, when, service, severity,
          urgency, dedupKey, suppress, correlate);
    }

    /** {@code {field: labels.x, equals|matches|exists: ...}}: one operator per condition. */
    private Condition condition(Node node, String path) {
      Fields f = fields(node, path, "field", "equals", "matches", "exists");
      if (f == null) {
        return null;
      }
      String field = f.required("field");
      boolean ok = field != null;
      if (field != null) {
        java.util.Optional<String> bad = RoutingFields.problem(field.trim());
        if (bad.isPresent()) {
          problem(f.value("field"), f.at("field"), bad.get());
          ok = false;
        }
      }
      List<Condition.Operator> operators = new ArrayList<>();
      for (Condition.Operator operator : Condition.Operator.values()) {
        if (f.has(operator.key())) {
          operators.add(operator);
        }
      }
      if (operators.size() != 1) {
        problem(node, path, operators.isEmpty()
            ? "needs an operator: equals, matches or exists"
            : "has " + operators.size() + " operators: one a condition (add a condition for more)");
        return null;
      }
      Condition.Operator operator = operators.get(0);
      String at = f.at(operator.key());
      Node valueNode = f.value(operator.key());
      if (valueNode == null) {
        problem(f.lineOf(operator.key()), at, "needs a value");
        return null;
      }
      String value = scalar(valueNode, at);
      if (value == null) {
        return null;
      }
      if (operator == Condition.Operator.MATCHES) {
        try {
          Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          problem(valueNode, at, "'" + value + "' is not a valid regular expression: "
              + e.getDescription());
          return null;
        }
      } else if (operator == Condition.Operator.EXISTS) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          problem(valueNode, at, "expected true or false, not '" + value + "'");
          return null;
        }
        value = value.toLowerCase(Locale.ROOT);
      }
      return ok ? new Condition(field.trim(), operator, value) : null;
    }

    private Correlation correlation(Fields rule) {
      Node node = rule.value("correlate");
      if (node == null) {
        return null;
      }
      Fields f = fields(node, rule.at("correlate"), "by", "window");
      if (f == null) {
        return null;
      }
      List<String> by = new ArrayList<>();
      List<Node> labels = f.nonEmptyList("by",
          "name the labels that must be equal, e.g. [cluster, region]");
      for (int i = 0; labels != null && i < labels.size(); i++) {
        String label = scalar(labels.get(i), f.at("by") + "[" + i + "]");
        if (label == null) {
          continue;
        }
        String name = label.startsWith("labels.") ? label.substring("labels.".length()) : label;
        if (name.isBlank()) {
          problem(labels.get(i), f.at("by") + "[" + i + "]", "must name a label");
        } else if (by.contains(name)) {
          problem(labels.get(i), f.at("by") + "[" + i + "]", "'" + name + "' is listed twice");
        } else {
          by.add(name);
        }
      }
      Duration window = null;
      Node windowNode = f.value("window");
      if (windowNode == null) {
        problem(f.lineOf("window"), f.at("window"), "is required (e.g. 10m)");
      } else {
        window = seconds(windowNode, f.at("window"), false);
      }
      return labels == null || window == null ? null : new Correlation(by, window);
    }

    /** An optional boolean, false when absent. */
    private boolean bool(Fields f, String key) {
      String text = f.optional(key);
      if (text == null) {
        return false;
      }
      if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
        problem(f.value(key), f.at(key), "expected true or false, not '" + text + "'");
        return false;
      }
      return text.equalsIgnoreCase("true");
    }

    /** The entry's service: a service of the file; null (every service) when optional and absent. */
    private String serviceReference(Fields f, boolean required) {
      String service = required ? f.required("service") : f.optional("service");
      if (service != null) {
        reference("service", serviceIds, service, f.value("service"), f.at("service"));
      }
      return service;
    }

    /** A duration in whole seconds: longer than zero, or with {@code zeroAllowed} not negative. */
    private Duration seconds(Node node, String field, boolean zeroAllowed) {
      Duration duration = duration(node, field);
      if (duration == null) {
        return null;
      }
      if (duration.isNegative() || (!zeroAllowed && duration.isZero())) {
        problem(node, field, zeroAllowed ? "must not be negative" : "must be longer than zero");
        return null;
      }
      if (duration.getNano() != 0) {
        problem(node, field, "must be whole seconds");
        return null;
      }
      if (duration.getSeconds() > Integer.MAX_VALUE) {
        problem(node, field, "is too long");
        return null;
      }
      return duration;
    }

    /** An ISO-8601 date-time with an offset ({@code 2026-12-01T22:00:00Z}); null if absent. */
    private Instant offsetInstant(Fields f, String key, boolean required) {
      String text = required ? f.required(key) : f.optional(key);
      if (text == null) {
        return null;
      }
      String t = text.trim();
      if (DATE_SPACE_TIME.matcher(t).matches()) {
        t = t.substring(0, 10) + "T" + t.substring(11).trim();
      }
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
      boolean local;
      try {
        LocalDateTime.parse(t);
        local = true;
      } catch (DateTimeParseException e) {
        local = false;
      }
      problem(f.value(key), f.at(key), "'" + text + "' is not a date-time with an offset"
          + (local ? " (it has none)" : "") + ": write e.g. 2026-12-01T22:00:00Z or"
          + " 2026-12-01T23:00:00+01:00");
      return null;
    }

    private void endAfterStart(Fields f, Instant start, Instant end) {
      if (start != null && end != null && !end.isAfter(start)) {
        problem(f.value("end"), f.at("end"), "end must be after start");
      }
    }

    private static boolean httpUrl(String text) {
      try {
        URI uri = new URI(text.trim());
        return uri.getScheme() != null
            && (uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
            && uri.getHost() != null;
      } catch (URISyntaxException e) {
        return false;
      }
    }

    // ------------------------------------------------------------------------------ values

    /** The entry's required id: checked against the id pattern and registered (duplicates). */
    private String id(Fields f, String kind, Map<String, Integer> registry) {
      String id = f.required("id");
      if (id == null) {
        return null;
      }
      Node node = f.value("id");
      if (!ID.matcher(id).matches()) {
        problem(node, f.at("id"), "'" + id + "' is not a valid id: " + ID_RULE);
      }
      Integer first = registry.putIfAbsent(id, line(node));
      if (first != null) {
        problem(node, f.at("id"),
            "duplicate " + kind + " id '" + id + "' ("
                + (first == 0 ? "it exists already" : "first declared on line " + first) + ")");
      }
      return id;
    }

    private void reference(
        String kind, Map<String, Integer> registry, String id, Node node, String field) {
      deferred.add(() -> {
        if (!registry.containsKey(id)) {
          problem(node, field, "unknown " + kind + " '" + id + "'"
              + suggestion(id, registry.keySet()));
        }
      });
    }

    /** The zone id at {@code key}, UTC when absent; null (and a problem) when invalid. */
    private String zone(Fields f, String key) {
      String text = f.optional(key);
      if (text == null) {
        return f.has(key) && f.value(key) != null ? null : "UTC";
      }
      try {
        return ZoneId.of(text.trim()).getId();
      } catch (DateTimeException e) {
        problem(f.value(key), f.at(key),
            "unknown time zone '" + text + "' (use an IANA zone like Europe/Berlin)");
        return null;
      }
    }

    private LocalTime requiredTime(Fields f, String key) {
      String text = f.required(key);
      return text == null ? null : time(f.value(key), f.at(key));
    }

    private LocalTime time(Node node, String field) {
      String text = scalar(node, field);
      if (text == null) {
        return null;
      }
      Matcher m = TIME.matcher(text.trim());
      if (!m.matches()) {
        problem(node, field, "'" + text + "' is not a time of day (HH:mm, e.g. \"09:00\""
            + (text.trim().equals("24:00") ? "; midnight is \"00:00\"" : "") + ")");
        return null;
      }
      return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** A required, non-empty list of weekdays, in week order. */
    private List<DayOfWeek> days(Fields f, String key) {
      List<Node> nodes = f.nonEmptyList(key, "at least one day is needed");
      if (nodes == null) {
        return null;
      }
      EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      boolean ok = true;
      for (Node node : nodes) {
        String text = scalar(node, f.at(key));
        if (text == null) {
          ok = false;
          continue;
        }
        DayOfWeek day = weekday(text);
        if (day == null) {
          problem(node, f.at(key), notAWeekday(text));
          ok = false;
        } else if (!days.add(day)) {
          problem(node, f.at(key), "'" + text + "' is listed twice");
        }
      }
      return ok ? List.copyOf(days) : null;
    }

    private static DayOfWeek weekday(String text) {
      String t = text.trim().toUpperCase(Locale.ROOT);
      for (DayOfWeek day : DayOfWeek.values()) {
        if (day.name().equals(t) || day.name().substring(0, 3).equals(t)) {
          return day;
        }
      }
      return null;
    }

    private static String notAWeekday(String text) {
      return "'" + text + "' is not a weekday (MON to SUN, or MONDAY to SUNDAY)";
    }

    private Duration duration(Node node, String field) {
      String text = scalar(node, field);
      if (text == null) {
        return null;
      }
      String t = text.trim();
      if (t.equals("0")) {
        return Duration.ZERO;
      }
      try {
        Matcher m = SHORT_DURATION.matcher(t);
        if (!t.isEmpty() && m.matches()) {
          Duration d = Duration.ZERO;
          if (m.group(1) != null) {
            d = d.plusDays(Long.parseLong(m.group(1)));
          }
          if (m.group(2) != null) {
            d = d.plusHours(Long.parseLong(m.group(2)));
          }
          if (m.group(3) != null) {
            d = d.plusMinutes(Long.parseLong(m.group(3)));
          }
          if (m.group(4) != null) {
            d = d.plusSeconds(Long.parseLong(m.group(4)));
          }
          return d;
        }
        if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P") || t.startsWith("-p")) {
          return Duration.parse(t);
        }
      } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
        // reported below
      }
      problem(node, field, "'" + text + "' is not a duration: write e.g. 30s, 15m, 2h, 1d,"
          + " 1h30m or PT15M");
      return null;
    }

    // ------------------------------------------------------------------------------- nodes

    /** The keys of one mapping, checked: plain scalar keys, no duplicates, only known keys. */
    private final class Fields {
      private final Node node;
      private final String path;
      private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

      /** @param allowed the keys allowed; null: any */
      Fields(MappingNode node, String path, String[] allowed) {
        this.node = node;
        this.path = path;
        List<String> allowedKeys = allowed == null ? null : List.of(allowed);
        Map<String, Integer> lines = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
          Node keyNode = tuple.getKeyNode();
          if (keyNode.getTag().equals(Tag.MERGE)) {
            problem(keyNode, path, "merge keys (<<) are not supported");
            continue;
          }
          if (!(keyNode instanceof ScalarNode scalarKey) || !plainTag(keyNode)) {
            problem(keyNode, path, "keys must be plain names");
            continue;
          }
          String key = scalarKey.getValue();
          Integer first = lines.putIfAbsent(key, line(keyNode));
          if (first != null) {
            problem(keyNode, at(key), "duplicate key (first on line " + first + ")");
            continue;
          }
          if (allowedKeys != null && !allowedKeys.contains(key)) {
            String hint = suggestion(key, allowedKeys);
            problem(keyNode, at(key), "unknown key '" + key + "'"
                + (hint.isEmpty() ? " (expected " + String.join(", ", allowedKeys) + ")" : hint));
            continue;
          }
          entries.put(key, tuple);
        }
      }

      String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
      }

      Collection<String> keys() {
        return entries.keySet();
      }

      boolean has(String key) {
        return entries.containsKey(key);
      }

      /** The value at {@code key}; null when absent or null (`key:` or `key: ~`). */
      Node value(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null || isNull(tuple.getValueNode()) ? null : tuple.getValueNode();
      }

      /** The line of {@code key}, or of the mapping when the key is absent. */
      int lineOf(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? line(node) : line(tuple.getKeyNode());
      }

      String optional(String key) {
        Node value = value(key);
        if (value == null) {
          return null;
        }
        String text = scalar(value, at(key));
        if (text != null && text.isBlank()) {
          problem(value, at(key), "must not be empty");
          return null;
        }
        return text;
      }

      String required(String key) {
        if (value(key) == null) {
          problem(lineOf(key), at(key), "is required");
          return null;
        }
        return optional(key);
      }

      /** An optional list; null when absent (or not a list: reported). */
      List<Node> list(String key) {
        Node value = value(key);
        return value == null ? null : sequence(value, at(key));
      }

      /** A required, non-empty list; null (and a problem) otherwise. */
      List<Node> nonEmptyList(String key, String emptyMessage) {
        Node value = value(key);
        if (value == null) {
          problem(lineOf(key), at(key), emptyMessage);
          return null;
        }
        List<Node> nodes = sequence(value, at(key));
        if (nodes != null && nodes.isEmpty()) {
          problem(value, at(key), emptyMessage);
          return null;
        }
        return nodes;
      }
    }

    private Fields fields(Node node, String path, String... allowed) {
      if (!(node instanceof MappingNode mapping) || !plainTag(node)) {
        problem(node, path, "expected a mapping (key: value), found " + describe(node));
        return null;
      }
      return new Fields(mapping, path, allowed);
    }

    private List<Node> sequence(Node node, String path) {
      if (!(node instanceof SequenceNode sequence) || !plainTag(node)) {
        problem(node, path, "expected a list, found " + describe(node));
        return null;
      }
      return sequence.getValue();
    }

    private String scalar(Node node, String path) {
      if (!(node instanceof ScalarNode scalar) || !plainTag(node)) {
        problem(node, path, "expected a single value, found " + describe(node));
        return null;
      }
      return scalar.getValue();
    }

    private static String describe(Node node) {
      if (!plainTag(node)) {
        return "the YAML tag " + node.getTag().getValue() + " (tags are not supported)";
      }
      if (node instanceof MappingNode) {
        return "a mapping";
      }
      if (node instanceof SequenceNode) {
        return "a list";
      }
      return "'" + ((ScalarNode) node).getValue() + "'";
    }

    private static boolean plainTag(Node node) {
      return PLAIN_TAGS.contains(node.getTag());
    }

    private static boolean isNull(Node node) {
      return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
      return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private void problem(Node node, String field, String message) {
      problem(line(node), field, message);
    }

    private void problem(int line, String field, String message) {
      problems.add(new Problem(file, line, field, message));
    }
  }

  /** " (did you mean 'x'?)" for the closest candidate within two edits, else "". */
  static String suggestion(String given, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(given, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= 2 && bestDistance < given.length()
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
