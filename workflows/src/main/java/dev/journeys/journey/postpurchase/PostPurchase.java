package dev.journeys.journey.postpurchase;

import static dev.journeys.journey.postpurchase.PostPurchaseJourneyImpl.CARE_TIPS;
import static dev.journeys.journey.postpurchase.PostPurchaseJourneyImpl.CONFIRMATION;
import static dev.journeys.journey.postpurchase.PostPurchaseJourneyImpl.DELIVERED;
import static dev.journeys.journey.postpurchase.PostPurchaseJourneyImpl.REPLENISH;
import static dev.journeys.journey.postpurchase.PostPurchaseJourneyImpl.REVIEW_REQUEST;
import static dev.journeys.journey.postpurchase.PostPurchaseJourneyImpl.SHIPPED;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;

/** The post-purchase journey, as the platform sees it: see {@link PostPurchaseJourney}. */
public final class PostPurchase {

  public static final JourneyDefinition DEFINITION =
      JourneyDefinition.named("post-purchase")
          .triggeredBy(EventTypes.ORDER_PLACED)
          .listensTo(EventTypes.ORDER_SHIPPED, EventTypes.ORDER_DELIVERED)
          // one enrollment per order: a second order starts its own, shipping events find theirs
          .enrolledPer("orderId")
          .sends(CONFIRMATION, SHIPPED, DELIVERED, CARE_TIPS, REVIEW_REQUEST, REPLENISH)
          .runs(JourneyWorkflow.of(PostPurchaseJourney.class, PostPurchaseJourneyImpl::new))
          .build();

  private PostPurchase() {}
}
