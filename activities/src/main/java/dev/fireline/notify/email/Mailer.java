package dev.fireline.notify.email;

import dev.fireline.notify.PermanentDeliveryFailure;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Sends multipart/alternative (text + HTML) mail over SMTP with Jakarta Mail (Angus Mail), one SMTP
 * conversation per message. The Message-ID is derived from the idempotency key, so a message sent
 * twice in spite of the delivery log (the server took it but the answer was lost) carries the same
 * Message-ID both times and mail clients show it once.
 *
 * <p>Failures: an SMTP 5xx reply (mailbox unavailable, address rejected, login refused) is a {@link
 * PermanentDeliveryFailure}; anything else (no connection, timeouts, 4xx) an {@link
 * EmailDeliveryException}, which the activity retries.
 */
public class Mailer {
  private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");

  /**
   * One message: {@code bcc} receive it without seeing each other; with no {@code to}, the To
   * header says {@code undisclosed-recipients:;}.
   */
  public record Mail(
      List<String> to,
      List<String> bcc,
      String subject,
      String text,
      String html,
      String idempotencyKey,
      Map<String, String> headers) {}

  /** What the server took: the Message-ID, and recipients it refused while taking the others. */
  public record Sent(String messageId, List<String> rejected) {}

  private final EmailSettings.Smtp smtp;
  private final InternetAddress from;
  private final Session session;

  public Mailer(EmailSettings.Smtp smtp, String from) {
    this.smtp = smtp;
    try {
      this.from = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalStateException("SMTP_FROM is not an e-mail address: " + from);
    }
    this.session = Session.getInstance(properties(smtp));
  }

  static Properties properties(EmailSettings.Smtp smtp) {
    Properties p = new Properties();
    String millis = Long.toString(smtp.timeout().toMillis());
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", smtp.host());
    p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
    p.setProperty("mail.smtp.auth", Boolean.toString(smtp.authenticates()));
    p.setProperty("mail.smtp.connectiontimeout", millis);
    p.setProperty("mail.smtp.timeout", millis);
    p.setProperty("mail.smtp.writetimeout", millis);
    // several stakeholders: one refused address must not hold the mail back from the others
    p.setProperty("mail.smtp.sendpartial", "true");
    if (smtp.ssl()) {
      p.setProperty("mail.smtp.ssl.enable", "true");
      p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    } else if (smtp.starttls()) {
      // required: never fall back to sending the password and the mail in the clear
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
      p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    }
    return p;
  }

  public String fromDomain() {
    String address = from.getAddress();
    return address.substring(address.indexOf('@') + 1);
  }

  /** The Message-ID a mail with this idempotency key gets (angle brackets included). */
  public String messageId(String idempotencyKey) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
      return "<" + HexFormat.of().formatHex(hash, 0, 16) + ".fireline@" + fromDomain() + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Connects and logs in without sending anything: throws {@link
   * jakarta.mail.AuthenticationFailedException} when the server rejects the credentials, another
   * {@link MessagingException} when it cannot be reached.
   */
  public void verify() throws MessagingException {
    Transport transport = session.getTransport("smtp");
    try {
      transport.connect(
          smtp.host(),
          smtp.port(),
          smtp.authenticates() ? smtp.username() : null,
          smtp.authenticates() ? smtp.password() : null);
    } finally {
      close(transport);
    }
  }

  public Sent send(Mail mail) {
    MimeMessage message = message(mail);
    List<Address> envelope = new ArrayList<>();
    mail.to().forEach(to -> envelope.add(address(to)));
    mail.bcc().forEach(bcc -> envelope.add(address(bcc)));
    if (envelope.isEmpty()) {
      throw new PermanentDeliveryFailure("an e-mail without recipients");
    }
    Transport transport = null;
    try {
      transport = session.getTransport("smtp");
      transport.connect(
          smtp.host(),
          smtp.port(),
          smtp.authenticates() ? smtp.username() : null,
          smtp.authenticates() ? smtp.password() : null);
      transport.sendMessage(message, envelope.toArray(Address[]::new));
      return new Sent(message.getMessageID(), List.of());
    } catch (SendFailedException partly) {
      Address[] sent = partly.getValidSentAddresses();
      if (sent != null && sent.length > 0) {
        return new Sent(
            messageId(mail.idempotencyKey()),
            addresses(partly.getInvalidAddresses(), partly.getValidUnsentAddresses()));
      }
      throw classify(partly);
    } catch (MessagingException e) {
      throw classify(e);
    } finally {
      close(transport);
    }
  }

