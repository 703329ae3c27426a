package dev.journeys.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.messaging.Channel;
import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The profile look-up journeys branch on, against real PostgreSQL. */
@SpringBootTest(classes = {JourneyStoreTestApp.class, CustomerActivitiesImpl.class})
class CustomerActivitiesImplTest {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired CustomerActivities lookUps;
  @Autowired CustomerProfiles profiles;

  @Test
  void returnsTimeZonePreferredChannelAndAttributes() {
    profiles.save(
        new Customer("vip-1", "v@shop.test", null, "Asia/Tokyo", "en", "Vi", Set.of(), null)
            .withPreferredChannel(Channel.SMS),
        Map.of("tier", "vip", "points", 1200, "interests", java.util.List.of("tea")),
        "test");

    var profile = lookUps.lookUp("vip-1");

    assertThat(profile.timeZone()).isEqualTo("Asia/Tokyo");
    assertThat(profile.preferredChannel()).isEqualTo(Channel.SMS);
    assertThat(profile.attribute("tier")).contains("vip");
    assertThat(profile.attribute("points")).contains(1200);
    assertThat(profile.attribute("interests")).contains(java.util.List.of("tea"));
  }

  @Test
  void keepsAttributesWhenAProfileIsSavedWithoutThem() {
    profiles.save(
        new Customer("keep-1", "k@shop.test", null, null, null, null, Set.of(), null),
        Map.of("tier", "gold"),
        "test");
    profiles.save(
        new Customer("keep-1", "k2@shop.test", null, null, null, null, Set.of(), null), "test");

    assertThat(lookUps.lookUp("keep-1").attributes()).containsEntry("tier", "gold");
    assertThat(lookUps.lookUp("keep-1").preferredChannel()).isNull();
  }

  @Test
  void anUnknownCustomerHasAnEmptyProfile() {
    assertThat(lookUps.lookUp("nobody")).isEqualTo(CustomerProfile.unknown("nobody"));
  }
}
