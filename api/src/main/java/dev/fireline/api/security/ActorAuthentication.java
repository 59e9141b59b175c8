package dev.fireline.api.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by an API key or personal token: the key's {@link Actor}. */
final class ActorAuthentication extends AbstractAuthenticationToken {
  private final Actor actor;

  ActorAuthentication(Actor actor) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
    this.actor = actor;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Actor getPrincipal() {
    return actor;
  }

  @Override
  public String getName() {
    return actor.id();
  }
}
