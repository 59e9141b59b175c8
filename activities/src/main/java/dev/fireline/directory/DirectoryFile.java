package dev.fireline.directory;

import static dev.fireline.directory.LocatedYaml.Phase.REFERENCES;
import static dev.fireline.directory.LocatedYaml.Phase.VALUES;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fireline.directory.DirectoryDocument.FileAccount;
import dev.fireline.directory.DirectoryFileException.Problem;
import dev.fireline.directory.DirectoryFileModel.ConditionEntry;
import dev.fireline.directory.DirectoryFileModel.FileDocument;
import dev.fireline.directory.DirectoryFileModel.HeartbeatEntry;
import dev.fireline.directory.DirectoryFileModel.LayerEntry;
import dev.fireline.directory.DirectoryFileModel.LevelEntry;
import dev.fireline.directory.DirectoryFileModel.PersonEntry;
import dev.fireline.directory.DirectoryFileModel.PolicyEntry;
import dev.fireline.directory.DirectoryFileModel.RoutingEntry;
import dev.fireline.directory.DirectoryFileModel.RuleOfRouting;
import dev.fireline.directory.DirectoryFileModel.ScheduleEntry;
import dev.fireline.directory.DirectoryFileModel.ServiceEntry;
import dev.fireline.directory.DirectoryFileModel.SilenceEntry;
import dev.fireline.directory.DirectoryFileModel.WindowEntry;
import dev.fireline.directory.EscalationPolicyDefinition.Level;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.Person.Channel;
import dev.fireline.directory.Person.ContactMethod;
import dev.fireline.directory.Person.NotificationRule;
import dev.fireline.incident.Severity;
import dev.fireline.routing.Condition;
import dev.fireline.routing.Correlation;
import dev.fireline.routing.DedupTemplate;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingFields;
import dev.fireline.routing.RoutingRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads the config-as-code directory file ({@code FIRELINE_CONFIG}): people, teams, schedules,
 * escalation policies and services, and the maintenance windows, silences and heartbeats of those
 * services, and the routing rules of the routing keys, in YAML. Every problem is reported with its
 * line and field, all at once, as a {@link DirectoryFileException}. Times of maintenance windows
 * and silences must carry an offset; nothing is checked against the current time (a file stays
 * valid as time passes). A person may carry {@code role} and a bcrypt {@code password-hash}: they
 * go into {@link DirectoryDocument#accounts()}, never into the {@link Person}.
 *
 * <p>Jackson binds the YAML to the records of {@link DirectoryFileModel} and Bean Validation checks
 * their fields ({@link LocatedYaml} keeps each problem's line); this class checks what spans fields
 * and entries (references, unique ids and keys, windows, routing rules) and makes the directory's
 * records. No Java type is named by the file: YAML tags are rejected. References are checked within
 * the file (and against {@code existing}) only: checking them against entities created through the
 * API is the caller's job.
 */
public final class DirectoryFile {

  /** The environment variable naming the directory file to load. */
  public static final String ENV_VARIABLE = "FIRELINE_CONFIG";

  /** The example directory on the classpath (what the embedded run loads). */
  public static final String EXAMPLE_RESOURCE = "fireline-example.yml";

  private static final ObjectMapper MAPPER = LocatedYaml.mapper(DirectoryFileModel.values());
  private static final Duration DEFAULT_HEARTBEAT_GRACE = Duration.ofMinutes(1);

  private DirectoryFile() {}

  /** Reads and parses {@code file} (UTF-8); problems name the file as given. */
  public static DirectoryDocument parse(Path file) {
    String name = file.toString();
    try {
      return parse(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new DirectoryFileException(List.of(new Problem(name, 0, "", "no such file")));
    } catch (IOException e) {
      throw new DirectoryFileException(
          List.of(new Problem(name, 0, "", "cannot read the file: " + e)));
    }
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
   * validates a request body this way against what the directory already holds). An id declared in
   * {@code yaml} that {@code existing} also has is a duplicate.
   */
  public static DirectoryDocument parse(String fileName, String yaml, DirectoryDocument existing) {
    LocatedYaml file = new LocatedYaml(fileName, Set.of(DayOfWeek.class, Target.class));
    FileDocument read = file.read(MAPPER, yaml == null ? "" : yaml, FileDocument.class);
    DirectoryDocument document =
        read == null ? DirectoryDocument.empty() : new Checker(file, existing).document(read);
    file.throwIfAny();
    return document;
  }

  /** The example directory shipped on the classpath ({@value #EXAMPLE_RESOURCE}). */
  public static DirectoryDocument example() {
    try (InputStream in =
        DirectoryFile.class.getClassLoader().getResourceAsStream(EXAMPLE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(EXAMPLE_RESOURCE + " is not on the classpath");
      }
      return parse(EXAMPLE_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The rules across fields and entries, over records whose fields Bean Validation has checked: any
   * of them may be null where a problem is already reported, so every check skips nulls. The
   * records made are only returned when there is no problem at all.
   */
  private static final class Checker {
    private final LocatedYaml file;

    /** Ids by kind, with the line declaring them (0: {@code existing} has it). */
    private final Map<String, Integer> people = new HashMap<>();

    private final Map<String, Integer> teams = new HashMap<>();
    private final Map<String, Integer> schedules = new HashMap<>();
    private final Map<String, Set<String>> scheduleLayers = new HashMap<>();
    private final Map<String, Integer> policies = new HashMap<>();
    private final Map<String, Integer> services = new HashMap<>();
    private final Map<String, Integer> windows = new HashMap<>();
    private final Map<String, Integer> silences = new HashMap<>();
    private final Map<String, Integer> heartbeats = new HashMap<>();

    /** Integration and heartbeat keys: who has them ("service 'api' (line 8)"). */
    private final Map<String, String> integrationKeys = new HashMap<>();

    private final Map<String, String> heartbeatKeys = new HashMap<>();
    private final Map<String, FileAccount> accounts = new LinkedHashMap<>();

    Checker(LocatedYaml file, DirectoryDocument existing) {
      this.file = file;
      existing.people().forEach(p -> people.put(p.id(), 0));
      existing.teams().forEach(t -> teams.put(t.id(), 0));
      existing.escalationPolicies().forEach(p -> policies.put(p.id(), 0));
      existing.services().forEach(svc -> services.put(svc.id(), 0));
      existing.maintenanceWindows().forEach(w -> windows.put(w.id(), 0));
      existing.silences().forEach(silence -> silences.put(silence.id(), 0));
      existing.heartbeats().forEach(h -> heartbeats.put(h.id(), 0));
      for (Schedule schedule : existing.schedules()) {
        schedules.put(schedule.id(), 0);
        scheduleLayers.put(
            schedule.id(),
            Set.copyOf(schedule.layers().stream().map(Schedule.Layer::name).toList()));
      }
    }

    DirectoryDocument document(FileDocument f) {
      // every id first: sections may refer forward
      register(f.people(), "people", "person", people, PersonEntry::id);
      register(f.teams(), "teams", "team", teams, DirectoryFileModel.TeamEntry::id);
      register(f.schedules(), "schedules", "schedule", schedules, ScheduleEntry::id);
      register(
          f.escalationPolicies(),
          "escalation-policies",
          "escalation policy",
          policies,
          PolicyEntry::id);
      register(f.services(), "services", "service", services, ServiceEntry::id);
      register(
          f.maintenanceWindows(),
          "maintenance-windows",
          "maintenance window",
          windows,
          WindowEntry::id);
      register(f.silences(), "silences", "silence", silences, SilenceEntry::id);
      register(f.heartbeats(), "heartbeats", "heartbeat", heartbeats, HeartbeatEntry::id);
      for (ScheduleEntry s : nonNull(f.schedules())) {
        if (s.id() != null) {
          scheduleLayers.putIfAbsent(
              s.id(),
              Set.copyOf(
                  nonNull(s.layers()).stream()
                      .map(LayerEntry::name)
                      .filter(Objects::nonNull)
                      .toList()));
        }
      }
      DirectoryDocument document =
          new DirectoryDocument(
              each(f.people(), "people", this::person),
              each(f.teams(), "teams", this::team),
              each(f.schedules(), "schedules", this::schedule),
              each(f.escalationPolicies(), "escalation-policies", this::policy),
              each(f.services(), "services", this::service),
              each(f.maintenanceWindows(), "maintenance-windows", this::window),
              each(f.silences(), "silences", this::silence),
              each(f.heartbeats(), "heartbeats", this::heartbeat),
              accounts);
      // last: its keys are checked against every service's integration keys
      return f.routing() == null ? document : document.withRouting(routing(f.routing()));
    }

    private <E> void register(
        List<E> entries,
        String section,
        String kind,
        Map<String, Integer> registry,
        Function<E, String> id) {
      for (int i = 0; entries != null && i < entries.size(); i++) {
        String value = entries.get(i) == null ? null : id.apply(entries.get(i));
        if (value != null) {
          String at = section + "[" + i + "].id";
          Integer first = registry.putIfAbsent(value, file.line(at));
          if (first != null) {
            file.problem(
                VALUES,
                at,
                "duplicate "
                    + kind
                    + " id '"
                    + value
                    + "' ("
                    + (first == 0 ? "it exists already" : "first declared on line " + first)
                    + ")");
          }
        }
      }
    }

    /** The entries read, in file order; {@code read} gets each with its path. */
    private static <E, T> List<T> each(
        List<E> entries, String path, BiFunction<E, String, T> read) {
      List<T> out = new ArrayList<>();
      for (int i = 0; entries != null && i < entries.size(); i++) {
        T value = entries.get(i) == null ? null : read.apply(entries.get(i), path + "[" + i + "]");
        if (value != null) {
          out.add(value);
        }
      }
      return out;
    }

    private void reference(
        String kind, Map<String, Integer> registry, String id, String at, String field) {
      if (id != null && !registry.containsKey(id)) {
        file.problem(
            REFERENCES,
            at,
            field,
            "unknown " + kind + " '" + id + "'" + suggestion(id, registry.keySet()));
      }
    }

    // ------------------------------------------------------------------------------ people

    private Person person(PersonEntry e, String at) {
      account(e, at);
      List<ContactMethod> contacts = new ArrayList<>();
      if (e.contacts() != null) {
        var c = e.contacts();
        for (var method :
            List.of(
                new ContactMethod(Channel.SMS, c.sms()),
                new ContactMethod(Channel.VOICE, c.voice()),
                new ContactMethod(Channel.EMAIL, c.email()),
                new ContactMethod(Channel.CHAT, c.chat()))) {
          if (method.address() != null) {
            contacts.add(method);
          }
        }
        // in the file's order
        contacts.sort(
            Comparator.comparingLong(m -> file.keyAt(contact(at, m.channel())).getCharOffset()));
      }
      List<NotificationRule> rules = new ArrayList<>();
      if (e.rules() == null) {
        contacts.forEach(m -> rules.add(new NotificationRule(m.channel(), Duration.ZERO)));
      }
      for (int i = 0; e.rules() != null && i < e.rules().size(); i++) {
        var rule = e.rules().get(i);
        if (rule != null && rule.channel() != null) {
          if (!file.has(contact(at, rule.channel()))) {
            file.problem(
                VALUES,
                at + ".rules[" + i + "].channel",
                "no "
                    + rule.channel().name().toLowerCase(Locale.ROOT)
                    + " contact for this person");
          }
          rules.add(
              new NotificationRule(
                  rule.channel(), Objects.requireNonNullElse(rule.after(), Duration.ZERO)));
        }
      }
      var hours = e.workingHours();
      Person.WorkingHours workingHours =
          hours == null
              ? null
              : new Person.WorkingHours(
                  days(hours.days(), at + ".working-hours.days"), hours.start(), hours.end());
      if (hours != null) {
        notZeroLength(
            hours.start(), hours.end(), at + ".working-hours", "working hours", "start", "end");
      }
      return new Person(e.id(), e.name(), contacts, rules, zone(e.timezone()), workingHours);
    }

    private static String contact(String person, Channel channel) {
      return person + ".contacts." + channel.name().toLowerCase(Locale.ROOT);
    }

    /** {@code role} and {@code password-hash}; the hash's text is never in a problem. */
    private void account(PersonEntry e, String at) {
      String roleText = file.text(at + ".role");
      if (e.passwordHash() != null && (roleText == null || roleText.isBlank())) {
        file.problemAtKey(
            VALUES,
            at + ".password-hash",
            at + ".role",
            "is required with password-hash: viewer, responder or admin");
      }
      if (e.role() != null && e.id() != null) {
        String hash =
            e.passwordHash() == null || e.passwordHash().startsWith(DirectoryFileModel.BCRYPT_ID)
                ? e.passwordHash()
                : DirectoryFileModel.BCRYPT_ID + e.passwordHash();
        accounts.put(e.id(), new FileAccount(e.role(), hash));
      }
    }

    /** Weekdays in week order; one listed twice is a problem. */
    private List<DayOfWeek> days(List<DayOfWeek> days, String at) {
      EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
      for (int i = 0; days != null && i < days.size(); i++) {
        if (days.get(i) != null && !set.add(days.get(i))) {
          file.problem(
              VALUES,
              at + "[" + i + "]",
              at,
              "'" + file.text(at + "[" + i + "]") + "' is listed twice");
        }
      }
      return List.copyOf(set);
    }

    private void notZeroLength(
        LocalTime start, LocalTime end, String at, String what, String startKey, String endKey) {
      if (start != null && start.equals(end)) {
        file.problem(
            VALUES,
            at,
            "zero-length " + what + ": " + startKey + " and " + endKey + " are both " + start);
      }
    }

    private static String zone(ZoneId zone) {
      return zone == null ? "UTC" : zone.getId();
    }

    // ------------------------------------------------------------------------------- teams

    private Team team(DirectoryFileModel.TeamEntry e, String at) {
      reference("person", people, e.lead(), at + ".lead", at + ".lead");
      List<String> members = new ArrayList<>();
      for (int i = 0; e.members() != null && i < e.members().size(); i++) {
        String member = e.members().get(i);
        String element = at + ".members[" + i + "]";
        if (member != null && members.contains(member)) {
          file.problem(VALUES, element, at + ".members", "'" + member + "' is listed twice");
        } else if (member != null) {
          reference("person", people, member, element, at + ".members");
          members.add(member);
        }
      }
      return new Team(e.id(), e.name(), members, e.lead());
    }

    // --------------------------------------------------------------------------- schedules

    private Schedule schedule(ScheduleEntry e, String at) {
      Map<String, Integer> layerNames = new LinkedHashMap<>();
      List<Schedule.Layer> layers =
          each(
              e.layers(),
              at + ".layers",
              (layer, path) -> {
                if (layer.name() != null) {
                  Integer first = layerNames.putIfAbsent(layer.name(), file.line(path + ".name"));
                  if (first != null) {
                    file.problem(
                        VALUES,
                        path + ".name",
                        "duplicate layer name '"
                            + layer.name()
                            + "' (first declared on line "
                            + first
                            + ")");
                  }
                }
                List<Schedule.Restriction> restrictions =
                    each(
                        layer.restrictions(),
                        path + ".restrictions",
                        (r, rPath) -> {
                          notZeroLength(r.from(), r.to(), rPath, "restriction", "from", "to");
                          return new Schedule.Restriction(
                              days(r.days(), rPath + ".days"), r.from(), r.to());
                        });
                return new Schedule.Layer(
                    layer.name(), rotation(layer.rotation(), path + ".rotation"), restrictions);
              });
      ZoneId zone = e.timezone() == null ? ZoneOffset.UTC : e.timezone();
      Map<String, Integer> overrideIds = new HashMap<>();
      List<Schedule.Override> overrides =
          each(
              e.overrides(),
              at + ".overrides",
              (o, path) -> {
                String id =
                    o.id() != null
                        ? o.id()
                        : (e.id() == null ? "" : e.id() + "-")
                            + "override-"
                            + (Integer.parseInt(
                                    path.substring(path.lastIndexOf('[') + 1, path.length() - 1))
                                + 1);
                Integer first = overrideIds.putIfAbsent(id, file.line(path));
                if (first != null) {
                  file.problem(
                      VALUES,
                      path + ".id",
                      "duplicate override id '" + id + "' (first declared on line " + first + ")");
                }
                reference("person", people, o.person(), path + ".person", path + ".person");
                if (o.layer() != null && !layerNames.containsKey(o.layer())) {
                  file.problem(
                      REFERENCES,
                      path + ".layer",
                      "this schedule has no layer '"
                          + o.layer()
                          + "'"
                          + suggestion(o.layer(), layerNames.keySet()));
                }
                Instant start = localInstant(o.start(), zone, path + ".start");
                Instant end = localInstant(o.end(), zone, path + ".end");
                endAfterStart(start, end, path);
                return new Schedule.Override(id, start, end, o.person(), o.layer());
              });
      return new Schedule(e.id(), e.name(), zone(e.timezone()), layers, overrides);
    }

    private Schedule.Rotation rotation(DirectoryFileModel.RotationEntry r, String at) {
      if (r == null) {
        return null;
      }
      for (int i = 0; r.participants() != null && i < r.participants().size(); i++) {
        reference(
            "person",
            people,
            r.participants().get(i),
            at + ".participants[" + i + "]",
            at + ".participants");
      }
      if (r.start() == null || r.turn() == null) {
        return null;
      }
      var handoff = r.handoff();
      DayOfWeek weekday = handoff == null ? null : handoff.weekday();
      LocalTime time =
          handoff == null || handoff.time() == null ? LocalTime.of(9, 0) : handoff.time();
      return new Schedule.Rotation(
          (weekday == null ? r.start() : r.start().with(TemporalAdjusters.nextOrSame(weekday)))
              .atTime(time),
          r.turn(),
          nonNull(r.participants()));
    }

    private Instant localInstant(String text, ZoneId zone, String at) {
      Instant instant = text == null ? null : DirectoryFileModel.localInstant(text, zone);
      if (text != null && instant == null) {
        file.problem(
            VALUES,
            at,
            "'"
                + text
                + "' is not a date-time: write e.g."
                + " 2026-12-24T09:00:00+01:00 (without an offset: the schedule's time zone)");
      }
      return instant;
    }

    private void endAfterStart(Instant start, Instant end, String at) {
      if (start != null && end != null && !end.isAfter(start)) {
        file.problem(VALUES, at + ".end", "end must be after start");
      }
    }

    // ---------------------------------------------------------------------------- policies

    private EscalationPolicyDefinition policy(PolicyEntry e, String at) {
      Map<Severity, List<Level>> bySeverity = new EnumMap<>(Severity.class);
      if (e.bySeverity() != null) {
        e.bySeverity()
            .forEach(
                (key, levels) -> {
                  String path = at + ".by-severity." + key;
                  Severity severity = Severity.parse(key).orElse(null);
                  List<Level> read = levels(levels, path);
                  if (levels == null || levels.isEmpty()) {
                    file.problem(VALUES, path, "at least one level is needed for " + key);
                  }
                  if (severity == null) {
                    file.problemAtKey(
                        VALUES, path, path, "unknown severity '" + key + "' (SEV1 to SEV4)");
                  } else if (bySeverity.containsKey(severity)) {
                    file.problemAtKey(
                        VALUES, path, path, "severity " + severity + " is listed twice");
                  } else {
                    bySeverity.put(severity, read);
                  }
                });
      }
      return new EscalationPolicyDefinition(
          e.id(),
          e.name(),
          e.repeats() == null ? 0 : e.repeats(),
          levels(e.levels(), at + ".levels"),
          bySeverity);
    }

    private List<Level> levels(List<LevelEntry> levels, String at) {
      return each(
          levels,
          at,
          (level, path) -> {
            List<Target> targets = nonNull(level.targets());
            for (int i = 0; level.targets() != null && i < level.targets().size(); i++) {
              target(level.targets().get(i), path + ".targets[" + i + "]", path + ".targets");
            }
            return level.escalateAfter() == null ? null : new Level(level.escalateAfter(), targets);
          });
    }

    private void target(Target target, String at, String field) {
      if (target == null) {
        return;
      }
      switch (target.type()) {
        case PERSON -> reference("person", people, target.id(), at, field);
        case TEAM -> reference("team", teams, target.id(), at, field);
        case SCHEDULE -> {
          Set<String> layers = scheduleLayers.get(target.id());
          reference("schedule", schedules, target.id(), at, field);
          if (target.layer() != null && layers != null && !layers.contains(target.layer())) {
            file.problem(
                REFERENCES,
                at,
                field,
                "schedule '"
                    + target.id()
                    + "' has no layer '"
                    + target.layer()
                    + "'"
                    + suggestion(target.layer(), layers));
          }
        }
      }
    }

    // ---------------------------------------------------------------------------- services

    private ServiceDefinition service(ServiceEntry e, String at) {
      reference("team", teams, e.team(), at + ".team", at + ".team");
      reference(
          "escalation policy",
          policies,
          e.escalationPolicy(),
          at + ".escalation-policy",
          at + ".escalation-policy");
      List<String> keys = new ArrayList<>();
      for (int i = 0; e.integrationKeys() != null && i < e.integrationKeys().size(); i++) {
        String key = e.integrationKeys().get(i);
        String element = at + ".integration-keys[" + i + "]";
        String stored =
            key == null
                ? null
                : storedKey(key, element, at + ".integration-keys", "a hashed integration key");
        if (stored != null) {
          String owner =
              "service '" + (e.id() == null ? "?" : e.id()) + "' (line " + file.line(element) + ")";
          String previous = integrationKeys.putIfAbsent(stored, owner);
          if (previous != null) { // not the key itself: problems are logged and answered
            file.problem(
                VALUES,
                element,
                at + ".integration-keys",
                "this integration key is already used by " + previous);
          } else {
            keys.add(stored);
          }
        }
      }
      return new ServiceDefinition(
          e.id(),
          e.name(),
          e.team(),
          e.escalationPolicy(),
          e.runbook(),
          e.statusPageComponent(),
          keys,
          Boolean.TRUE.equals(e.autoResolve()));
    }

    /** A key as stored (its hash); null with a problem when it is a malformed hash. */
    private String storedKey(String key, String at, String field, String what) {
      if (IntegrationKeys.looksHashed(key) && !IntegrationKeys.isWellFormedHash(key)) {
        file.problem(
            VALUES,
            at,
            field,
            what
                + " is '"
                + IntegrationKeys.PREFIX
                + "' and 64 lowercase hex digits (sha256sum of the key)");
        return null;
      }
      return IntegrationKeys.stored(key);
    }

    // ------------------------------------------------- maintenance windows, silences, heartbeats

    private MaintenanceWindowDefinition window(WindowEntry e, String at) {
      reference("service", services, e.service(), at + ".service", at + ".service");
      endAfterStart(e.start(), e.end(), at);
      return new MaintenanceWindowDefinition(e.id(), e.service(), e.start(), e.end(), e.reason());
    }

    private SilenceDefinition silence(SilenceEntry e, String at) {
      reference("service", services, e.service(), at + ".service", at + ".service");
      endAfterStart(e.start(), e.end(), at);
      return new SilenceDefinition(
          e.id(), e.service(), nonNull(e.matchers()), e.start(), e.end(), e.comment());
    }

    private HeartbeatDefinition heartbeat(HeartbeatEntry e, String at) {
      reference("service", services, e.service(), at + ".service", at + ".service");
      wholeSeconds(e.interval(), at + ".interval");
      wholeSeconds(e.grace(), at + ".grace");
      if (e.key() != null) {
        String owner =
            "heartbeat '"
                + (e.id() == null ? "?" : e.id())
                + "' (line "
                + file.line(at + ".key")
                + ")";
        String previous = heartbeatKeys.putIfAbsent(e.key(), owner);
        if (previous != null) {
          file.problem(VALUES, at + ".key", "this key is already the key of " + previous);
        }
      }
      return new HeartbeatDefinition(
          e.id(),
          e.service(),
          e.interval(),
          e.grace() == null && !file.settled(at + ".grace") ? DEFAULT_HEARTBEAT_GRACE : e.grace(),
          e.key());
    }

    /** Durations stored in whole seconds (an int): the sign is Bean Validation's. */
    private void wholeSeconds(Duration duration, String at) {
      if (duration != null && !duration.isNegative() && duration.getNano() != 0) {
        file.problem(VALUES, at, "must be whole seconds");
      } else if (duration != null && duration.getSeconds() > Integer.MAX_VALUE) {
        file.problem(VALUES, at, "is too long");
      }
    }

    // ----------------------------------------------------------------------------- routing

    private RoutingDefinition routing(RoutingEntry e) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; e.keys() != null && i < e.keys().size(); i++) {
        String at = "routing.keys[" + i + "]";
        String key = e.keys().get(i);
        String stored = key == null ? null : storedKey(key, at, at, "a hashed routing key");
        String owner = stored == null ? null : integrationKeys.get(stored);
        if (owner != null) { // never the key itself in a problem: they are logged
          file.problem(
              VALUES,
              at,
              "this key is already an integration key of "
                  + owner
                  + "; a routing key must be a key of its own");
        } else if (stored != null && keys.contains(stored)) {
          file.problem(VALUES, at, "this routing key is listed twice");
        } else if (stored != null) {
          keys.add(stored);
        }
      }
      reference("service", services, e.fallback(), "routing.fallback", "routing.fallback");
      return new RoutingDefinition(
          keys,
          each(e.rules(), "routing.rules", (rule, at) -> rule(rule, at, e.fallback() != null)),
          e.fallback());
    }

    private RoutingRule rule(RuleOfRouting r, String at, boolean hasFallback) {
      int before = file.count();
      List<Condition> when = each(r.when(), at + ".when", this::condition);
      reference("service", services, r.service(), at + ".service", at + ".service");
      if (r.dedupKey() != null) {
        DedupTemplate.problem(r.dedupKey())
            .ifPresent(p -> file.problem(VALUES, at + ".dedup-key", p));
      }
      boolean suppress = Boolean.TRUE.equals(r.suppress());
      Correlation correlate =
          r.correlate() == null ? null : correlation(r.correlate(), at + ".correlate");
      if (r.service() == null && !suppress && !hasFallback) {
        file.problem(
            VALUES,
            at,
            "names no service: give it service, or suppress: true, or give"
                + " routing a fallback service");
      }
      if (suppress && r.correlate() != null) {
        file.problem(
            VALUES,
            at + ".correlate",
            "a rule that suppresses opens no incident: it has nothing to correlate");
      }
      return file.count() > before
          ? null
          : new RoutingRule(
              r.name(),
              when,
              r.service(),
              r.severity(),
              r.urgency(),
              r.dedupKey(),
              suppress,
              correlate);
    }

    /** {@code {field: labels.x, equals|matches|exists: ...}}: one operator per condition. */
    private Condition condition(ConditionEntry c, String at) {
      if (c.field() != null) {
        RoutingFields.problem(c.field().trim())
            .ifPresent(p -> file.problem(VALUES, at + ".field", p));
      }
      List<Condition.Operator> operators = new ArrayList<>();
      for (Condition.Operator operator : Condition.Operator.values()) {
        if (file.has(at + "." + operator.key())) {
          operators.add(operator);
        }
      }
      if (operators.size() != 1) {
        file.problem(
            VALUES,
            at,
            operators.isEmpty()
                ? "needs an operator: equals, matches or exists"
                : "has "
                    + operators.size()
                    + " operators: one a condition (add a condition for more)");
        return null;
      }
      Condition.Operator operator = operators.get(0);
      String path = at + "." + operator.key();
      String value =
          switch (operator) {
            case EQUALS -> c.equals();
            case MATCHES -> c.matches();
            case EXISTS -> c.exists() == null ? null : c.exists().toString();
          };
      if (value == null && !file.settled(path)) {
        file.problemAtKey(VALUES, path, path, "needs a value");
      }
      if (operator == Condition.Operator.MATCHES && value != null) {
        DirectoryFileModel.regexProblem(value)
            .ifPresent(
                p ->
                    file.problem(
                        VALUES,
                        path,
                        "'" + c.matches() + "' is not a valid regular expression: " + p));
      }
      return value == null || c.field() == null
          ? null
          : new Condition(c.field().trim(), operator, value);
    }

    private Correlation correlation(DirectoryFileModel.CorrelateEntry c, String at) {
      List<String> by = new ArrayList<>();
      for (int i = 0; c.by() != null && i < c.by().size(); i++) {
        String label = c.by().get(i);
        String name =
            label == null || !label.startsWith("labels.")
                ? label
                : label.substring("labels.".length());
        if (name != null && name.isBlank()) {
          file.problem(VALUES, at + ".by[" + i + "]", "must name a label");
        } else if (name != null && by.contains(name)) {
          file.problem(VALUES, at + ".by[" + i + "]", "'" + name + "' is listed twice");
        } else if (name != null) {
          by.add(name);
        }
      }
      wholeSeconds(c.window(), at + ".window");
      return new Correlation(by, c.window());
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
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
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
