package dev.fireline.api.access;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.security.Accounts;
import dev.fireline.security.ApiKeys;
import dev.fireline.security.AuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's admin pages: people with their sign-in, the directory's teams, services and
 * policies (entries the directory file owns say so: change them there), keys, and the audit log.
 * Directory entries are edited over the REST API or in the file; sign-in and keys here.
 */
@Controller
class AdminPages {
  private static final int AUDIT_ROWS = 200;
  private final DirectoryStore directory;
  private final Accounts accounts;
  private final ApiKeys apiKeys;
  private final AuditLog auditLog;
  private final AccessController access;
  private final AccountController accountController;

  AdminPages(
      DirectoryStore directory,
      Accounts accounts,
      ApiKeys apiKeys,
      AuditLog auditLog,
      AccessController access,
      AccountController accountController) {
    this.directory = directory;
    this.accounts = accounts;
    this.apiKeys = apiKeys;
    this.auditLog = auditLog;
    this.access = access;
    this.accountController = accountController;
  }

  /** One directory entry as listed: its id, name and who owns it (file or api). */
  record Entry(String kind, String id, String name, String managedBy) {}

  /** A person with their sign-in. {@code role} null: no account (single sign-on default). */
  record PersonRow(
      String id,
      String name,
      String managedBy,
      String role,
      boolean password,
      boolean accountFromFile) {}

  @GetMapping("/console/admin")
  String admin(@RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor, Model model) {
    Map<String, Accounts.Account> byPerson =
        accounts.list().stream()
            .collect(Collectors.toMap(Accounts.Account::personId, Function.identity()));
    List<PersonRow> people =
        directory.list(DirectoryStore.Kind.PERSON).stream()
            .map(
                (Person p) -> {
                  Accounts.Account a = byPerson.get(p.id());
                  return new PersonRow(
                      p.id(),
                      p.name(),
                      managedBy(DirectoryStore.Kind.PERSON, p.id()),
                      a == null ? null : a.role().id(),
                      a != null && a.passwordHash() != null,
                      a != null && a.managedByFile());
                })
            .toList();
    Instant now = Instant.now();
    model.addAttribute("actor", actor);
    model.addAttribute("people", people);
    model.addAttribute(
        "entries",
        List.of(
                entries("team", DirectoryStore.Kind.TEAM, t -> t.id(), t -> t.name()),
                entries("service", DirectoryStore.Kind.SERVICE, s -> s.id(), s -> s.name()),
                entries(
                    "escalation policy",
                    DirectoryStore.Kind.ESCALATION_POLICY,
                    p -> p.id(),
                    p -> p.name()),
                entries("schedule", DirectoryStore.Kind.SCHEDULE, s -> s.id(), s -> s.name()))
            .stream()
            .flatMap(List::stream)
            .toList());
    model.addAttribute(
        "keys", apiKeys.list(null).stream().map(c -> CredentialView.of(c, now)).toList());
    return "console/admin";
  }

  @GetMapping("/console/admin/audit")
  String audit(
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      @RequestParam(required = false) String actorFilter,
      Model model) {
    model.addAttribute("actor", actor);
    model.addAttribute(
        "rows",
        auditLog.list(
            new AuditLog.Query(
                actorFilter == null || actorFilter.isBlank() ? null : actorFilter.trim(),
                null,
                null,
                null,
                AUDIT_ROWS)));
    model.addAttribute("actorFilter", actorFilter);
    return "console/audit";
  }

  @PostMapping("/console/admin/keys")
  String makeKey(
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      @RequestParam String name,
      @RequestParam String role,
      @RequestParam(defaultValue = "365") int days,
      @RequestParam(defaultValue = "false") boolean actsOnBehalf,
      RedirectAttributes flash) {
    return flashing(
        flash,
        () -> {
          if (!name.trim().matches(AccessRequests.NAME)) {
            throw ApiProblem.badRequest("name", "letters, digits, space, . _ - (at most 100)");
          }
          var made =
              access
                  .makeKey(new AccessRequests.NewKey(name, role, days, actsOnBehalf), actor)
                  .getBody();
          flash.addFlashAttribute("secret", made.secret());
          return "Service key '"
              + made.credential().name()
              + "' made. Copy it now: it is not shown "
              + "again.";
        });
  }

  @PostMapping("/console/admin/keys/{id}/revoke")
  String revokeKey(@PathVariable long id, RedirectAttributes flash) {
    return flashing(
        flash,
        () -> {
          access.revokeKey(id);
          return "Key " + id + " revoked.";
        });
  }

  @PostMapping("/console/admin/people/{id}/account")
  String account(
      @PathVariable String id,
      @RequestAttribute(RequestActor.ACTOR) String by,
      @RequestParam String role,
      @RequestParam(required = false) String password,
      RedirectAttributes flash) {
    return flashing(
        flash,
        () -> {
          String newPassword = password == null || password.isEmpty() ? null : password;
          if (newPassword != null && (newPassword.length() < 12 || newPassword.length() > 200)) {
            throw ApiProblem.badRequest("password", "must be 12 to 200 characters");
          }
          accountController.setAccount(id, new AccessRequests.AccountChange(role, newPassword), by);
          return id + " is " + role + (newPassword == null ? "." : ", with the new password.");
        });
  }

  private String flashing(RedirectAttributes flash, java.util.function.Supplier<String> work) {
    try {
      flash.addFlashAttribute("done", work.get());
    } catch (ApiProblem refused) {
      flash.addFlashAttribute("problem", refused.getMessage());
    }
    return "redirect:/console/admin";
  }

  private String managedBy(DirectoryStore.Kind<?> kind, String id) {
    return directory.managedBy(kind, id).orElse("api");
  }

  private <T> List<Entry> entries(
      String label, DirectoryStore.Kind<T> kind, Function<T, String> id, Function<T, String> name) {
    return directory.list(kind).stream()
        .map(e -> new Entry(label, id.apply(e), name.apply(e), managedBy(kind, id.apply(e))))
        .toList();
  }
}
