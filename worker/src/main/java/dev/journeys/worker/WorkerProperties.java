package dev.journeys.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's settings under {@code journeys.*}. Each journey's own settings (e.g. {@code
 * journeys.abandoned-cart.*}) are declared by its definition and bound when it is registered: see
 * {@link ConfiguredSettings}.
 *
 * @param taskQueue the task queue polled for journeys and activities
 * @param registerSearchAttributes add the journey search attributes to the namespace at startup if
 *     missing (needs operator rights; turn off for Temporal Cloud and register them there)
 */
@ConfigurationProperties("journeys")
public record WorkerProperties(
    @DefaultValue("journeys") String taskQueue,
    @DefaultValue("true") boolean registerSearchAttributes) {}
