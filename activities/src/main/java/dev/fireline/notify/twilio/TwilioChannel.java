package dev.fireline.notify.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.Person;
import dev.fireline.notify.Channel;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.Notification;
import dev.fireline.notify.PageFacts;
import dev.fireline.notify.PermanentDeliveryFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS or voice pages through Twilio. Called by the {@link dev.fireline.notify.Notifier}, which has
 * already written the delivery log row; this class makes sure that a retried activity never sends
 * twice and that a number gets at most one message (one call) per {@code minInterval}:
 *
 * <ol>
 *   <li>A notification an earlier send already carries is answered from that send. If that send's
 *       outcome is unknown (the attempt died or lost Twilio's answer after asking), Twilio is asked
 *       for a message (call) to the number since the intent was written, with the same body; found,
 *       its SID is adopted and nothing is sent again.
 *   <li>Otherwise, under a per-number lock: if the number had a message within the minute, the
 *       activity fails with a retry delay until the minute is over. Else the intent is written,
 *       carrying every notification still pending for the number (a bundle), and sent.
 *   <li>Twilio's answer: its SID marks every notification in the bundle as sent; a 4xx is a {@link
 *       PermanentDeliveryFailure} with Twilio's error code (the workflow falls back to e-mail);
 *       429/5xx are retryable, honouring {@code Retry-After}.
 * </ol>
 */
public class TwilioChannel implements Channel {
  private static final Logger log = LoggerFactory.getLogger(TwilioChannel.class);

  /** Failure types the activity's retries carry (visible in Temporal UI and the delivery log). */
  public static final String PER_NUMBER_LIMIT = "TwilioPerNumberLimit";

  public static final String UNAVAILABLE = "TwilioUnavailable";
  public static final String OUTCOME_UNKNOWN = "TwilioOutcomeUnknown";

  /** Clocks of different workers may differ this much when asking Twilio what it has. */
  private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  public enum Medium {
    SMS("sms", Person.Channel.SMS, Person.Channel.VOICE),
    VOICE("voice", Person.Channel.VOICE, Person.Channel.SMS);

    final String channel;
    final Person.Channel contact;
    final Person.Channel otherContact;

    Medium(String channel, Person.Channel contact, Person.Channel otherContact) {
      this.channel = channel;
      this.contact = contact;
      this.otherContact = otherContact;
    }
  }

  private final Medium medium;
  private final TwilioSettings settings;
  private final TwilioApi api;
  private final TwilioSends sends;
  private final Contacts contacts;
  private final Clock clock;

  public TwilioChannel(
      Medium medium,
      TwilioSettings settings,
      TwilioApi api,
      TwilioSends sends,
      Contacts contacts,
      Clock clock) {
    this.medium = medium;
    this.settings = settings;
    this.api = api;
    this.sends = sends;
    this.contacts = contacts;
    this.clock = clock;
  }

  @Override
  public String name() {
    return medium.channel;
  }

  @Override
  public Delivery deliver(Notification n) {
    return deliver(n, PageFacts.NONE);
  }

