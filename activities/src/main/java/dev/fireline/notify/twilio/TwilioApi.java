package dev.fireline.notify.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio's Messages and Calls APIs through the SDK, on a client that never retries by itself
 * ({@link TwilioHttpClient}). Errors: {@link com.twilio.exception.ApiException} for a 4xx answer
 * (with Twilio's error code), {@link TwilioUnavailable} for 429/408/5xx, {@link
 * com.twilio.exception.ApiConnectionException} when no answer came (it may have been sent).
 */
public class TwilioApi {
  private static final int LOOKUP_PAGE_SIZE = 20;

  private final TwilioRestClient client;
  private final String from;

  public TwilioApi(TwilioSettings settings, Clock clock) {
    this.client =
        new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
            .httpClient(new TwilioHttpClient(settings.apiBaseUrl(), settings.readTimeout(), clock))
            .build();
    this.from = settings.fromNumber();
  }

  /**
   * Fetches the account these credentials belong to (costs nothing): its status, e.g. "active".
   * Throws {@link com.twilio.exception.ApiException} (401) when Twilio rejects the credentials.
   */
  public String accountStatus(String accountSid) {
    return String.valueOf(
        com.twilio.rest.api.v2010.Account.fetcher(accountSid).fetch(client).getStatus());
  }

  /** Sends an SMS; answers its SID. */
  public String sendSms(String to, String body, String statusCallback) {
    MessageCreator creator = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body);
    if (statusCallback != null) {
      creator.setStatusCallback(statusCallback);
    }
    return creator.create(client).getSid();
  }

  /** Places a call that runs {@code twiml}; answers its SID. */
  public String call(String to, String twiml, String statusCallback) {
    CallCreator creator =
        Call.creator(new PhoneNumber(to), new PhoneNumber(from), new Twiml(twiml))
            // ring for 30 s (Twilio's default is 60) so a missed call is known, and logged, sooner
            .setTimeout(30);
    if (statusCallback != null) {
      creator
          .setStatusCallback(statusCallback)
          .setStatusCallbackMethod(HttpMethod.POST)
          .setStatusCallbackEvent(List.of("initiated", "completed"));
    }
    return creator.create(client).getSid();
  }

  /**
   * An SMS to {@code to} from our number with this body, created since {@code since}, whose SID is
   * not one of {@code known}: the message an attempt whose answer was lost did send.
   */
  public Optional<String> findSms(String to, String body, Instant since, Set<String> known) {
    List<Message> recent =
        Message.reader()
            .setTo(new PhoneNumber(to))
            .setFrom(new PhoneNumber(from))
            .pageSize(LOOKUP_PAGE_SIZE)
            .firstPage(client)
            .getRecords();
    return recent.stream()
        .filter(m -> !known.contains(m.getSid()))
        .filter(m -> createdSince(m.getDateCreated(), since))
        // a trial account prefixes every body with "Sent from your Twilio trial account - "
        .filter(m -> m.getBody() != null && m.getBody().strip().endsWith(body.strip()))
        .map(Message::getSid)
        .findFirst();
  }

  /** A call to {@code to} from our number created since {@code since}, not one of {@code known}. */
  public Optional<String> findCall(String to, Instant since, Set<String> known) {
    List<Call> recent =
        Call.reader()
            .setTo(new PhoneNumber(to))
            .setFrom(new PhoneNumber(from))
            .pageSize(LOOKUP_PAGE_SIZE)
            .firstPage(client)
            .getRecords();
    return recent.stream()
        .filter(c -> !known.contains(c.getSid()))
        .filter(c -> createdSince(c.getDateCreated(), since))
        .map(Call::getSid)
        .findFirst();
  }

  private static boolean createdSince(ZonedDateTime created, Instant since) {
    // Twilio's dates have whole seconds
    return created != null && !created.toInstant().isBefore(since.minusSeconds(1));
  }
}
