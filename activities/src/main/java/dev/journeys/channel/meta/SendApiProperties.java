package dev.journeys.channel.meta;

import java.net.URI;
import java.time.Duration;

/**
 * One Meta Send API connection (a Facebook page for Messenger, the linked Instagram account).
 *
 * @param baseUrl e.g. {@code https://graph.facebook.com}
 * @param pageAccessToken the page access token
 * @param messageTag the message tag used for transactional messages outside the 24-hour window
 *     (e.g. {@code ACCOUNT_UPDATE}, {@code POST_PURCHASE_UPDATE}); none means such messages fail
 */
public record SendApiProperties(
    URI baseUrl, String apiVersion, String pageAccessToken, String messageTag, Duration timeout) {}
