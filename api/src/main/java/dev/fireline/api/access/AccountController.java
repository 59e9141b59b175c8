package dev.fireline.api.access;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.security.Accounts;
import dev.fireline.security.Accounts.Account;
import dev.fireline.security.Role;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's sign-in: role and password, set by an admin, and one's own password change. The hash
 * never leaves the server; answers say only whether there is a password.
 */
@RestController
class AccountController {
  private final Accounts accounts;
  private final DirectoryStore directory;
  private final PasswordEncoder passwords;

  AccountController(Accounts accounts, DirectoryStore directory, PasswordEncoder passwords) {
    this.accounts = accounts;
    this.directory = directory;
    this.passwords = passwords;
  }

  /**
   * @param managedBy file (the directory file sets it) or api
   */
  record AccountView(String person, String role, boolean password, String managedBy) {
    static AccountView of(Account account) {
      return new AccountView(
          account.personId(),
          account.role().id(),
          account.passwordHash() != null,
          account.managedBy());
    }
  }

  @GetMapping("/api/people/{id}/account")
  AccountView account(@PathVariable String id) {
    person(id);
    return accounts
        .find(id)
        .map(AccountView::of)
        .orElseThrow(
            () ->
                ApiProblem.notFound(
                    "person "
                        + id
                        + " has no account: they sign in by single sign-on only, if at all"));
  }

  @PutMapping("/api/people/{id}/account")
  AccountView setAccount(
      @PathVariable String id,
      @Valid @RequestBody AccessRequests.AccountChange request,
      @RequestAttribute(RequestActor.ACTOR) String actor) {
    person(id);
    Role role = AccessController.role("role", request.role());
    if (accounts.find(id).filter(Account::managedByFile).isPresent()) {
      throw ApiProblem.conflict(
          "person "
              + id
              + "'s account is managed by the directory file "
              + "(FIRELINE_CONFIG): change role or password-hash there");
    }
    String hash = request.password() == null ? null : passwords.encode(request.password());
    accounts.save(id, role, hash, "api", actor);
    return AccountView.of(accounts.find(id).orElseThrow());
  }

  @PutMapping("/api/me/password")
  ResponseEntity<Void> changePassword(
      @Valid @RequestBody AccessRequests.PasswordChange request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    if (actor.personId() == null) {
      throw ApiProblem.forbidden("a service key has no password");
    }
    Account account =
        accounts
            .find(actor.personId())
            .filter(a -> a.passwordHash() != null)
            .orElseThrow(
                () ->
                    ApiProblem.conflict(
                        "you have no password to change: an admin sets " + "the first one"));
    if (account.managedByFile()) {
      throw ApiProblem.conflict("your account is managed by the directory file: ask an admin");
    }
    if (!passwords.matches(request.current(), account.passwordHash())) {
      throw ApiProblem.badRequest("current", "is not your current password");
    }
    accounts.save(
        account.personId(),
        account.role(),
        passwords.encode(request.password()),
        "api",
        actor.id());
    return ResponseEntity.noContent().build();
  }

  private void person(String id) {
    if (directory.find(DirectoryStore.Kind.PERSON, id).isEmpty()) {
      throw ApiProblem.notFound("no person '" + id + "' in the directory");
    }
  }
}
