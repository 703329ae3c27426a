/**
 * What the worker tells operators: journey and send metrics (Micrometer, served on {@code
 * /actuator/prometheus} beside the Temporal SDK's own), and the journey and customer on every log
 * line an activity writes. All of it is attached from outside through Temporal worker interceptors
 * and a decorator around the channel adapters, so journeys and activities stay free of it.
 */
package dev.journeys.worker.observability;
