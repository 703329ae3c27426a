package dev.journeys.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

  // the worked example of Twilio's webhook security documentation
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final Map<String, List<String>> PARAMS =
      Map.of(
          "CallSid", List.of("CA1234567890ABCDE"),
          "Caller", List.of("+12349013030"),
          "Digits", List.of("1234"),
          "From", List.of("+12349013030"),
          "To", List.of("+18005551212"));

  @Test
  void signsLikeTwilioOverTheUrlAndTheSortedParameters() {
    assertThat(TwilioSignature.sign("12345", URL, PARAMS))
        .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  }

  @Test
  void refusesAnotherTokenAnotherUrlOrNoHeader() {
    assertThat(TwilioSignature.matches("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", "12345", URL, PARAMS))
        .isTrue();
    assertThat(TwilioSignature.matches("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", "54321", URL, PARAMS))
        .isFalse();
    assertThat(
            TwilioSignature.matches("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", "12345", URL + "&x=1", PARAMS))
        .isFalse();
    assertThat(TwilioSignature.matches(null, "12345", URL, PARAMS)).isFalse();
  }
}
