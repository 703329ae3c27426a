package dev.journeys.api.customer;

import dev.journeys.api.Ids;
import dev.journeys.api.InvalidRequestException;
import java.util.List;

/** The check every customer endpoint makes of the id in its path. */
public final class CustomerIds {

  private CustomerIds() {}

  /** 400 unless the id has the one id charset ({@link Ids}). */
  public static void check(String id) {
    if (!Ids.valid(id)) {
      throw new InvalidRequestException(
          "invalid customer id",
          List.of(new InvalidRequestException.FieldError("id", Ids.MESSAGE)));
    }
  }
}
