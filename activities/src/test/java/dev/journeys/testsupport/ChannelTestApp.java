package dev.journeys.testsupport;

import dev.journeys.activities.ChannelConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The delivery side as the worker runs it (store, policies, channels, send activity), for
 * {@code @SpringBootTest(classes = ChannelTestApp.class)}; configure it with {@link
 * ChannelTestProperties}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ChannelConfiguration.class)
public class ChannelTestApp {}
