package dev.journeys.journey;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * The search attributes every journey keeps, so ops can filter in the Temporal UI or with {@code
 * temporal workflow list --query "CustomerId='c-42' AND JourneyStep='wait-for-order'"}.
 */
public final class JourneySearchAttributes {
  public static final SearchAttributeKey<String> CUSTOMER_ID =
      SearchAttributeKey.forKeyword("CustomerId");
  public static final SearchAttributeKey<String> JOURNEY = SearchAttributeKey.forKeyword("Journey");
  public static final SearchAttributeKey<String> JOURNEY_STEP =
      SearchAttributeKey.forKeyword("JourneyStep");
  public static final SearchAttributeKey<String> JOURNEY_OUTCOME =
      SearchAttributeKey.forKeyword("JourneyOutcome");

  /**
   * The enrollment's experiment arms, e.g. {@code cart-last-call-channel=sms,cart-holdout=holdout}.
   */
  public static final SearchAttributeKey<String> JOURNEY_VARIANT =
      SearchAttributeKey.forKeyword("JourneyVariant");

  /** All of them; a Temporal namespace must have these registered (all of type Keyword). */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(CUSTOMER_ID, JOURNEY, JOURNEY_STEP, JOURNEY_OUTCOME, JOURNEY_VARIANT);

  /**
   * The attributes an enrollment is started with (the API's start gives them, so the journey need
   * not upsert them in its first workflow task, see {@code Journey.LEAN_FIRST_TASK}).
   */
  public static SearchAttributes atStart(String journey, String customerId) {
    return SearchAttributes.newBuilder().set(CUSTOMER_ID, customerId).set(JOURNEY, journey).build();
  }

  /** True when this run was started with the enrollment's {@link #atStart} attributes. */
  static boolean givenAtStart(Enrollment enrollment) {
    var given = Workflow.getTypedSearchAttributes();
    return enrollment.customerId().equals(given.get(CUSTOMER_ID))
        && enrollment.journey().equals(given.get(JOURNEY));
  }

  private JourneySearchAttributes() {}
}
