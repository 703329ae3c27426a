package dev.journeys.channel;

import io.temporal.failure.ApplicationFailure;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/**
 * Tells a failed attempt that certainly did not reach the provider from one that may have: the send
 * activity may try the first again whatever the channel's delivery semantics, while the second
 * leaves the send in doubt.
 *
 * <p>Certainly not accepted: no connection was made (refused, unknown host, connect timeout), the
 * provider said to slow down (429 or a throttling error), answered 503 or 408, or the SMTP server
 * answered a command with an error or refused the login. Everything else (a read timeout, a
 * connection dropped mid-request, 500, 502, 504, an answer we cannot read, a worker that died) may
 * have been accepted.
 */
public final class AttemptFailures {

  private AttemptFailures() {}

  /** Why an attempt was declined; the cause of the retryable failure that reports it. */
  public static final class Declined extends RuntimeException {
    public Declined(String message) {
      super(message);
    }
  }

  /** True when {@code failure} proves the provider did not take the message. */
  public static boolean notAccepted(Throwable failure) {
    Deque<Throwable> todo = new ArrayDeque<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    todo.push(failure);
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof Declined
          || t instanceof ConnectException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SendFailedException
          || t instanceof MailAuthenticationException
          || (t instanceof ApplicationFailure app
              && ProviderHttp.RATE_LIMITED.equals(app.getType()))) {
        return true;
      }
      if (t instanceof MailSendException mail) {
        for (Exception e : mail.getMessageExceptions()) {
          todo.push(e);
        }
      }
      if (t.getCause() != null) {
        todo.push(t.getCause());
      }
    }
    return false;
  }
}
