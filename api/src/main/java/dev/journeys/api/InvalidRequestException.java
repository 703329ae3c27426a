package dev.journeys.api;

import java.util.List;

/** A request that fails validation; answered 400 with every problem listed. */
public class InvalidRequestException extends RuntimeException {

  /** One problem: where ({@code events[2].type}) and what. */
  public record FieldError(String field, String message) {}

  private final List<FieldError> errors;

  public InvalidRequestException(String summary, List<FieldError> errors) {
    super(summary);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
