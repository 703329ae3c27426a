package dev.journeys.activities;

import dev.journeys.unsubscribe.UnsubscribeProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The store behind send-time policies that both the API (operators, webhooks, unsubscribe links)
 * and the worker (the policy gate, signing links) use: the suppression list and the unsubscribe
 * link signer.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = {"dev.journeys.suppression", "dev.journeys.unsubscribe"})
@EnableConfigurationProperties(UnsubscribeProperties.class)
public class PolicyStoreConfiguration {}
