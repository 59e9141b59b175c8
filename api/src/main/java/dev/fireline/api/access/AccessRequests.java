package dev.fireline.api.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the access routes: keys, tokens, accounts. */
final class AccessRequests {
  private AccessRequests() {}

  static final String NAME = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}";

  /**
   * @param expiresInDays default 90, at most 365
   */
  record NewToken(
      @NotBlank
          @Pattern(regexp = NAME, message = "letters, digits, space, . _ - " + "(at most 100)")
          String name,
      String role,
      Integer expiresInDays) {}

  /**
   * @param expiresInDays default 365, at most 1825 (five years)
   */
  record NewKey(
      @NotBlank
          @Pattern(regexp = NAME, message = "letters, digits, space, . _ - " + "(at most 100)")
          String name,
      @NotBlank String role,
      Integer expiresInDays,
      Boolean actsOnBehalf) {}

  /**
   * @param password null keeps the password the account has
   */
  record AccountChange(@NotBlank String role, @Size(min = 12, max = 200) String password) {}

  record PasswordChange(
      @NotBlank String current, @NotBlank @Size(min = 12, max = 200) String password) {}
}
