package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.directory.DirectoryDocument.FileAccount;
import dev.fireline.directory.DirectoryFileException.Problem;
import dev.fireline.security.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A person's {@code role} and {@code password-hash} in the directory file. */
class DirectoryFileAccountsTest {
  /** bcrypt of "correct horse" (cost 10); only its shape matters to the parser. */
  private static final String HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

  @Test
  void roleAndHashAreReadBesideThePersonNotIntoIt() {
    DirectoryDocument document =
        DirectoryFile.parse(
            "fireline.yml",
            """
        people:
          - {id: alice, name: Alice, role: admin, password-hash: "{bcrypt}%s"}
          - {id: bob, name: Bob, role: Responder}
          - {id: carol, name: Carol}
        """
                .formatted(HASH));

    assertThat(document.accounts())
        .containsExactly(
            Map.entry("alice", new FileAccount(Role.ADMIN, "{bcrypt}" + HASH)),
            Map.entry("bob", new FileAccount(Role.RESPONDER, null)));
    assertThat(document.people().get(0))
        .isEqualTo(
            new Person("alice", "Alice", java.util.List.of(), java.util.List.of(), "UTC", null));
    // a document may be logged: its accounts never show the hash
    assertThat(document.toString()).doesNotContain(HASH).contains("password=true");
  }

  @ParameterizedTest
  @ValueSource(strings = {"$2a$", "$2b$", "$2y$"})
  void aBareBcryptHashGetsTheEncodersPrefix(String version) {
    String bare = version + HASH.substring(4);
    DirectoryDocument document =
        DirectoryFile.parse(
            "fireline.yml",
            "people:\n  - {id: alice, name: Alice, role: viewer, password-hash: '" + bare + "'}\n");

    assertThat(document.accounts().get("alice"))
        .isEqualTo(new FileAccount(Role.VIEWER, "{bcrypt}" + bare));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "correct horse battery staple",
        "{noop}secret",
        "{pbkdf2}5d923b44a6d129f3",
        "$2a$10$tooShort",
        "{bcrypt}$2x$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
      })
  void anythingButABcryptHashIsAProblemThatNeverRepeatsIt(String value) {
    String yaml =
        """
        people:
          - id: alice
            name: Alice
            role: admin
            password-hash: '%s'
        """
            .formatted(value);

    assertThatThrownBy(() -> DirectoryFile.parse("fireline.yml", yaml))
        .isInstanceOfSatisfying(
            DirectoryFileException.class,
            e -> {
              assertThat(e.problems())
                  .containsExactly(
                      new Problem(
                          "fireline.yml",
                          5,
                          "people[0].password-hash",
                          "must be a bcrypt hash ({bcrypt}$2a$...), never a plain password"));
              assertThat(e.getMessage())
                  .isEqualTo(
                      "fireline.yml:5: people[0].password-hash: must be "
                          + "a bcrypt hash ({bcrypt}$2a$...), never a plain password");
              assertThat(e.getMessage()).doesNotContain(value);
            });
  }

  @Test
  void anUnknownRoleAndAHashWithoutARoleAreProblems() {
    String yaml =
        """
        people:
          - {id: alice, name: Alice, role: superuser}
          - {id: bob, name: Bob, password-hash: "%s"}
          - {id: carol, name: Carol, role: ""}
        """
            .formatted(HASH);

    assertThatThrownBy(() -> DirectoryFile.parse("fireline.yml", yaml))
        .isInstanceOfSatisfying(
            DirectoryFileException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        new Problem(
                            "fireline.yml",
                            2,
                            "people[0].role",
                            "'superuser' is not a role: use viewer, responder or admin"),
                        new Problem(
                            "fireline.yml",
                            3,
                            "people[1].role",
                            "is required with password-hash: viewer, responder or admin"),
                        new Problem("fireline.yml", 4, "people[2].role", "must not be empty")));
  }

  @Test
  void theWriterWritesTheRoleAndNeverTheHash() {
    DirectoryDocument document =
        DirectoryFile.parse(
            "fireline.yml",
            """
        people:
          - {id: alice, name: Alice, role: admin, password-hash: "%s"}
        """
                .formatted(HASH));

    String yaml = DirectoryFileWriter.yaml(document);

    assertThat(yaml).contains("role: admin").doesNotContain("password-hash").doesNotContain(HASH);
    assertThat(DirectoryFile.parse("written.yml", yaml).accounts())
        .containsExactly(Map.entry("alice", new FileAccount(Role.ADMIN, null)));
  }
}
