package dev.journeys.content;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Picked up with the {@code dev.journeys.content} package scan. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ContentProperties.class)
class ContentConfiguration {}
