package dev.fireline.api.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A directory person signed in with a password: their account as Spring Security sees it. */
final class SignedInPerson implements UserDetails, CredentialsContainer, HasActor {
  private final Actor actor;
  private String passwordHash;

  SignedInPerson(Actor actor, String passwordHash) {
    this.actor = actor;
    this.passwordHash = passwordHash;
  }

  @Override
  public Actor actor() {
    return actor;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name()));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return actor.personId();
  }

  /** The hash is not kept in the session once the password was checked. */
  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }
}
