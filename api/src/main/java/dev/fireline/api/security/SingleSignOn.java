package dev.fireline.api.security;

import dev.fireline.directory.Contacts;
import dev.fireline.security.Accounts;
import dev.fireline.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * OpenID Connect single sign-on, when {@code fireline.sso.issuer-uri} is set: the provider is
 * discovered from its issuer ({@code /.well-known/openid-configuration}) at start-up, so a wrong
 * issuer fails start-up with the address it tried. Registered here rather than by Boot's
 * auto-configuration, whose 4.0.8 module is not on Maven Central here.
 *
 * <p>The redirect URI is {@code fireline.public-url} + {@code /login/oauth2/code/sso}, the one to
 * register at the provider: not the address of the request, which behind a reverse proxy that ends
 * TLS is the api's own {@code http://host:8080}, and which a {@code Host} header could change.
 */
@Configuration(proxyBeanMethods = false)
// on when the issuer is set and not blank (Compose passes unset variables as empty strings)
@ConditionalOnExpression("!'${fireline.sso.issuer-uri:}'.isBlank()")
class SingleSignOn {
  static final String REGISTRATION = "sso";

  @Bean
  ClientRegistrationRepository singleSignOnRegistrations(
      @Value("${fireline.sso.issuer-uri}") String issuer,
      @Value("${fireline.sso.client-id}") String clientId,
      @Value("${fireline.sso.client-secret:}") String clientSecret,
      @Value("${fireline.sso.name:Single sign-on}") String name,
      @Value("${fireline.public-url:}") String publicUrl) {
    ClientRegistration registration =
        ClientRegistrations.fromIssuerLocation(issuer)
            .registrationId(REGISTRATION)
            .clientName(name)
            .clientId(clientId)
            .clientSecret(clientSecret)
            .scope("openid", "email", "profile")
            .redirectUri(redirectUri(publicUrl))
            .build();
    return new InMemoryClientRegistrationRepository(registration);
  }

  /** Where the provider sends the browser back: the public URL's, else the request's address. */
  static String redirectUri(String publicUrl) {
    String base = publicUrl.isBlank() ? "{baseUrl}" : publicUrl.trim().replaceAll("/+$", "");
    return base + "/login/oauth2/code/{registrationId}";
  }

  @Bean
  SingleSignOnPeople singleSignOnPeople(
      Contacts contacts,
      Accounts accounts,
      dev.fireline.directory.DirectoryStore directory,
      @Value("${fireline.sso.person-claim:email}") String claim,
      @Value("${fireline.sso.default-role:responder}") String defaultRole) {
    Role role =
        Role.parse(defaultRole)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "fireline.sso.default-role must be viewer, responder or admin, not '"
                            + defaultRole
                            + "'"));
    return new SingleSignOnPeople(contacts, accounts, directory, claim, role);
  }
}
