package dev.journeys.activities;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.email.EmailProperties;
import dev.journeys.channel.email.SmtpEmailChannel;
import dev.journeys.channel.helpdesk.HandoffActivitiesImpl;
import dev.journeys.channel.helpdesk.HelpdeskProperties;
import dev.journeys.channel.helpdesk.HttpHelpdesk;
import dev.journeys.handoff.HandoffActivities;
import dev.journeys.channel.sms.HttpSmsChannel;
import dev.journeys.channel.sms.SmsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Everything the worker's activities need: the store, the policy gate, content and the channel
 * adapters. A channel whose provider is not configured has no adapter, and a send on it fails
 * with a message naming the missing setting.
 */
@Configuration(proxyBeanMethods = false)
@Import(JourneyStoreConfiguration.class)
@ComponentScan(basePackages = {"dev.journeys.messaging", "dev.journeys.policy", "dev.journeys.content", "dev.journeys.profile"})
@EnableConfigurationProperties({EmailProperties.class, SmsProperties.class, HelpdeskProperties.class})
public class DeliveryConfiguration {

  @Bean
  @ConditionalOnProperty("spring.mail.host")
  ChannelSender smtpEmailChannel(JavaMailSender mail, EmailProperties properties) {
    return new SmtpEmailChannel(mail, properties);
  }

  @Bean
  @ConditionalOnProperty("journeys.channels.sms.base-url")
  ChannelSender httpSmsChannel(SmsProperties properties, ObjectMapper json) {
    return new HttpSmsChannel(properties, json);
  }

  @Bean
  @ConditionalOnProperty("journeys.channels.helpdesk.base-url")
  HttpHelpdesk httpHelpdesk(HelpdeskProperties properties, ObjectMapper json) {
    return new HttpHelpdesk(properties, json);
  }

  @Bean
  HandoffActivities handoffActivities(java.util.Optional<HttpHelpdesk> helpdesk) {
    return new HandoffActivitiesImpl(helpdesk);
  }
}
