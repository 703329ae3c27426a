package dev.journeys.testsupport;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A Twilio-shaped SMS provider on loopback that records each request exactly as it arrived, so
 * tests assert on the real wire format. Answers can be scripted per call. A {@link ProviderStub}
 * that reads form bodies and answers as Twilio does.
 */
public final class SmsProviderStub implements AutoCloseable {

  public static final String ACCOUNT_SID = "AC11111111111111111111111111111111";
  public static final String AUTH_TOKEN = "test-token";

  /** One request as received. */
  public record Received(
      String method, String path, Map<String, String> headers, Map<String, String> form) {}

  private final ProviderStub provider = new ProviderStub();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile Function<Integer, Integer> statusForCall = call -> 201;

  public SmsProviderStub() {
    provider.answer(request -> twilioAnswer(counter.incrementAndGet()));
  }

  public URI baseUrl() {
    return provider.baseUrl();
  }

  public List<Received> received() {
    return provider.received().stream()
        .map(r -> new Received(r.method(), r.path(), r.headers(), form(r.body())))
        .toList();
  }

  /** Scripts the HTTP status of the n-th call (1-based); 201 answers carry a message SID. */
  public void answer(Function<Integer, Integer> statusForCall) {
    this.statusForCall = statusForCall;
  }

  private ProviderStub.Answer twilioAnswer(int call) {
    int status = statusForCall.apply(call);
    return ProviderStub.Answer.json(
        status,
        status == 201
            ? "{\"sid\":\"SM%032d\",\"status\":\"queued\"}".formatted(call)
            : "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":%d}"
                .formatted(status));
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&"))
        .filter(p -> !p.isEmpty())
        .map(p -> p.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
  }

  @Override
  public void close() {
    provider.close();
  }
}
