package dev.fireline.api.security;

/** A principal (signed-in person, single sign-on user) that knows its {@link Actor}. */
public interface HasActor {
  Actor actor();
}
