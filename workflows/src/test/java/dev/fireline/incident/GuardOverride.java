package dev.fireline.incident;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import java.util.Set;

/**
 * Test-only: answers {@code Workflow.getVersion} for some change ids itself, without writing or
 * reading a version marker, so the workflow behaves as code that has no guard for those changes.
 * Other change ids go to Temporal as usual.
 */
final class GuardOverride extends WorkerInterceptorBase {
  private final Set<String> changeIds;
  private final boolean newCode;

  private GuardOverride(Set<String> changeIds, boolean newCode) {
    this.changeIds = changeIds;
    this.newCode = newCode;
  }

  /** The change written without {@code getVersion}: the new code path, always. */
  static GuardOverride withoutGuard(String... changeIds) {
    return new GuardOverride(Set.of(changeIds), true);
  }

  /** The code as it was before the change (e.g. a worker that was rolled back): the old path. */
  static GuardOverride beforeChange(String... changeIds) {
    return new GuardOverride(Set.of(changeIds), false);
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(
            new WorkflowOutboundCallsInterceptorBase(outbound) {
              @Override
              public int getVersion(String changeId, int minSupported, int maxSupported) {
                if (!changeIds.contains(changeId)) {
                  return super.getVersion(changeId, minSupported, maxSupported);
                }
                return newCode ? maxSupported : Workflow.DEFAULT_VERSION;
              }
            });
      }
    };
  }

  @Override
  public String toString() {
    return (newCode ? "without guard: " : "before change: ") + changeIds;
  }
}
