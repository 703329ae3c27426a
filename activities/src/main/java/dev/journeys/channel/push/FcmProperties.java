package dev.journeys.channel.push;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Push through Firebase Cloud Messaging's HTTP v1 API.
 *
 * @param baseUrl e.g. {@code https://fcm.googleapis.com}
 * @param projectId the Firebase project
 * @param accessToken an OAuth 2.0 access token for the project's service account (scope {@code
 *     firebase.messaging}); minting and refreshing it is left to the deployment
 */
@ConfigurationProperties("journeys.channels.push")
public record FcmProperties(
    URI baseUrl, String projectId, String accessToken, @DefaultValue("10s") Duration timeout) {}
