package dev.journeys.journey.backinstock;

import static dev.journeys.journey.backinstock.BackInStockJourneyImpl.BACK_IN_STOCK;

import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;

/**
 * Back in stock, as the platform sees it: see {@link BackInStockJourney}. Started per subscriber by
 * the restock fan-out ({@link BackInStockFanOut}), not by a customer event; its workflow ids carry
 * the product and restock after the customer.
 */
public final class BackInStock {

  public static final JourneyDefinition DEFINITION =
      JourneyDefinition.named("back-in-stock")
          .sends(BACK_IN_STOCK)
          .runs(JourneyWorkflow.of(BackInStockJourney.class, BackInStockJourneyImpl::new))
          .runs(
              JourneyWorkflow.configured(
                  BackInStockFanOut.class,
                  "journeys.back-in-stock",
                  BackInStockSettings.DEFAULTS,
                  BackInStockFanOutImpl::new))
          .build();

  private BackInStock() {}
}
