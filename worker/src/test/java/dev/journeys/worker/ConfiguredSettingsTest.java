package dev.journeys.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.journey.backinstock.BackInStockSettings;
import dev.journeys.journey.cart.AbandonedCartSettings;
import dev.journeys.journey.winback.WinBackSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

/**
 * The journeys' settings keep their configuration keys ({@code journeys.abandoned-cart.*}, ...).
 */
class ConfiguredSettingsTest {

  private final MockEnvironment environment = new MockEnvironment();

  private ConfiguredSettings settings() {
    return new ConfiguredSettings(Binder.get(environment));
  }

  @Test
  void nothingConfiguredMeansTheDefaults() {
    assertThat(
            settings()
                .settings(
                    "journeys.abandoned-cart",
                    AbandonedCartSettings.class,
                    AbandonedCartSettings.DEFAULTS))
        .isEqualTo(AbandonedCartSettings.DEFAULTS);
  }

  @Test
  void eachComponentIsAKebabCaseKeyUnderThePrefix() {
    environment
        .withProperty("journeys.abandoned-cart.reminder-delay", "5m")
        .withProperty("journeys.abandoned-cart.last-call-delay", "PT10M")
        .withProperty("journeys.abandoned-cart.email-last-call-weight", "0")
        .withProperty("journeys.abandoned-cart.holdout-percent", "100");

    var cart =
        settings()
            .settings(
                "journeys.abandoned-cart",
                AbandonedCartSettings.class,
                AbandonedCartSettings.DEFAULTS);

    assertThat(cart)
        .isEqualTo(
            new AbandonedCartSettings(Duration.ofMinutes(5), Duration.ofMinutes(10), 1, 0, 100));
  }

  @Test
  void listsAndDurationsOfTheWinBack() {
    environment
        .withProperty("journeys.win-back.lapse", "30d")
        .withProperty("journeys.win-back.messages[0]", "win-back-offer");

    var winBack =
        settings().settings("journeys.win-back", WinBackSettings.class, WinBackSettings.DEFAULTS);

    assertThat(winBack.lapse()).isEqualTo(Duration.ofDays(30));
    assertThat(winBack.gap()).isEqualTo(WinBackSettings.DEFAULTS.gap());
    assertThat(winBack.messages()).isEqualTo(List.of("win-back-offer"));
    assertThat(winBack.continueAsNewAfter())
        .isEqualTo(WinBackSettings.DEFAULTS.continueAsNewAfter());
  }

  @Test
  void invalidSettingsFailAtStartupNamingThePrefix() {
    environment.withProperty("journeys.back-in-stock.page-size", "5000");

    assertThatThrownBy(
            () ->
                settings()
                    .settings(
                        "journeys.back-in-stock",
                        BackInStockSettings.class,
                        BackInStockSettings.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("journeys.back-in-stock")
        .hasMessageContaining("pageSize");
  }

  @Test
  void kebabCase() {
    assertThat(ConfiguredSettings.kebab("smsLastCallWeight")).isEqualTo("sms-last-call-weight");
    assertThat(ConfiguredSettings.kebab("lapse")).isEqualTo("lapse");
  }
}
