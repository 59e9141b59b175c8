package dev.fireline.notify.twilio;

/**
 * How many segments (billed messages) an SMS body takes. A body whose every character is in the GSM
 * 03.38 alphabet goes as GSM-7: 160 septets in one segment, 153 per segment once concatenated (the
 * rest is the concatenation header), and the extension table's characters ({@code ^{}\[~]|€} and
 * form feed) take two septets each, never split across segments. One character outside it (an
 * emoji, "…", curly quotes, Cyrillic, CJK) sends the whole body as UCS-2: 70 UTF-16 units in one
 * segment, 67 per segment concatenated, a surrogate pair (an emoji) kept in one segment.
 */
final class SmsSegments {
  static final int GSM7_SINGLE = 160;
  static final int GSM7_CONCATENATED = 153;
  static final int UCS2_SINGLE = 70;
  static final int UCS2_CONCATENATED = 67;

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789"
          + ":;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "\f^{}\\[~]|€";

  private SmsSegments() {}

  /** Whether {@code text} goes as GSM-7 (else UCS-2). */
  static boolean gsm7(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Segments {@code text} takes (an empty body is one). */
  static int count(String text) {
    boolean gsm = gsm7(text);
    int total = 0;
    for (int i = 0; i < text.length(); i++) {
      total += width(text, i, gsm);
    }
    if (total <= (gsm ? GSM7_SINGLE : UCS2_SINGLE)) {
      return 1;
    }
    int perSegment = gsm ? GSM7_CONCATENATED : UCS2_CONCATENATED;
    int segments = 1;
    int used = 0;
    for (int i = 0; i < text.length(); i++) {
      int w = width(text, i, gsm);
      if (w == 0) {
        continue; // the second half of a surrogate pair, counted with the first
      }
      if (used + w > perSegment) {
        segments++;
        used = 0;
      }
      used += w;
    }
    return segments;
  }

  /** Septets (GSM-7) or UTF-16 units (UCS-2) the character at {@code i} adds. */
  private static int width(String text, int i, boolean gsm) {
    char c = text.charAt(i);
    if (gsm) {
      return EXTENSION.indexOf(c) >= 0 ? 2 : 1;
    }
    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
      return 0;
    }
    return Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))
        ? 2
        : 1;
  }
}
