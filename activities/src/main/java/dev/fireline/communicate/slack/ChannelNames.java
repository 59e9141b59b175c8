package dev.fireline.communicate.slack;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * War room channel names, {@code inc-<yyyymmdd>-<slug of the title>}, and the names tried after it
 * when Slack says it is taken: {@code -2} to {@code -9}, then with the incident's number (which no
 * other incident has). Slack allows lowercase letters, digits, {@code -} and {@code _}, at most 80
 * characters.
 */
public final class ChannelNames {
  static final int MAX_LENGTH = 80;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  private ChannelNames() {}

  /** Every name this incident may take, in the order they are tried. */
  public static List<String> candidates(Instant declaredAt, String title, long number) {
    String slug = slug(title);
    String head = "inc-" + DAY.format(declaredAt) + (slug.isEmpty() ? "" : "-" + slug);
    List<String> suffixes = new ArrayList<>();
    suffixes.add("");
    for (int i = 2; i <= 9; i++) {
      suffixes.add("-" + i);
    }
    suffixes.add("-inc" + number);
    for (int i = 2; i <= 9; i++) {
      suffixes.add("-inc" + number + "-" + i);
    }
    return suffixes.stream()
        .map(suffix -> trim(head, MAX_LENGTH - suffix.length()) + suffix)
        .distinct()
        .toList();
  }

  /** Lowercase a-z0-9 words joined by single dashes; accents dropped ("Café" → "cafe"). */
  static String slug(String title) {
    if (title == null) {
      return "";
    }
    String plain =
        Normalizer.normalize(title, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT);
    return plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
  }

  private static String trim(String name, int max) {
    String cut = name.length() <= max ? name : name.substring(0, max);
    return cut.replaceAll("-+$", "");
  }
}
