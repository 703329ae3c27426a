package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/**
 * A Temporal call that fails with a raw gRPC status (the router rethrows describe's): unreachable
 * or out of time is 503 with Retry-After, anything else 500.
 */
class TemporalStatusProblemTest {

  private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

  @Test
  void unreachableOrOutOfTimeIs503() {
    for (Status status : new Status[] {Status.UNAVAILABLE, Status.DEADLINE_EXCEEDED}) {
      var response = advice.temporalCallFailed(new StatusRuntimeException(status));
      assertThat(response.getStatusCode().value()).isEqualTo(503);
      assertThat(response.getBody().getStatus()).isEqualTo(503);
      assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
    }
  }

  @Test
  void anyOtherStatusIs500() {
    var response = advice.temporalCallFailed(new StatusRuntimeException(Status.INVALID_ARGUMENT));
    assertThat(response.getStatusCode().value()).isEqualTo(500);
  }
}