  /**
   * {@code facts} are said only when the message carries this page alone (a bundle is a summary of
   * several). What was composed is stored with the intent, so a retry sends that text again.
   */
  @Override
  public Delivery deliver(Notification n, PageFacts facts) {
    String to =
        number(n.recipientId())
            .orElseThrow(
                () ->
                    new PermanentDeliveryFailure(
                        n.recipientName() + " has no phone number for " + medium.channel));
    Map<String, Boolean> sameNumber = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      Optional<TwilioSends.Send> earlier = sends.covering(medium.channel, n.idempotencyKey());
      if (earlier.isPresent()) {
        Optional<Delivery> settled = settle(earlier.get(), n);
        if (settled.isPresent()) {
          return settled.get();
        }
        continue; // the earlier send never reached Twilio: claim anew
      }
      TwilioSends.Claim claim =
          sends.claim(
              medium.channel,
              to,
              n,
              settings.minInterval(),
              recipient ->
                  sameNumber.computeIfAbsent(
                      recipient, r -> number(r).map(to::equals).orElse(false)),
              items -> compose(items, n.recipientId(), facts));
      if (claim instanceof TwilioSends.Claim.Done done) {
        return new Delivery(done.status(), done.providerId(), done.detail());
      }
      if (claim instanceof TwilioSends.Claim.Covered) {
        continue; // settled in the next round
      }
      if (claim instanceof TwilioSends.Claim.Wait wait) {
        throw ApplicationFailure.newFailureWithCauseAndDelay(
            "At most one "
                + what()
                + " per "
                + human(settings.minInterval())
                + " to "
                + to
                + ": this "
                + n.kind().name().toLowerCase()
                + " goes out bundled with any others when the interval ends, in "
                + human(wait.delay()),
            PER_NUMBER_LIMIT,
            null,
            wait.delay().plusMillis(250));
      }
      return send((TwilioSends.Claim.Claimed) claim, to);
    }
    throw ApplicationFailure.newFailure(
        "The " + what() + " to " + to + " is being settled; " + "trying again", OUTCOME_UNKNOWN);
  }

  /**
   * The outcome of a send that already carries the notification: empty when it never reached Twilio
   * (it is marked failed, and the caller claims anew).
   */
  private Optional<Delivery> settle(TwilioSends.Send send, Notification n) {
    if (send.state() == TwilioSends.State.SENT) {
      return Optional.of(delivery(send, send.detail()));
    }
    Duration age = Duration.between(send.createdAt(), clock.instant());
    if (age.compareTo(settings.lostResponseGrace()) < 0) {
      Duration wait = settings.lostResponseGrace().minus(age);
      throw ApplicationFailure.newFailureWithCauseAndDelay(
          "An earlier "
              + what()
              + " to "
              + send.to()
              + " is in flight or lost its answer; Twilio is asked in "
              + human(wait)
              + " before anything is sent again",
          OUTCOME_UNKNOWN,
          null,
          wait.plusMillis(250));
    }
    Instant since = send.createdAt().minus(CLOCK_SKEW);
    Set<String> known =
        sends.knownSids(medium.channel, send.to(), since.minus(Duration.ofHours(1)));
    Optional<String> found =
        medium == Medium.SMS
            ? api.findSms(send.to(), send.content(), since, known)
            : api.findCall(send.to(), since, known);
    if (found.isPresent()) {
      log.info(
          "{} #{} for {} was accepted by Twilio as {} although its answer was lost; not sent "
              + "again",
          what(),
          send.id(),
          n.idempotencyKey(),
          found.get());
      String detail = "sent (" + found.get() + " found at Twilio after the answer was lost)";
      sends.sent(send.id(), found.get(), detail);
      return Optional.of(delivery(sends.find(send.id()).orElse(send), detail));
    }
    sends.failed(send.id(), "never reached Twilio (not in its " + what() + " list)");
    return Optional.empty();
  }

  private Delivery send(TwilioSends.Claim.Claimed claim, String to) {
    TwilioSends.Send send = claim.send();
    String detail = detail(claim.items());
    String callback = settings.statusCallbackUrl(send.id());
    String sid;
    try {
      sid =
          medium == Medium.SMS
              ? api.sendSms(to, send.content(), callback)
              : api.call(to, send.content(), callback);
    } catch (TwilioUnavailable unavailable) {
      sends.failed(send.id(), unavailable.getMessage());
      throw unavailable
          .retryAfter()
          .map(
              delay ->
                  ApplicationFailure.newFailureWithCauseAndDelay(
                      unavailable.getMessage(), UNAVAILABLE, unavailable, delay))
          .orElseGet(
              () ->
                  ApplicationFailure.newFailureWithCause(
                      unavailable.getMessage(), UNAVAILABLE, unavailable));
    } catch (ApiConnectionException noAnswer) {
      // Twilio may have the message: the intent stays PENDING and the retry asks Twilio first.
      throw ApplicationFailure.newFailureWithCause(
          "No answer from Twilio for the "
              + what()
              + " to "
              + to
              + " ("
              + noAnswer.getMessage()
              + "); the retry first asks Twilio whether "
              + "it arrived",
          OUTCOME_UNKNOWN,
          noAnswer);
    } catch (ApiException refused) {
      Integer status = refused.getStatusCode();
      if (status == null || status < 400 || status >= 500) {
        // e.g. a 2xx answer that could not be read: it may have been sent
        throw ApplicationFailure.newFailureWithCause(
            "Twilio's answer for the "
                + what()
                + " to "
                + to
                + " could not be read ("
                + refused.getMessage()
                + ")",
            OUTCOME_UNKNOWN,
            refused);
      }
      String reason =
          "Twilio refused the "
              + what()
              + " to "
              + to
              + ": "
              + (refused.getCode() != null ? "error " + refused.getCode() + ", " : "")
              + refused.getMessage()
              + " (HTTP "
              + status
              + ")";
      sends.failed(send.id(), reason);
      throw new PermanentDeliveryFailure(reason);
    }
    sends.sent(send.id(), sid, detail);
    // A fast status callback may have been recorded already; answer it rather than overwrite it.
    return delivery(sends.find(send.id()).orElse(send), detail);
  }

  private Delivery delivery(TwilioSends.Send send, String detail) {
    Optional<TwilioSends.Outcome> outcome =
        TwilioSends.outcome(medium.channel, send.providerStatus(), null);
    if (outcome.isPresent() && outcome.get().status() != DeliveryResult.Status.SENT) {
      return new Delivery(outcome.get().status(), send.sid(), outcome.get().detail());
    }
    return new Delivery(DeliveryResult.Status.SENT, send.sid(), detail);
  }

  /** The first pending item is always the notification being sent: the facts are its own. */
  private String compose(List<TwilioSends.Pending> pending, String personId, PageFacts facts) {
    List<PageText.Item> items =
        pending.stream()
            .map(p -> new PageText.Item(p.incidentNumber(), p.kind(), p.subject()))
            .toList();
    if (medium == Medium.SMS) {
      return PageText.sms(items, facts);
    }
    return PageText.twiml(
        items,
        settings.hasPublicUrl() ? PageText.gatherUrl(settings.publicUrl(), items, personId) : null,
        facts);
  }

  private String detail(List<TwilioSends.Pending> items) {
    String accepted = medium == Medium.SMS ? "SMS accepted by Twilio" : "call placed by Twilio";
    if (items.size() == 1) {
      return accepted;
    }
    Set<String> incidents = new LinkedHashSet<>();
    items.forEach(i -> incidents.add("INC-" + i.incidentNumber()));
    return accepted
        + ", one "
        + what()
        + " for "
        + items.size()
        + " notifications ("
        + incidents.stream().collect(Collectors.joining(", "))
        + ")";
  }

  /** The person's number for this medium, else their other phone number. */
  private Optional<String> number(String personId) {
    return contacts
        .address(personId, medium.contact)
        .or(() -> contacts.address(personId, medium.otherContact))
        .map(TwilioChannel::normalize)
        .filter(s -> !s.isEmpty());
  }

  /** "+1 (555) 010-0001" → "+15550100001": how Twilio writes numbers in callbacks. */
  public static String normalize(String number) {
    return number == null ? "" : number.replaceAll("[\\s().\\-]", "");
  }

  private String what() {
    return medium == Medium.SMS ? "SMS" : "call";
  }

  private static String human(Duration d) {
    long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
    return seconds < 120 ? seconds + " s" : (seconds / 60) + " min";
  }
}
