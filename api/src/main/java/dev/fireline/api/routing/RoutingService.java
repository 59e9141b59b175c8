package dev.fireline.api.routing;

import dev.fireline.api.directory.DirectoryAudit;
import dev.fireline.api.directory.InvalidEntry;
import dev.fireline.api.directory.InvalidEntry.FieldError;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryApplier;
import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.DirectoryFile;
import dev.fireline.directory.DirectoryFileException;
import dev.fireline.directory.DirectoryFileWriter;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.directory.IntegrationKeys;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The routing rules as the API reads and replaces them. A body is the directory file's {@code
 * routing:} section, checked by the file's own parser against the directory's services, so the file
 * and the API refuse the same things with the same words ({@code rules[2].when[0].matches}). Rules
 * the file manages are read-only here. Keys are answered only as their {@code sha256:} form.
 */
@Service
class RoutingService {
  static final String MANAGED_BY = "managed-by";

  private final RoutingStore store;
  private final DirectoryStore directory;
  private final DirectoryAudit audit;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  RoutingService(
      RoutingStore store,
      DirectoryStore directory,
      DirectoryAudit audit,
      DataSource dataSource,
      PlatformTransactionManager transactionManager) {
    this.store = store;
    this.directory = directory;
    this.audit = audit;
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** The rules in the file's shape with {@code managed-by}; empty rules when none are set. */
  Map<String, Object> current() {
    return store
        .find()
        .map(stored -> view(stored.definition(), stored.managedBy()))
        .orElseGet(() -> view(RoutingDefinition.empty(), null));
  }

  /** PUT: replaces the rules; 409 when the config file manages them. */
  Map<String, Object> replace(Map<String, Object> body) {
    Map<String, Object> section = new LinkedHashMap<>(body);
    section.remove(MANAGED_BY);
    transaction.executeWithoutResult(
        status -> {
          jdbc.sql("select pg_advisory_xact_lock(?)")
              .param(DirectoryApplier.LOCK)
              .query()
              .listOfRows();
          Map<String, Object> before =
              store
                  .find()
                  .map(
                      stored -> {
                        if (stored.managedBy().equals(DirectoryStore.FILE)) {
                          throw ApiProblem.conflict(
                              "the routing rules are managed by the config file"
                                  + " (FIRELINE_CONFIG); change them there");
                        }
                        return view(stored.definition(), stored.managedBy());
                      })
                  .orElse(null);
          RoutingDefinition definition = parse(section);
          keysOfTheirOwn(definition);
          store.put(definition, DirectoryStore.API);
          audit.changed("routing", before, current(), 200);
        });
    return current();
  }

  /** The body read as the file's routing section, its services checked against the directory. */
  private RoutingDefinition parse(Map<String, Object> section) {
    DirectoryDocument existing =
        new DirectoryDocument(
            List.of(), List.of(), List.of(), List.of(), directory.list(Kind.SERVICE));
    String yaml;
    try {
      yaml = DirectoryFileWriter.yaml(Map.of("routing", section));
    } catch (RuntimeException e) {
      throw new InvalidEntry(List.of(new FieldError("", "the body cannot be read: " + e)));
    }
    try {
      return DirectoryFile.parse("request", yaml, existing).routing();
    } catch (DirectoryFileException e) {
      throw InvalidEntry.of(e, "routing");
    }
  }

  /** A routing key may not be a service's integration key: a key means one thing. */
  private void keysOfTheirOwn(RoutingDefinition definition) {
    List<FieldError> taken = new ArrayList<>();
    for (int i = 0; i < definition.keys().size(); i++) {
      String field = "keys[" + i + "]";
      directory
          .serviceForKeyHash(IntegrationKeys.lookupHash(definition.keys().get(i)))
          .ifPresent(
              service ->
                  taken.add(
                      new FieldError(
                          field,
                          field
                              + ": this key is already"
                              + " an integration key of service '"
                              + service
                              + "'; a routing key must be a key"
                              + " of its own")));
    }
    if (!taken.isEmpty()) {
      throw new InvalidEntry(taken);
    }
  }

  private static Map<String, Object> view(RoutingDefinition definition, String managedBy) {
    Map<String, Object> out = DirectoryFileWriter.routing(definition);
    out.put(MANAGED_BY, managedBy);
    return out;
  }
}
