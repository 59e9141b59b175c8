package dev.fireline.notify.email;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * E-mail configuration ({@code fireline.email.*}, see {@code fireline-email.yml}). The password is
 * never shown by {@link #toString()}.
 *
 * @param smtp the SMTP server; e-mail is off while its host is blank
 * @param from the From address, e.g. {@code Fireline <fireline@example.com>}
 * @param publicUrl where people reach the api (the links in e-mails point there)
 * @param stakeholders addresses that receive stakeholder announcements; empty for none
 */
public record EmailSettings(Smtp smtp, String from, String publicUrl, List<String> stakeholders) {

  /**
   * @param starttls require STARTTLS before anything else (the default); false for a plain local
   *     relay
   * @param ssl implicit TLS from the first byte (port 465) instead of STARTTLS
   * @param timeout connect, read and write timeout of one SMTP conversation
   */
  public record Smtp(
      String host,
      Integer port,
      String username,
      String password,
      Boolean starttls,
      Boolean ssl,
      Duration timeout) {

    public Smtp {
      port = port == null ? 587 : port;
      starttls = starttls == null || starttls;
      ssl = ssl != null && ssl;
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    public boolean configured() {
      return host != null && !host.isBlank();
    }

    public boolean authenticates() {
      return username != null && !username.isBlank();
    }

    /**
     * For the start-up log: the server, the transport security and the user, never the password.
     */
    public String describe() {
      return host
          + ":"
          + port
          + (ssl ? " (implicit TLS)" : starttls ? " (STARTTLS required)" : " (no TLS)")
          + (authenticates() ? ", user " + username : ", no authentication");
    }

    @Override
    public String toString() {
      return "Smtp[host="
          + host
          + ", port="
          + port
          + ", username="
          + username
          + ", password="
          + (password == null || password.isEmpty() ? "" : "****")
          + ", starttls="
          + starttls
          + ", ssl="
          + ssl
          + ", timeout="
          + timeout
          + "]";
    }
  }

  public EmailSettings {
    smtp = smtp == null ? new Smtp(null, null, null, null, null, null, null) : smtp;
    publicUrl =
        publicUrl == null || publicUrl.isBlank()
            ? "http://127.0.0.1:8080"
            : publicUrl.strip().replaceAll("/+$", "");
    stakeholders =
        stakeholders == null
            ? List.of()
            : stakeholders.stream()
                .filter(s -> s != null && !s.isBlank())
                .map(String::strip)
                .toList();
  }

  /** Fails start-up with a clear message for a configuration that cannot send anything. */
  public EmailSettings validated() {
    if (!smtp.configured()) {
      return this;
    }
    if (from == null || from.isBlank()) {
      throw new IllegalStateException(
          "SMTP_FROM (fireline.email.from) must be set when SMTP_HOST is");
    }
    URI url = URI.create(publicUrl);
    if (url.getScheme() == null || url.getHost() == null) {
      throw new IllegalStateException("FIRELINE_PUBLIC_URL is not an absolute URL: " + publicUrl);
    }
    return this;
  }
}
