package dev.fireline.api.access;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.security.Accounts;
import dev.fireline.security.ApiKeys;
import dev.fireline.security.ApiKeys.Credential;
import dev.fireline.security.ApiKeys.Kind;
import dev.fireline.security.ApiKeys.NewKey;
import dev.fireline.security.Role;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who am I; personal tokens (a person's own, never above their role); service keys (an admin's, for
 * integrations). A secret is in the answer that makes it and nowhere else.
 */
@RestController
class AccessController {
  private static final int TOKEN_DAYS = 90;
  private static final int TOKEN_MAX_DAYS = 365;
  private static final int KEY_DAYS = 365;
  private static final int KEY_MAX_DAYS = 5 * 365;

  private final ApiKeys apiKeys;
  private final Accounts accounts;
  private final DirectoryStore directory;

  AccessController(ApiKeys apiKeys, Accounts accounts, DirectoryStore directory) {
    this.apiKeys = apiKeys;
    this.accounts = accounts;
    this.directory = directory;
  }

  /**
   * @param person null for a service key
   */
  record Me(
      String actor,
      String kind,
      String role,
      String person,
      String name,
      boolean actsOnBehalf,
      String channel) {}

  @GetMapping("/api/me")
  Me me(@RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    String name =
        actor.personId() == null
            ? null
            : directory
                .find(DirectoryStore.Kind.PERSON, actor.personId())
                .map(dev.fireline.directory.Person::name)
                .orElse(null);
    return new Me(
        actor.id(),
        actor.kind().id(),
        actor.role().id(),
        actor.personId(),
        name,
        actor.actsOnBehalf(),
        actor.channel());
  }

  @PostMapping("/api/tokens")
  ResponseEntity<CredentialView.Made> makeToken(
      @Valid @RequestBody AccessRequests.NewToken request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    String person = personOf(actor);
    Role role = request.role() == null ? actor.role() : role("role", request.role());
    if (!actor.may(role)) {
      throw ApiProblem.badRequest(
          "role", "a token cannot do more than its person: " + person + " is " + actor.role().id());
    }
    Instant now = Instant.now();
    Instant expires =
        now.plus(
            Duration.ofDays(
                days("expiresInDays", request.expiresInDays(), TOKEN_DAYS, TOKEN_MAX_DAYS)));
    var issued =
        apiKeys.issue(
            new NewKey(
                request.name().trim(), Kind.PERSONAL, role, person, false, expires, actor.id()));
    return ResponseEntity.created(URI.create("/api/tokens/" + issued.credential().id()))
        .body(CredentialView.Made.of(issued, now));
  }

  @GetMapping("/api/tokens")
  List<CredentialView> tokens(@RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Instant now = Instant.now();
    return apiKeys.list(personOf(actor)).stream().map(c -> CredentialView.of(c, now)).toList();
  }

  @DeleteMapping("/api/tokens/{id}")
  ResponseEntity<Void> revokeToken(
      @PathVariable long id, @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    String person = personOf(actor);
    Credential token =
        apiKeys
            .find(id)
            .filter(c -> person.equals(c.personId()))
            .orElseThrow(() -> ApiProblem.notFound("you have no token " + id));
    apiKeys.revoke(token.id());
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/keys")
  ResponseEntity<CredentialView.Made> makeKey(
      @Valid @RequestBody AccessRequests.NewKey request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Role role = role("role", request.role());
    String name = request.name().trim();
    if (apiKeys.serviceKeyNamed(name)) {
      throw ApiProblem.conflict(
          "a service key named '" + name + "' exists (revoked ones too): " + "choose another name");
    }
    Instant now = Instant.now();
    Instant expires =
        now.plus(
            Duration.ofDays(
                days("expiresInDays", request.expiresInDays(), KEY_DAYS, KEY_MAX_DAYS)));
    var issued =
        apiKeys.issue(
            new NewKey(
                name,
                Kind.SERVICE,
                role,
                null,
                Boolean.TRUE.equals(request.actsOnBehalf()),
                expires,
                actor.id()));
    return ResponseEntity.created(URI.create("/api/keys/" + issued.credential().id()))
        .body(CredentialView.Made.of(issued, now));
  }

  @GetMapping("/api/keys")
  List<CredentialView> keys() {
    Instant now = Instant.now();
    return apiKeys.list(null).stream().map(c -> CredentialView.of(c, now)).toList();
  }

  @DeleteMapping("/api/keys/{id}")
  ResponseEntity<Void> revokeKey(@PathVariable long id) {
    apiKeys.find(id).orElseThrow(() -> ApiProblem.notFound("no key " + id));
    apiKeys.revoke(id);
    return ResponseEntity.noContent().build();
  }

  private static String personOf(Actor actor) {
    if (actor.personId() == null) {
      throw ApiProblem.forbidden(
          "personal tokens belong to people; "
              + actor.id()
              + " is a service key (an admin makes service keys at /api/keys)");
    }
    return actor.personId();
  }

  static Role role(String field, String text) {
    return Role.parse(text)
        .orElseThrow(() -> ApiProblem.badRequest(field, "must be one of viewer, responder, admin"));
  }

  private static int days(String field, Integer requested, int byDefault, int max) {
    int days = requested == null ? byDefault : requested;
    if (days < 1 || days > max) {
      throw ApiProblem.badRequest(field, "must be between 1 and " + max);
    }
    return days;
  }
}
