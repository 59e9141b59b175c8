package dev.fireline.standalone;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.InetAddress;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect provider for the single sign-on tests: Spring Authorization Server with
 * OIDC enabled, its form login and in-memory users, on a free port on 127.0.0.1, in a Spring
 * context of its own (built here from {@link Provider}, no component scan, no Boot
 * auto-configuration, no property files), so it shares nothing with the Fireline app under test.
 *
 * <p>It is started before the Fireline app, which discovers it at start-up. The ID token (and so
 * the user info) of each user carries the claims given for them, {@code email} and {@code
 * email_verified} in the tests. One client, {@link #CLIENT_ID}, with the one redirect URI given
 * (matched exactly), the scopes {@code openid email profile}, PKCE required (the authorization
 * server's default) and no consent page.
 */
final class OidcProvider implements AutoCloseable {
  static final String CLIENT_ID = "fireline";
  static final String CLIENT_SECRET = "fireline-client-secret";

  /**
   * The provider's session cookie: not JSESSIONID, which the Fireline app on the same host sets.
   */
  static final String SESSION_COOKIE = "PROVIDER_SESSION";

  /** A user of the provider: name, password and the claims of their ID token. */
  record Account(String username, String password, Map<String, Object> claims) {}

  private final AnnotationConfigServletWebServerApplicationContext context;

  private OidcProvider(AnnotationConfigServletWebServerApplicationContext context) {
    this.context = context;
  }

  static OidcProvider start(String redirectUri, List<Account> accounts) {
    var context = new AnnotationConfigServletWebServerApplicationContext();
    context.registerBean("accounts", Accounts.class, () -> new Accounts(redirectUri, accounts));
    context.register(Provider.class);
    context.refresh();
    return new OidcProvider(context);
  }

  /** {@code http://127.0.0.1:<port>}: the issuer, as the provider names itself from requests. */
  String issuer() {
    return "http://127.0.0.1:" + context.getWebServer().getPort();
  }

  @Override
  public void close() {
    context.close();
  }

  record Accounts(String redirectUri, List<Account> list) {}

  @Configuration(proxyBeanMethods = false)
  @EnableWebSecurity
  static class Provider {
    @Bean
    TomcatServletWebServerFactory webServer() throws Exception {
      TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
      factory.setAddress(InetAddress.getByName("127.0.0.1"));
      factory.getSettings().getSession().getCookie().setName(SESSION_COOKIE);
      // every request passes the filters (the authorization server's endpoints are filters);
      // anything they do not answer is the default servlet's 404
      factory.getSettings().setRegisterDefaultServlet(true);
      return factory;
    }

    @Bean
    DelegatingFilterProxyRegistrationBean springSecurity() {
      return new DelegatingFilterProxyRegistrationBean("springSecurityFilterChain");
    }

    /** The protocol endpoints; a browser that is not signed in is sent to the login form. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
      OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
      http.securityMatcher(server.getEndpointsMatcher())
          .with(server, as -> as.oidc(Customizer.withDefaults()))
          .authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
          .exceptionHandling(
              errors ->
                  errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
      return http.build();
    }

    /** The provider's own sign-in: Spring Security's generated login form. */
    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
      http.authorizeHttpRequests(rules -> rules.anyRequest().authenticated())
          .formLogin(Customizer.withDefaults());
      return http.build();
    }

    @Bean
    UserDetailsService users(Accounts accounts) {
      return new InMemoryUserDetailsManager(
          accounts.list().stream()
              .map(
                  account ->
                      User.withUsername(account.username())
                          .password("{noop}" + account.password())
                          .roles("USER")
                          .build())
              .toList());
    }

    @Bean
    RegisteredClientRepository clients(Accounts accounts) {
      return new InMemoryRegisteredClientRepository(
          RegisteredClient.withId(UUID.randomUUID().toString())
              .clientId(CLIENT_ID)
              .clientSecret("{noop}" + CLIENT_SECRET)
              .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
              .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
              .redirectUri(accounts.redirectUri())
              .scope(OidcScopes.OPENID)
              .scope(OidcScopes.EMAIL)
              .scope(OidcScopes.PROFILE)
              .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
              .build());
    }

    /** The user's claims in their ID token (the user info endpoint answers from it). */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(Accounts accounts) {
      return context -> {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          String username = context.getPrincipal().getName();
          accounts.list().stream()
              .filter(a -> a.username().equals(username))
              .findFirst()
              .ifPresent(account -> context.getClaims().claims(c -> c.putAll(account.claims())));
        }
      };
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() throws NoSuchAlgorithmException {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var keys = generator.generateKeyPair();
      RSAKey key =
          new RSAKey.Builder((RSAPublicKey) keys.getPublic())
              .privateKey((RSAPrivateKey) keys.getPrivate())
              .keyID(UUID.randomUUID().toString())
              .build();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** For the user info endpoint, which takes the access token as a Bearer JWT. */
    @Bean
    JwtDecoder accessTokens(JWKSource<SecurityContext> keys) {
      return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings settings() {
      return AuthorizationServerSettings.builder().build();
    }
  }
}
