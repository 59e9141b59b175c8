package dev.fireline.notify.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Twilio's REST API played by WireMock: paths and JSON shaped like the 2010-04-01 API's. */
final class TwilioStandIn {
  static final String ACCOUNT = "AC00000000000000000000000000000001";
  static final String TOKEN = "test-auth-token-not-real";
  static final String FROM = "+15005550006";

  private TwilioStandIn() {}

  static String messagesPath() {
    return "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  }

  static String callsPath() {
    return "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";
  }

  static MappingBuilder postMessages() {
    return post(urlPathEqualTo(messagesPath()));
  }

  static MappingBuilder postCalls() {
    return post(urlPathEqualTo(callsPath()));
  }

  static ResponseDefinitionBuilder messageCreated(String sid) {
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"sid\":\""
                + sid
                + "\",\"account_sid\":\""
                + ACCOUNT
                + "\",\"status\":\"queued\","
                + "\"date_created\":\""
                + rfc2822(ZonedDateTime.now(ZoneOffset.UTC))
                + "\"}");
  }

  static ResponseDefinitionBuilder callCreated(String sid) {
    return aResponse()
        .withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"sid\":\"" + sid + "\",\"account_sid\":\"" + ACCOUNT + "\",\"status\":\"queued\"}");
  }

  /** Twilio's error body. */
  static ResponseDefinitionBuilder error(int status, int code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"code\":"
                + code
                + ",\"message\":\""
                + message
                + "\",\"more_info\":"
                + "\"https://www.twilio.com/docs/errors/"
                + code
                + "\",\"status\":"
                + status
                + "}");
  }

  /** A page of the Messages list with one message. */
  static ResponseDefinitionBuilder messageList(
      String sid, String to, String body, ZonedDateTime created) {
    String json =
        "{\"sid\":\""
            + sid
            + "\",\"to\":\""
            + to
            + "\",\"from\":\""
            + FROM
            + "\",\"body\":"
            + quote(body)
            + ",\"status\":\"sent\",\"date_created\":\""
            + rfc2822(created)
            + "\"}";
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"messages\":["
                + json
                + "],\"page\":0,\"page_size\":20,\"start\":0,\"end\":0,"
                + "\"uri\":\""
                + messagesPath()
                + "?PageSize=20&Page=0\",\"first_page_uri\":\""
                + messagesPath()
                + "?PageSize=20&Page=0\",\"next_page_uri\":null,"
                + "\"previous_page_uri\":null}");
  }

  static ResponseDefinitionBuilder emptyMessageList() {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"messages\":[],\"page\":0,\"page_size\":20,\"start\":0,\"end\":0,"
                + "\"uri\":\""
                + messagesPath()
                + "?PageSize=20&Page=0\",\"first_page_uri\":\""
                + messagesPath()
                + "?PageSize=20&Page=0\",\"next_page_uri\":null,"
                + "\"previous_page_uri\":null}");
  }

  static String rfc2822(ZonedDateTime at) {
    return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US)
        .format(at.withZoneSameInstant(ZoneOffset.UTC));
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static WireMockServer start() {
    WireMockServer server =
        new WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1"));
    server.start();
    return server;
  }
}
