package dev.fireline.api.security;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.security.Accounts;
import dev.fireline.security.ApiKeys;
import dev.fireline.security.Role;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Somebody must be able to sign in the first time: {@code fireline.console.first-admin} ({@code
 * FIRELINE_FIRST_ADMIN}) names a directory person who, while they have no password yet, gets the
 * admin role and a generated password, shown once at start-up and never logged — the way the
 * bootstrap API key is. Runs after the directory file was applied.
 */
@Component
@Order(10)
class FirstAdmin implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
  private final Accounts accounts;
  private final DirectoryStore directory;
  private final PasswordEncoder passwords;
  private final String personId;
  private String generated;

  FirstAdmin(
      Accounts accounts,
      DirectoryStore directory,
      PasswordEncoder passwords,
      @Value("${fireline.console.first-admin:}") String personId) {
    this.accounts = accounts;
    this.directory = directory;
    this.passwords = passwords;
    this.personId = personId.trim();
  }

  @Override
  public void run(ApplicationArguments args) {
    if (personId.isEmpty()) {
      return;
    }
    if (directory.find(DirectoryStore.Kind.PERSON, personId).isEmpty()) {
      log.warn(
          "fireline.console.first-admin names '{}', who is not in the directory: nobody was "
              + "given a first password",
          personId);
      return;
    }
    if (accounts.find(personId).filter(a -> a.passwordHash() != null).isPresent()) {
      return; // they have a password: never reset one at start-up
    }
    String password = ApiKeys.generate().substring(3, 23);
    accounts.save(personId, Role.ADMIN, passwords.encode(password), "api", "start-up");
    generated = password;
  }

  String personId() {
    return personId;
  }

  /** The password generated at this start-up, to show once. */
  Optional<String> generated() {
    return Optional.ofNullable(generated);
  }
}
