package dev.fireline.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the authenticated {@link Actor} on the request, for controllers: {@link #ACTOR} is the id
 * timelines record (the default "by" of every action), {@link #ACTOR_DETAILS} the whole actor.
 */
public final class RequestActor extends OncePerRequestFilter {
  public static final String ACTOR = "fireline.actor";
  public static final String ACTOR_DETAILS = "fireline.actor.details";

  /** The actor of an authentication, if it is one of ours. */
  public static Optional<Actor> of(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) {
      return Optional.empty();
    }
    Object principal = authentication.getPrincipal();
    if (principal instanceof Actor actor) {
      return Optional.of(actor);
    }
    if (principal instanceof HasActor holder) {
      return Optional.of(holder.actor());
    }
    return Optional.empty();
  }

  /** The actor of the current request, if it has one. */
  public static Optional<Actor> current(HttpServletRequest request) {
    return request.getAttribute(ACTOR_DETAILS) instanceof Actor actor
        ? Optional.of(actor)
        : Optional.empty();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    of(SecurityContextHolder.getContext().getAuthentication())
        .ifPresent(
            actor -> {
              request.setAttribute(ACTOR, actor.id());
              request.setAttribute(ACTOR_DETAILS, actor);
            });
    chain.doFilter(request, response);
  }
}
