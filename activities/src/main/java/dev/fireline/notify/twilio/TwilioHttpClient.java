package dev.fireline.notify.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client under Twilio's SDK, sending every request exactly once.
 *
 * <p>Out of the box two layers would resend a POST by themselves: the SDK's own loop (3 tries on
 * 503/429) and Apache HttpClient's retry strategy (once on 503/429). Either could send a second
 * page. Here both are off: Apache's automatic retries are disabled, the SDK's loop makes a single
 * attempt, and a 429, 408 or 5xx answer is thrown as {@link TwilioUnavailable} (with {@code
 * Retry-After}) so that Temporal retries the activity, which first checks the delivery log.
 *
 * <p>Timeouts are ours too (the SDK sets a 30.5 s connect timeout on every request, longer than the
 * activity's): 5 s to connect, {@code readTimeout} to answer. With {@code baseUrl} every request
 * goes there instead of {@code https://api.twilio.com} (a stand-in in tests).
 */
final class TwilioHttpClient extends NetworkHttpClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final String baseUrl;
  private final Clock clock;

  TwilioHttpClient(String baseUrl, Duration readTimeout, Clock clock) {
    super(builder(readTimeout));
    this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl;
    this.clock = clock;
  }

  private static HttpClientBuilder builder(Duration readTimeout) {
    RequestConfig perRequest =
        RequestConfig.custom()
            .setConnectionRequestTimeout(Timeout.ofSeconds(5))
            .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
            .setResponseTimeout(Timeout.of(readTimeout))
            .build();
    return HttpClientBuilder.create()
        .useSystemProperties()
        .disableAutomaticRetries()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .build())
                .setMaxConnPerRoute(20)
                .setMaxConnTotal(40)
                .build())
        // The SDK puts its own RequestConfig on each request; this runs after and replaces it.
        .addExecInterceptorFirst(
            "fireline-timeouts",
            (request, scope, chain) -> {
              scope.clientContext.setRequestConfig(perRequest);
              return chain.proceed(request, scope);
            });
  }

  /** One attempt, whatever the answer: Temporal decides about retries. */
  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response reliableRequest(
      Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    Response response = super.makeRequest(baseUrl == null ? request : rebased(request));
    int status = response.getStatusCode();
    if (status == 429 || status == 408 || status >= 500) {
      throw TwilioUnavailable.from(
          status, response.getContent(), header(response, "Retry-After"), clock.instant());
    }
    return response;
  }

  private Request rebased(Request original) {
    URL url = original.constructURL();
    Request copy = new Request(original.getMethod(), baseUrl + url.getPath());
    copy(original.getQueryParams(), copy::addQueryParam);
    copy(original.getPostParams(), copy::addPostParam);
    copy(original.getHeaderParams(), copy::addHeaderParam);
    if (original.getContentType() != null) {
      copy.setContentType(original.getContentType());
    }
    if (original.getBody() != null) {
      copy.setBody(original.getBody());
    }
    if (original.getAuthStrategy() != null) {
      copy.setAuth(original.getAuthStrategy());
    } else if (original.getUsername() != null) {
      copy.setAuth(original.getUsername(), original.getPassword());
    }
    if (original.getUserAgentExtensions() != null) {
      copy.setUserAgentExtensions(original.getUserAgentExtensions());
    }
    return copy;
  }

  private static void copy(
      Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
    from.forEach((name, values) -> values.forEach(value -> to.accept(name, value)));
  }

  private static String header(Response response, String name) {
    Header[] headers = response.getHeaders();
    if (headers == null) {
      return null;
    }
    for (Header header : headers) {
      if (header.getName().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }
}
