package dev.fireline.directory;

import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.json.Json;
import dev.fireline.security.Accounts;
import dev.fireline.security.AuditLog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The audit rows of one apply of the directory file, written by the applier in its transaction:
 * actor {@value DirectoryApplier#ACTOR}, channel {@code directory_file}, action {@code update
 * person}, target {@code person alice}. Directory entities carry their JSON before and after as the
 * API answers them (read from the store around the apply: the report says which ids changed);
 * maintenance windows, silences and heartbeats live in tables of their own, so they carry the
 * file's definition as after (a heartbeat without its key); accounts never carry their hash.
 */
final class DirectoryFileAudit {
  private final DirectoryStore store;
  private final AuditLog auditLog;

  DirectoryFileAudit(DirectoryStore store, AuditLog auditLog) {
    this.store = store;
    this.auditLog = auditLog;
  }

  /** Every directory entity as the API answers it (with {@code managed-by}), by kind and id. */
  Map<String, Map<String, String>> snapshot() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (Kind<?> kind : Kind.ALL) {
      Set<String> fileManaged = new HashSet<>(store.ids(kind, DirectoryStore.FILE));
      Map<String, String> byId = new LinkedHashMap<>();
      for (Object entity : store.list(kind)) {
        if (entity instanceof Schedule s) {
          entity =
              new Schedule(s.id(), s.name(), s.timeZone(), s.layers(), store.overrides(s.id()));
        }
        Map<String, Object> json = DirectoryFileWriter.entity(entity);
        String id = (String) json.get("id");
        json.put("managed-by", fileManaged.contains(id) ? DirectoryStore.FILE : DirectoryStore.API);
        byId.put(id, Json.write(json));
      }
      out.put(kind.name(), byId);
    }
    return out;
  }

  /** A row per id the report names, directory entities with {@code before} and {@code after}. */
  void changes(
      DirectoryDocument document,
      Map<String, Map<String, String>> before,
      Map<String, Map<String, String>> after,
      Map<String, List<String>> created,
      Map<String, List<String>> updated,
      Map<String, List<String>> removed) {
    for (Kind<?> kind : Kind.ALL) {
      Map<String, String> was = before.get(kind.name());
      Map<String, String> is = after.get(kind.name());
      created
          .get(kind.name())
          .forEach(id -> auditLog.append(row("create", kind.name(), id, null, is.get(id))));
      updated
          .get(kind.name())
          .forEach(id -> auditLog.append(row("update", kind.name(), id, was.get(id), is.get(id))));
      removed
          .get(kind.name())
          .forEach(id -> auditLog.append(row("remove", kind.name(), id, was.get(id), null)));
    }
    Map<String, Map<String, String>> declared =
        Map.of(
            DirectoryApplier.MAINTENANCE_WINDOW,
                json(
                    document.maintenanceWindows(),
                    MaintenanceWindowDefinition::id,
                    DirectoryFileWriter::maintenanceWindow),
            DirectoryApplier.SILENCE,
                json(document.silences(), SilenceDefinition::id, DirectoryFileWriter::silence),
            DirectoryApplier.HEARTBEAT,
                json(
                    document.heartbeats(),
                    HeartbeatDefinition::id,
                    h -> {
                      Map<String, Object> out = DirectoryFileWriter.heartbeat(h);
                      out.remove("key"); // a credential
                      return out;
                    }));
    for (String kind :
        List.of(
            DirectoryApplier.MAINTENANCE_WINDOW,
            DirectoryApplier.SILENCE,
            DirectoryApplier.HEARTBEAT)) {
      Map<String, String> is = declared.get(kind);
      created.get(kind).forEach(id -> auditLog.append(row("create", kind, id, null, is.get(id))));
      updated.get(kind).forEach(id -> auditLog.append(row("update", kind, id, null, is.get(id))));
      removed.get(kind).forEach(id -> auditLog.append(row("remove", kind, id, null, null)));
    }
  }

  /** An account as {@code GET /api/people/{id}/account} answers it: whether, never which, hash. */
  static String accountJson(Accounts.Account account) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("person", account.personId());
    out.put("role", account.role().id());
    out.put("password", account.passwordHash() != null);
    out.put("managedBy", account.managedBy());
    return Json.write(out);
  }

  /** "update schedule" on target "schedule storefront-oncall", as the API's rows name them. */
  static AuditLog.NewEntry row(String verb, String kind, String id, String before, String after) {
    String label = kind.replace('_', ' ');
    return new AuditLog.NewEntry(
        DirectoryApplier.ACTOR,
        "directory_file",
        null,
        null,
        "directory_file",
        verb + " " + label,
        label + " " + id,
        null,
        before,
        after);
  }

  private static <T> Map<String, String> json(
      List<T> definitions, Function<T, String> id, Function<T, Map<String, Object>> writer) {
    Map<String, String> out = new HashMap<>();
    definitions.forEach(d -> out.put(id.apply(d), Json.write(writer.apply(d))));
    return out;
  }
}
