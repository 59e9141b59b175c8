package dev.fireline.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcements;
import dev.fireline.communicate.chat.StakeholderRule;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.support.Postgres;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stakeholder e-mail through the announce activity, GreenMail as the SMTP server. */
class StakeholderEmailAnnouncerTest {
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final DataSource db = Postgres.migrated();

  private Announcements announcements() {
    Mailer mailer =
        new Mailer(
            EmailChannelTest.server(smtp.getSmtp().getPort()), "Fireline <fireline@example.test>");
    return new Announcements(
        List.of(
            new StakeholderEmailAnnouncer(
                mailer,
                List.of("cto@example.test", "support-lead@example.test"),
                new StakeholderRule(db))),
        new DirectoryStore(db),
        db);
  }

  private static Announcement announcement(long n, Severity severity, boolean stakeholders) {
    return new Announcement(
        "INC-" + n + "/announce/1",
        n,
        "INC-" + n,
        Announcement.Kind.DECLARED,
        severity,
        Stage.TRIGGERED,
        "checkout",
        "Checkout returns 500",
        severity + " declared on checkout: Checkout returns 500",
        null,
        stakeholders,
        stakeholders,
        Instant.parse("2026-03-02T10:00:00Z"));
  }

  @Test
  void stakeholdersGetOneBccMailPerAnnouncementEvenWhenRetried() throws Exception {
    long n = System.nanoTime() % 1_000_000 + 30_000;
    Announcements announcements = announcements();

    announcements.announce(announcement(n, Severity.SEV1, true));
    announcements.announce(announcement(n, Severity.SEV1, true));

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per mailbox
    assertThat(inbox("cto@example.test")).isEqualTo(1);
    assertThat(inbox("support-lead@example.test")).isEqualTo(1);
    MimeMessage mail = received[0];
    assertThat(mail.getSubject()).isEqualTo("[SEV1] INC-" + n + " declared: Checkout returns 500");
    // nobody sees the others, nobody replies to all
    assertThat(mail.getHeader("To")).containsExactly("undisclosed-recipients:;");
    assertThat(mail.getHeader("Bcc")).isNull();
    String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
    assertThat(text).contains("SEV1 declared on checkout").contains("Severity:  SEV1");
  }

  private static int inbox(String address) throws Exception {
    var user = smtp.getUserManager().getUserByEmail(address);
    return user == null
        ? 0
        : smtp.getManagers().getImapHostManager().getInbox(user).getMessageCount();
  }

  @Test
  void quietSeveritiesSendNothing() {
    announcements()
        .announce(announcement(System.nanoTime() % 1_000_000 + 40_000, Severity.SEV4, false));
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
