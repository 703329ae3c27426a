package dev.journeys.testsupport;

import dev.journeys.activities.JourneyStoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The journey store alone (profiles, ledger, templates, ...), for {@code @SpringBootTest(classes =
 * JourneyStoreTestApp.class)} with {@link TestDatabase#register}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(JourneyStoreConfiguration.class)
public class JourneyStoreTestApp {}
