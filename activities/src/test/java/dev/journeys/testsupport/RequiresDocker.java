package dev.journeys.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a Testcontainers test only where a Docker engine answers, and otherwise reports it as
 * skipped with the reason, so a green build without Docker never hides what did not run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresDocker.Condition.class)
public @interface RequiresDocker {

  /** What the test would have checked, for the skip message. */
  String value();

  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String what =
          context
              .getTestClass()
              .map(c -> c.getAnnotation(RequiresDocker.class))
              .map(RequiresDocker::value)
              .orElse("");
      boolean available;
      try {
        available = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException e) {
        available = false;
      }
      if (available) {
        return ConditionEvaluationResult.enabled("Docker engine available");
      }
      String reason =
          "SKIPPED: no Docker engine reachable, so this Testcontainers test did not run ("
              + what
              + ")";
      System.out.println("[RequiresDocker] " + context.getDisplayName() + " " + reason);
      return ConditionEvaluationResult.disabled(reason);
    }
  }
}
