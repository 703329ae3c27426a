package dev.journeys.api;

import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds each of the API's Temporal calls, retries included. The SDK's defaults (10 s per attempt,
 * retries for up to a minute) let a request wait for a lost Temporal far longer than a client
 * waits, holding its database connection all the while; with these bounds it fails fast and is
 * answered 503 ({@link ProblemDetailsAdvice}). {@link TemporalRequestBudget} bounds the sum over
 * one request. Only the API's context has this bean: the worker, in its own context even when both
 * share a JVM, keeps the SDK's defaults for its long polls.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalCallBounds {

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> boundedTemporalCalls(
      @Value("${journeys.api.temporal-call-timeout:3s}") Duration callTimeout) {
    return builder ->
        builder
            .setRpcTimeout(callTimeout)
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder()
                    .setExpiration(callTimeout)
                    .setInitialInterval(Duration.ofMillis(100))
                    .setMaximumInterval(Duration.ofSeconds(1))
                    .validateBuildWithDefaults());
  }
}
