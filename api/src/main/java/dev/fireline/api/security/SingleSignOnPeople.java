package dev.fireline.api.security;

import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.security.Accounts;
import dev.fireline.security.Role;
import java.util.Optional;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Maps the identity provider's user to a directory person: by the {@code email} claim (verified,
 * matched against the people's e-mail contacts), or by another claim naming the person's id ({@code
 * sub}, {@code preferred_username}). Nobody matching is a refusal, never a new person.
 */
final class SingleSignOnPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {
  private final OidcUserService provider = new OidcUserService();
  private final Contacts contacts;
  private final Accounts accounts;
  private final DirectoryStore directory;
  private final String claim;
  private final Role defaultRole;

  SingleSignOnPeople(
      Contacts contacts,
      Accounts accounts,
      DirectoryStore directory,
      String claim,
      Role defaultRole) {
    this.contacts = contacts;
    this.accounts = accounts;
    this.directory = directory;
    this.claim = claim;
    this.defaultRole = defaultRole;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = provider.loadUser(request);
    String value = user.getClaimAsString(claim);
    if (value == null || value.isBlank()) {
      throw refusal("the identity provider sent no '" + claim + "' claim");
    }
    Optional<Person> person;
    if (claim.equals("email")) {
      if (Boolean.FALSE.equals(user.getEmailVerified())) {
        throw refusal("the identity provider has not verified the e-mail address " + value);
      }
      person = contacts.byAddress(Person.Channel.EMAIL, value.trim());
    } else {
      person = directory.find(DirectoryStore.Kind.PERSON, value.trim());
    }
    Person found =
        person.orElseThrow(
            () ->
                refusal(
                    "no person in Fireline's directory has "
                        + (claim.equals("email") ? "the e-mail address " : claim + " ")
                        + value));
    Role role = accounts.find(found.id()).map(Accounts.Account::role).orElse(defaultRole);
    return new SsoPerson(Actor.person(found.id(), role, "console"), user);
  }

  private static OAuth2AuthenticationException refusal(String why) {
    return new OAuth2AuthenticationException(new OAuth2Error("unknown_person", why, null), why);
  }

  /** The provider's user, as the directory person it is. */
  static final class SsoPerson extends DefaultOidcUser implements HasActor {
    private final Actor actor;

    SsoPerson(Actor actor, OidcUser user) {
      super(
          java.util.List.of(
              new org.springframework.security.core.authority.SimpleGrantedAuthority(
                  "ROLE_" + actor.role().name())),
          user.getIdToken(),
          user.getUserInfo(),
          "sub");
      this.actor = actor;
    }

    @Override
    public Actor actor() {
      return actor;
    }

    @Override
    public String getName() {
      return actor.personId();
    }
  }
}
