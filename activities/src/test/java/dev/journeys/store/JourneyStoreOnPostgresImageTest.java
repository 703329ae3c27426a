package dev.journeys.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.RequiresDocker;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The migrations and the store on the same PostgreSQL image docker-compose runs (postgres:16).
 * Needs Docker; without it the test is reported as skipped, with the reason.
 */
@RequiresDocker("migrations and store on the postgres:16.10 image used by docker-compose.yml")
@SpringBootTest(classes = JourneyStoreTestApp.class)
class JourneyStoreOnPostgresImageTest {

  static PostgreSQLContainer<?> postgres;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    postgres = new PostgreSQLContainer<>("postgres:16.10");
    postgres.start();
    registry.add("spring.datasource.url", postgres::getJdbcUrl);
    registry.add("spring.datasource.username", postgres::getUsername);
    registry.add("spring.datasource.password", postgres::getPassword);
  }

  @Autowired CustomerProfiles profiles;
  @Autowired MessageLedger ledger;

  @Test
  void migratesAndStoresProfilesAndLedgerEntries() {
    profiles.save(
        new Customer(
            "ada",
            "ada@shop.test",
            null,
            "Europe/Berlin",
            "en",
            "Ada",
            Set.of(new Consent(Channel.EMAIL, Topic.MARKETING, ConsentStatus.GRANTED, null, null)),
            null),
        "test");
    var request =
        new SendRequest(
            "k-1",
            "ada",
            "abandoned-cart",
            "cart-reminder",
            Channel.EMAIL,
            Topic.MARKETING,
            "cart-reminder",
            Map.of());

    assertThat(ledger.recordNew(request, LedgerStatus.SUPPRESSED, "opted_out", null)).isTrue();
    assertThat(ledger.recordNew(request, LedgerStatus.SUPPRESSED, "opted_out", null)).isFalse();
    assertThat(profiles.find("ada").orElseThrow().consents()).hasSize(1);
  }
}
