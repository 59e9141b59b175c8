package dev.fireline.api.directory;

import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.DirectoryFileWriter;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.directory.EscalationPolicyDefinition;
import dev.fireline.directory.Person;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.directory.Team;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One kind of directory entity as the API serves it: its path under {@code /api/}, its section of
 * the directory file, and how to read it from and write it into a {@link DirectoryDocument}.
 *
 * @param label the singular name used in messages ("escalation policy")
 */
record EntityKind<T>(
    String path,
    String section,
    String label,
    Kind<T> store,
    Function<T, String> id,
    Function<DirectoryDocument, List<T>> entries,
    BiFunction<DirectoryDocument, List<T>, DirectoryDocument> withSection,
    Function<T, Map<String, Object>> writer) {

  static final EntityKind<Person> PERSON =
      new EntityKind<>(
          "people",
          "people",
          "person",
          Kind.PERSON,
          Person::id,
          DirectoryDocument::people,
          (d, l) ->
              new DirectoryDocument(
                  l, d.teams(), d.schedules(), d.escalationPolicies(), d.services()),
          DirectoryFileWriter::person);

  static final EntityKind<Team> TEAM =
      new EntityKind<>(
          "teams",
          "teams",
          "team",
          Kind.TEAM,
          Team::id,
          DirectoryDocument::teams,
          (d, l) ->
              new DirectoryDocument(
                  d.people(), l, d.schedules(), d.escalationPolicies(), d.services()),
          DirectoryFileWriter::team);

  static final EntityKind<Schedule> SCHEDULE =
      new EntityKind<>(
          "schedules",
          "schedules",
          "schedule",
          Kind.SCHEDULE,
          Schedule::id,
          DirectoryDocument::schedules,
          (d, l) ->
              new DirectoryDocument(d.people(), d.teams(), l, d.escalationPolicies(), d.services()),
          DirectoryFileWriter::schedule);

  static final EntityKind<EscalationPolicyDefinition> ESCALATION_POLICY =
      new EntityKind<>(
          "escalation-policies",
          "escalation-policies",
          "escalation policy",
          Kind.ESCALATION_POLICY,
          EscalationPolicyDefinition::id,
          DirectoryDocument::escalationPolicies,
          (d, l) -> new DirectoryDocument(d.people(), d.teams(), d.schedules(), l, d.services()),
          DirectoryFileWriter::escalationPolicy);

  static final EntityKind<ServiceDefinition> SERVICE =
      new EntityKind<>(
          "services",
          "services",
          "service",
          Kind.SERVICE,
          ServiceDefinition::id,
          DirectoryDocument::services,
          (d, l) ->
              new DirectoryDocument(
                  d.people(), d.teams(), d.schedules(), d.escalationPolicies(), l),
          DirectoryFileWriter::service);

  /** The read-only field of an answer: {@code file} or {@code api}. */
  static final String MANAGED_BY = "managed-by";

  /** The entity as the API answers it: its entry in the file's shape, and who manages it. */
  Map<String, Object> view(T entity, String managedBy) {
    Map<String, Object> out = writer.apply(entity);
    out.put(MANAGED_BY, managedBy);
    return out;
  }

  List<T> in(DirectoryDocument document) {
    return entries.apply(document);
  }

  /** {@code document} without this kind's entity {@code id}. */
  DirectoryDocument without(DirectoryDocument document, String entityId) {
    return withSection.apply(
        document, in(document).stream().filter(e -> !id.apply(e).equals(entityId)).toList());
  }

  String location(String entityId) {
    return "/api/" + path + "/" + entityId;
  }

  /** "person 'alice'" */
  String describe(String entityId) {
    return label + " '" + entityId + "'";
  }
}
