package dev.journeys.activities;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.ServiceWindow;
import dev.journeys.channel.email.EmailProperties;
import dev.journeys.channel.email.SmtpEmailChannel;
import dev.journeys.channel.helpdesk.HandoffActivitiesImpl;
import dev.journeys.channel.helpdesk.HelpdeskFallback;
import dev.journeys.channel.helpdesk.HelpdeskFallbackProperties;
import dev.journeys.channel.helpdesk.HelpdeskProperties;
import dev.journeys.channel.helpdesk.HttpHelpdesk;
import dev.journeys.channel.meta.InstagramProperties;
import dev.journeys.channel.meta.MessengerProperties;
import dev.journeys.channel.meta.MetaSendApiChannel;
import dev.journeys.channel.push.FcmProperties;
import dev.journeys.channel.push.FcmPushChannel;
import dev.journeys.channel.sms.HttpSmsChannel;
import dev.journeys.channel.sms.SmsProperties;
import dev.journeys.channel.webhook.WebhookChannel;
import dev.journeys.channel.webhook.WebhookProperties;
import dev.journeys.channel.whatsapp.WhatsAppCloudChannel;
import dev.journeys.channel.whatsapp.WhatsAppProperties;
import dev.journeys.customer.ChannelActivity;
import dev.journeys.customer.PushTokens;
import dev.journeys.handoff.HandoffActivities;
import dev.journeys.messaging.Channel;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Everything the worker's activities need: the store, the policy gate, content and the channel
 * adapters. A channel whose provider is not configured has no adapter, and a send on it fails with
 * a message naming the missing setting.
 */
@Configuration(proxyBeanMethods = false)
@Import(JourneyStoreConfiguration.class)
// content is scanned by the imported JourneyStoreConfiguration (the API renders previews too)
@ComponentScan(basePackages = {"dev.journeys.messaging", "dev.journeys.policy"})
@EnableConfigurationProperties({
  EmailProperties.class,
  SmsProperties.class,
  WhatsAppProperties.class,
  MessengerProperties.class,
  InstagramProperties.class,
  FcmProperties.class,
  WebhookProperties.class,
  HelpdeskProperties.class,
  HelpdeskFallbackProperties.class,
  dev.journeys.policy.PolicyProperties.class
})
public class ChannelConfiguration {

  @Bean
  @ConditionalOnProperty("spring.mail.host")
  ChannelSender smtpEmailChannel(JavaMailSender mail, EmailProperties properties) {
    return new SmtpEmailChannel(mail, properties);
  }

  @Bean
  @ConditionalOnProperty("journeys.channels.sms.base-url")
  ChannelSender httpSmsChannel(SmsProperties properties, ObjectMapper json, Clock clock) {
    return new HttpSmsChannel(properties, json, clock);
  }

  @Bean
  ServiceWindow serviceWindow(ChannelActivity activity, Clock clock) {
    return new ServiceWindow(activity, clock);
  }

  @Bean
  @ConditionalOnProperty("journeys.channels.whatsapp.base-url")
  ChannelSender whatsAppCloudChannel(
      WhatsAppProperties properties, ServiceWindow window, ObjectMapper json, Clock clock) {
    return new WhatsAppCloudChannel(properties, window, json, clock);
  }

  @Bean
  @ConditionalOnProperty("journeys.channels.messenger.base-url")
  ChannelSender messengerChannel(
      MessengerProperties properties, ServiceWindow window, ObjectMapper json, Clock clock) {
    return new MetaSendApiChannel(Channel.MESSENGER, properties.sendApi(), window, json, clock);
  }

  @Bean
  @ConditionalOnProperty("journeys.channels.instagram.base-url")
  ChannelSender instagramChannel(
      InstagramProperties properties, ServiceWindow window, ObjectMapper json, Clock clock) {
    return new MetaSendApiChannel(Channel.INSTAGRAM, properties.sendApi(), window, json, clock);
  }

  @Bean
  @ConditionalOnProperty("journeys.channels.push.base-url")
  ChannelSender fcmPushChannel(
      FcmProperties properties, PushTokens tokens, ObjectMapper json, Clock clock) {
    return new FcmPushChannel(properties, tokens, json, clock);
  }

  @Bean
  @ConditionalOnProperty("journeys.channels.webhook.url")
  ChannelSender webhookChannel(WebhookProperties properties, ObjectMapper json, Clock clock) {
    return new WebhookChannel(properties, json, clock);
  }

  @Bean
  @ConditionalOnProperty("journeys.channels.helpdesk.base-url")
  HttpHelpdesk httpHelpdesk(HelpdeskProperties properties, ObjectMapper json) {
    return new HttpHelpdesk(properties, json);
  }

  @Bean
  HelpdeskFallback helpdeskFallback(
      HelpdeskFallbackProperties properties,
      java.util.List<ChannelSender> senders,
      dev.journeys.ledger.MessageLedger ledger) {
    return new HelpdeskFallback(
        properties, senders.stream().filter(s -> s.channel() == Channel.EMAIL).findFirst(), ledger);
  }

  @Bean
  HandoffActivities handoffActivities(
      java.util.Optional<HttpHelpdesk> helpdesk,
      HelpdeskFallback fallback,
      dev.journeys.handoff.HandoffTickets tickets) {
    return new HandoffActivitiesImpl(
        helpdesk, java.util.Optional.of(fallback), java.util.Optional.of(tickets));
  }
}
