package dev.fireline.directory;

import dev.fireline.security.ApiKeys;
import java.util.regex.Pattern;

/**
 * Integration keys are kept only as {@code sha256:<hex>}: in the directory, in API answers and in
 * the export. A definition may give a key plainly or in that form, so a directory file in git need
 * not hold the key itself. The hashed form is never a credential: alerts present the key.
 */
public final class IntegrationKeys {
  public static final String PREFIX = "sha256:";
  private static final Pattern HASHED = Pattern.compile("sha256:[0-9a-f]{64}");

  private IntegrationKeys() {}

  /** Whether {@code key} claims the hashed form (it may still be malformed). */
  public static boolean looksHashed(String key) {
    return key.startsWith(PREFIX);
  }

  public static boolean isWellFormedHash(String key) {
    return HASHED.matcher(key).matches();
  }

  /** The form kept in the directory: {@code sha256:} and the key's SHA-256 in hex. */
  public static String stored(String key) {
    return PREFIX + lookupHash(key);
  }

  /** The hash the integration_keys table holds, of a plain or an already hashed key. */
  public static String lookupHash(String key) {
    return isWellFormedHash(key) ? key.substring(PREFIX.length()) : ApiKeys.hash(key);
  }
}
