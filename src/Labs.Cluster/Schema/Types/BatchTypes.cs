namespace Labs.Cluster.Schema.Types;

/// <summary>batch/v1 Job and CronJob.</summary>
internal static class BatchTypes
{
    public const string Text = """
P batch.v1
T Job gvk=batch/v1/Job | Job represents the configuration of a single job.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 JobSpec | Desired behavior of the job.
  status 3 JobStatus | Current status of the job.
T JobSpec | The description of a job.
  parallelism 1 i32 * | Maximum pods the job should run at any time.
  completions 2 i32 * | Desired number of successfully finished pods.
  activeDeadlineSeconds 3 i64 * | Seconds the job may be active before the system tries to end it.
  podFailurePolicy 11 PodFailurePolicy * | How failed pods affect the job.
  successPolicy 16 SuccessPolicy * | When the job can be declared succeeded.
  backoffLimit 7 i32 * | Retries before marking the job failed; defaults to 6.
  backoffLimitPerIndex 12 i32 * | Retries per index for Indexed jobs.
  maxFailedIndexes 13 i32 * | Maximum failed indexes before the job fails.
  selector 4 meta.LabelSelector * | Label query over pods; normally generated.
  manualSelector 5 b * | Set the selector manually.
  template 6 core.v1.PodTemplateSpec ! | The pods that will be created.
  ttlSecondsAfterFinished 8 i32 * | Seconds after finishing before the job is deleted.
  completionMode 9 s * | NonIndexed (default) or Indexed.
  suspend 10 b * | Suspend the job.
  podReplacementPolicy 14 s * | When to create replacement pods: TerminatingOrFailed or Failed.
  managedBy 15 s * | Controller that manages the job.
T PodFailurePolicy | Rules for failed pods.
  rules 1 []PodFailurePolicyRule ! | The rules, evaluated in order.
T PodFailurePolicyRule | One rule for failed pods.
  action 1 s ! | FailJob, FailIndex, Ignore or Count.
  onExitCodes 2 PodFailurePolicyOnExitCodesRequirement * | Container exit codes to match.
  onPodConditions 3 []PodFailurePolicyOnPodConditionsPattern | Pod conditions to match.
T PodFailurePolicyOnExitCodesRequirement | Exit codes to match.
  containerName 1 s * | Container to check; all when empty.
  operator 2 s ! | In or NotIn.
  values 3 []i32 ! | Exit codes.
T PodFailurePolicyOnPodConditionsPattern | A pod condition to match.
  type 1 s ! | Condition type.
  status 2 s | Condition status.
T SuccessPolicy | When a job succeeds.
  rules 1 []SuccessPolicyRule ! | The rules.
T SuccessPolicyRule | One success rule.
  succeededIndexes 1 s * | Indexes that must succeed.
  succeededCount 2 i32 * | Number of indexes that must succeed.
T JobStatus | The current state of a job.
  conditions 1 []JobCondition | Latest available observations of the job's state.
  startTime 2 time * | Time the job controller started the job.
  completionTime 3 time * | Time the job completed.
  active 4 i32 | Pending and running pods.
  succeeded 5 i32 | Pods that succeeded.
  failed 6 i32 | Pods that failed.
  terminating 11 i32 * | Pods that are terminating.
  completedIndexes 7 s | Completed indexes of an Indexed job.
  failedIndexes 10 s * | Failed indexes.
  uncountedTerminatedPods 8 UncountedTerminatedPods * | Finished pods not yet counted.
  ready 9 i32 * | Ready pods.
T UncountedTerminatedPods | UIDs of finished pods not yet counted in the status.
  succeeded 1 []s | Succeeded pod UIDs.
  failed 2 []s | Failed pod UIDs.
T JobCondition | A condition of a job.
  type 1 s ! | Type of job condition, Complete or Failed.
  status 2 s ! | True, False or Unknown.
  lastProbeTime 3 time | Last time the condition was checked.
  lastTransitionTime 4 time | Last time the condition transitioned.
  reason 5 s | Reason for the last transition.
  message 6 s | Human-readable details.
T CronJob gvk=batch/v1/CronJob | CronJob represents the configuration of a single cron job.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 CronJobSpec | Desired behavior of the cron job, including the schedule.
  status 3 CronJobStatus | Current status of the cron job.
T CronJobSpec | The desired behavior of a cron job.
  schedule 1 s ! | The schedule in Cron format.
  timeZone 8 s * | Time zone name for the schedule.
  startingDeadlineSeconds 2 i64 * | Deadline in seconds for starting a missed job.
  concurrencyPolicy 3 s | Allow (default), Forbid or Replace.
  suspend 4 b * | Suspend subsequent executions.
  jobTemplate 5 JobTemplateSpec ! | The job that will be created.
  successfulJobsHistoryLimit 6 i32 * | Successful finished jobs to retain; defaults to 3.
  failedJobsHistoryLimit 7 i32 * | Failed finished jobs to retain; defaults to 1.
T JobTemplateSpec | The job to create from a template.
  metadata 1 meta.ObjectMeta | Standard object metadata of the jobs.
  spec 2 JobSpec | Specification of the job.
T CronJobStatus | The current state of a cron job.
  active 1 []core.v1.ObjectReference | Currently running jobs.
  lastScheduleTime 4 time * | Last time the job was scheduled.
  lastSuccessfulTime 5 time * | Last time the job completed successfully.
""";
}
