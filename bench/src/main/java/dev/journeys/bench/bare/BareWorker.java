package dev.journeys.bench.bare;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;

/**
 * The bare-Temporal baseline's worker, its own JVM like the Journeys worker, with the SDK's default
 * worker options. Arguments: Temporal address, namespace, task queue, SMTP host, SMTP port.
 */
public final class BareWorker {

  private BareWorker() {}

  public static void main(String[] args) throws InterruptedException {
    var service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
    var client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(args[1]).build());
    var factory = WorkerFactory.newInstance(client);
    var worker = factory.newWorker(args[2]);
    worker.registerWorkflowImplementationTypes(
        BareTimerWorkflowImpl.class, BareSendWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new BareMailActivityImpl(args[3], Integer.parseInt(args[4])));
    factory.start();
    System.out.println("bare worker polling " + args[2]);
    Runtime.getRuntime().addShutdownHook(new Thread(factory::shutdownNow));
    Thread.currentThread().join();
  }
}
