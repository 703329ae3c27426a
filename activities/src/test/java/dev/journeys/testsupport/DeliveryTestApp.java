package dev.journeys.testsupport;

import dev.journeys.activities.DeliveryConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The delivery side as the worker runs it (store, policies, channels, send activity), for
 * {@code @SpringBootTest(classes = DeliveryTestApp.class)}; configure it with {@link
 * DeliveryTestProperties}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(DeliveryConfiguration.class)
public class DeliveryTestApp {}
