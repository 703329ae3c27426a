package dev.journeys.worker;

import dev.journeys.codec.PayloadCodecConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The worker's settings, and payload encryption when {@code journeys.codec.key} is set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkerProperties.class)
@Import(PayloadCodecConfiguration.class)
class WorkerConfiguration {}
