package dev.journeys.customer;

import java.time.Instant;
import org.springframework.data.relational.core.mapping.Table;

/** A device registered for push notifications (an FCM registration token). */
@Table("customer_push_token")
public record PushToken(String token, Instant registeredAt) {}