  private MimeMessage message(Mail mail) {
    try {
      MimeMessage message = new FixedIdMessage(session, messageId(mail.idempotencyKey()));
      message.setFrom(from);
      for (String to : mail.to()) {
        message.addRecipient(Message.RecipientType.TO, address(to));
      }
      if (mail.to().isEmpty()) {
        // Bcc only: the envelope has the recipients, the header none of them
        message.setHeader("To", "undisclosed-recipients:;");
      }
      message.setSubject(oneLine(mail.subject()), "UTF-8");
      message.setSentDate(new Date());
      // RFC 3834: machine-made, so out-of-office replies and auto-forward loops stay away
      message.setHeader("Auto-Submitted", "auto-generated");
      message.setHeader("X-Auto-Response-Suppress", "All");
      for (Map.Entry<String, String> header : mail.headers().entrySet()) {
        message.setHeader(header.getKey(), oneLine(header.getValue()));
      }
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.text(), "UTF-8");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(mail.html(), "UTF-8", "html");
      // alternative: the last part the client can show wins, so HTML last
      message.setContent(new MimeMultipart("alternative", text, html));
      message.saveChanges();
      return message;
    } catch (MessagingException e) {
      throw new PermanentDeliveryFailure("cannot build the e-mail: " + e.getMessage());
    }
  }

  private static InternetAddress address(String text) {
    try {
      return new InternetAddress(text, true);
    } catch (AddressException e) {
      throw new PermanentDeliveryFailure("not an e-mail address: " + text);
    }
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
  }

  /** An SMTP 5xx reply anywhere in the chain is permanent; anything else may pass on a retry. */
  RuntimeException classify(MessagingException e) {
    Integer code = smtpCode(e);
    String reply = reply(e);
    if (code != null && code >= 500) {
      if (e instanceof AuthenticationFailedException) {
        return new PermanentDeliveryFailure(
            "SMTP server "
                + smtp.host()
                + " refused the login"
                + (smtp.authenticates() ? " of " + smtp.username() : "")
                + ": "
                + reply
                + " (check SMTP_USERNAME / SMTP_PASSWORD)");
      }
      return new PermanentDeliveryFailure("SMTP " + code + ": " + reply);
    }
    if (e instanceof MailConnectException) {
      return new EmailDeliveryException(
          "cannot connect to SMTP server "
              + smtp.host()
              + ":"
              + smtp.port()
              + ": "
              + rootMessage(e),
          e);
    }
    return new EmailDeliveryException(
        (code != null ? "SMTP " + code + ": " + reply : "SMTP failed: " + rootMessage(e))
            + " (will retry)",
        e);
  }

  static Integer smtpCode(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
      if (t instanceof SMTPSenderFailedException s) {
        return s.getReturnCode();
      }
      if (t instanceof SMTPSendFailedException s && s.getReturnCode() >= 400) {
        return s.getReturnCode();
      }
      if (t instanceof AuthenticationFailedException && t.getMessage() != null) {
        Matcher m = LEADING_CODE.matcher(t.getMessage());
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
    }
    return null;
  }

  private static String reply(Throwable e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof SMTPAddressFailedException
          || t instanceof SMTPSenderFailedException
          || t instanceof SMTPSendFailedException
          || t instanceof AuthenticationFailedException) {
        return oneLine(t.getMessage());
      }
    }
    return rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (root.getCause() != null && seen.add(root)) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return oneLine(message);
  }

  private static List<String> addresses(Address[]... lists) {
    List<String> result = new ArrayList<>();
    for (Address[] list : lists) {
      if (list != null) {
        Arrays.stream(list).map(Address::toString).forEach(result::add);
      }
    }
    return result;
  }

  private static void close(Transport transport) {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException ignored) {
        // the message was taken or the failure is already reported
      }
    }
  }

  @Override
  public String toString() {
    return "Mailer[" + smtp + ", from=" + from + "]";
  }

  /** A message whose Message-ID is ours, not one Jakarta Mail makes up on saveChanges(). */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
