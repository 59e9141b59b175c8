package dev.fireline.api.security;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.security.Accounts;
import dev.fireline.security.ApiKeys;
import dev.fireline.security.AuditLog;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. People sign in to the console (password or single sign-on, a session); scripts
 * and integrations send a personal token or a service key ({@code Bearer}, no session). Roles:
 * viewer (read), responder (act on incidents, own overrides and rules), admin (the rest). Default
 * deny: a route nobody listed here needs the admin role.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {
  private static final RequestMatcher SIGN_IN = PublicRoutes.routedTo("/login");

  /** The API answers problem documents; everything else is a page that can send you to sign in. */
  static final RequestMatcher API =
      PublicRoutes.routedTo("/api/**", "/actuator", "/actuator/**", "/v3/**");

  private static final java.util.Set<String> SAFE_METHODS =
      java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Bean
  RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.fromHierarchy(
        """
        ROLE_ADMIN > ROLE_RESPONDER
        ROLE_RESPONDER > ROLE_VIEWER
        """);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  UserDetailsService personSignIn(Accounts accounts, DirectoryStore directory) {
    return new PersonSignIn(accounts, directory);
  }

  @Bean
  SecurityFilterChain security(
      HttpSecurity http,
      ApiKeys apiKeys,
      AuditLog auditLog,
      ObjectProvider<ClientRegistrationRepository> singleSignOn,
      ObjectProvider<SingleSignOnPeople> ssoPeople)
      throws Exception {
    PublicRoutes publicRoutes = new PublicRoutes();
    SecurityProblems problems = new SecurityProblems(auditLog);
    RequestMatcher bearer = request -> BearerKeyFilter.bearer(request).isPresent();
    http.addFilterBefore(
            new BearerKeyFilter(apiKeys, publicRoutes, Clock.systemUTC()),
            UsernamePasswordAuthenticationFilter.class)
        .addFilterAfter(new RequestActor(), AuthorizationFilter.class)
        // Only a session can be abused by another site's form: a request without one (a key in a
        // header, or no credential at all, which then gets its 401) needs no CSRF token.
        // The sign-in form always needs one: else another site could sign you in as someone else.
        .csrf(
            csrf ->
                csrf.requireCsrfProtectionMatcher(
                    request ->
                        !SAFE_METHODS.contains(request.getMethod())
                            && (SIGN_IN.matches(request)
                                || request.getRequestedSessionId() != null
                                    && !bearer.matches(request)
                                    && !publicRoutes.matches(request))))
        .authorizeHttpRequests(
            rules ->
                rules
                    .requestMatchers(publicRoutes)
                    .permitAll()
                    // an error page for a request already let in (else a 500 would show as a 401)
                    .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR)
                    .permitAll()
                    // every signed-in person and every key: who am I, my tokens
                    .requestMatchers("/api/me", "/api/me/**", "/api/tokens", "/api/tokens/**")
                    .authenticated()
                    .requestMatchers(
                        "/api/keys",
                        "/api/keys/**",
                        "/api/audit",
                        "/api/audit/**",
                        "/api/directory/export",
                        "/api/people/*/account",
                        "/actuator/**")
                    .hasRole("ADMIN")
                    // one's own entry (contacts, notification rules) and one's own test page
                    .requestMatchers(HttpMethod.PUT, "/api/people/{id}")
                    .access(selfOrAdmin())
                    .requestMatchers(HttpMethod.POST, "/api/people/{id}/test-page")
                    .access(selfOrAdmin())
                    // acting on incidents; overrides and swaps (the controller checks whose)
                    .requestMatchers(
                        "/api/incidents",
                        "/api/incidents/**",
                        "/api/action-items/**",
                        "/api/schedules/*/overrides",
                        "/api/schedules/*/overrides/*",
                        "/api/schedules/*/swaps",
                        "/api/maintenance-windows/**",
                        "/api/silences/**",
                        "/api/routing/dry-run")
                    .access(readOr("RESPONDER"))
                    .requestMatchers(HttpMethod.GET, "/api/**")
                    .hasRole("VIEWER")
                    .requestMatchers(HttpMethod.HEAD, "/api/**")
                    .hasRole("VIEWER")
                    .requestMatchers("/console/me", "/console/me/**")
                    .authenticated()
                    .requestMatchers("/console/admin", "/console/admin/**")
                    .hasRole("ADMIN")
                    // the console: pages for viewers, its buttons for responders (own shifts:
                    // checked there)
                    .requestMatchers("/console", "/console/**")
                    .access(readOr("RESPONDER"))
                    .anyRequest()
                    .hasRole("ADMIN"))
        .formLogin(
            form ->
                form.loginPage("/login")
                    .defaultSuccessUrl("/console", false)
                    .failureUrl("/login?error"))
        .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"))
        .exceptionHandling(
            errors ->
                errors
                    .defaultAuthenticationEntryPointFor(problems, API)
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                    .accessDeniedHandler(problems))
        .requestCache(
            cache ->
                cache.requestCache(
                    new org.springframework.security.web.savedrequest.NullRequestCache()));
    if (singleSignOn.getIfAvailable() != null) {
      http.oauth2Login(
          sso ->
              sso.loginPage("/login")
                  .defaultSuccessUrl("/console", false)
                  .failureUrl("/login?sso-error")
                  .userInfoEndpoint(user -> user.oidcUserService(ssoPeople.getObject())));
    }
    return http.build();
  }

  /** GET and HEAD for viewers; anything else needs {@code role}. */
  private static AuthorizationManager<RequestAuthorizationContext> readOr(String role) {
    return (authentication, context) -> {
      String method = context.getRequest().getMethod();
      String needed = method.equals("GET") || method.equals("HEAD") ? "VIEWER" : role;
      return new AuthorizationDecision(
          RequestActor.of(authentication.get())
              .filter(actor -> actor.may(dev.fireline.security.Role.valueOf(needed)))
              .isPresent());
    };
  }

  /** An admin, or a responder acting on the person named in the path as {@code {id}}. */
  private static AuthorizationManager<RequestAuthorizationContext> selfOrAdmin() {
    return (authentication, context) ->
        new AuthorizationDecision(
            RequestActor.of(authentication.get())
                .filter(
                    actor ->
                        actor.may(dev.fireline.security.Role.ADMIN)
                            || actor.may(dev.fireline.security.Role.RESPONDER)
                                && actor.is(context.getVariables().get("id")))
                .isPresent());
  }
}
