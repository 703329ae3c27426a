package dev.journeys.activities;

import dev.journeys.customer.TimeZones;
import dev.journeys.policy.PolicyProperties;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;

/**
 * The journey store (profiles and consent, event log, ledger) for any app that reads or writes it.
 * Its schema is migrated by Flyway from {@code db/migration} in this module.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
    basePackages = {
      "dev.journeys.customer",
      "dev.journeys.eventlog",
      "dev.journeys.ledger",
      "dev.journeys.content",
      "dev.journeys.receipt",
      "dev.journeys.backinstock",
      "dev.journeys.experiment",
      "dev.journeys.funnel",
      "dev.journeys.handoff"
    })
@EnableJdbcRepositories(basePackages = "dev.journeys.customer")
// the default time zone: profiles read by the API and the worker resolve zones alike
@EnableConfigurationProperties(PolicyProperties.class)
@org.springframework.context.annotation.Import(PolicyStoreConfiguration.class)
public class JourneyStoreConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  TimeZones timeZones(PolicyProperties policies) {
    return TimeZones.shipped(ZoneId.of(policies.defaultTimeZone()));
  }
}
