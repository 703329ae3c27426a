package dev.journeys.worker.observability;

import dev.journeys.messaging.SendRequest;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import org.slf4j.MDC;

/**
 * Puts the workflow id, journey and customer id into the logging context for the length of an
 * activity, so every line an activity (or a library it calls) writes can be traced to the
 * enrollment. The journey and customer come from the send request when there is one, else from the
 * workflow id ({@code journey/<journey>/<customerId>[/<key>]}).
 */
final class ActivityLogContext extends ActivityInboundCallsInterceptorBase {

  static final String WORKFLOW_ID = "workflowId";
  static final String JOURNEY = "journey";
  static final String CUSTOMER_ID = "customerId";

  private String workflowId;

  ActivityLogContext(ActivityInboundCallsInterceptor next) {
    super(next);
  }

  /** Called once per activity execution (the SDK builds the interceptor chain for each). */
  @Override
  public void init(ActivityExecutionContext context) {
    workflowId = context.getInfo().getWorkflowId();
    super.init(context);
  }

  @Override
  public ActivityOutput execute(ActivityInput input) {
    String journey = null;
    String customerId = null;
    String[] parts = workflowId == null ? new String[0] : workflowId.split("/", 4);
    if (parts.length >= 3 && parts[0].equals("journey")) {
      journey = parts[1];
      customerId = parts[2];
    }
    Object[] arguments = input.getArguments();
    if (arguments.length > 0 && arguments[0] instanceof SendRequest request) {
      journey = request.journey();
      customerId = request.customerId();
    }
    try (var w = MDC.putCloseable(WORKFLOW_ID, workflowId);
        var j = putIfPresent(JOURNEY, journey);
        var c = putIfPresent(CUSTOMER_ID, customerId)) {
      return super.execute(input);
    }
  }

  private static MDC.MDCCloseable putIfPresent(String key, String value) {
    return value == null ? null : MDC.putCloseable(key, value);
  }
}
