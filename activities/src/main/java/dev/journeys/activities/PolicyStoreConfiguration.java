package dev.journeys.activities;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The store behind send-time policies that both the API (operators, webhooks) and the worker
 * (the policy gate) use: the suppression list and unsubscribe links.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = {"dev.journeys.suppression", "dev.journeys.unsubscribe"})
public class PolicyStoreConfiguration {}
