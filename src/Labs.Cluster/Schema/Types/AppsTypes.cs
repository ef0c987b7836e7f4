namespace Labs.Cluster.Schema.Types;

/// <summary>apps/v1 Deployment and ReplicaSet.</summary>
internal static class AppsTypes
{
    public const string Text = """
P apps.v1
T Deployment gvk=apps/v1/Deployment | Deployment enables declarative updates for Pods and ReplicaSets.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 DeploymentSpec | Desired behavior of the Deployment.
  status 3 DeploymentStatus | Most recently observed status of the Deployment.
T DeploymentSpec | The desired state of a Deployment.
  replicas 1 i32 * | Number of desired pods; defaults to 1.
  selector 2 meta.LabelSelector * ! | Label selector for pods; must match the pod template's labels.
  template 3 core.v1.PodTemplateSpec ! | Template describing the pods that will be created.
  strategy 4 DeploymentStrategy ps=retainKeys | The deployment strategy used to replace old pods by new ones.
  minReadySeconds 5 i32 | Seconds a new pod must be ready without crashing to be considered available.
  revisionHistoryLimit 6 i32 * | Number of old ReplicaSets to keep for rollback; defaults to 10.
  paused 7 b | Indicates that the deployment is paused.
  progressDeadlineSeconds 9 i32 * | Seconds to make progress before the deployment is considered failed; defaults to 600.
T DeploymentStrategy | How to replace existing pods with new ones.
  type 1 s | Recreate or RollingUpdate (default).
  rollingUpdate 2 RollingUpdateDeployment * | Rolling update parameters, present only when type is RollingUpdate.
T RollingUpdateDeployment | Controls the desired behavior of a rolling update.
  maxUnavailable 1 ios * | Maximum pods that can be unavailable during the update (number or percentage); defaults to 25%.
  maxSurge 2 ios * | Maximum pods that can be scheduled above the desired number (number or percentage); defaults to 25%.
T DeploymentStatus | The most recently observed status of the Deployment.
  observedGeneration 1 i64 | The generation observed by the deployment controller.
  replicas 2 i32 | Total number of non-terminating pods targeted by this deployment.
  updatedReplicas 3 i32 | Non-terminating pods that have the desired template spec.
  availableReplicas 4 i32 | Pods available for at least minReadySeconds.
  unavailableReplicas 5 i32 | Pods still required for the deployment to have 100% available capacity.
  conditions 6 []DeploymentCondition mk=type ps=merge | Latest available observations of the deployment's state.
  readyReplicas 7 i32 | Pods with a Ready condition.
  collisionCount 8 i32 * | Count of hash collisions for the Deployment.
  terminatingReplicas 9 i32 * | Pods that are terminating.
T DeploymentCondition | The state of a deployment at a certain point.
  type 1 s ! | Type of deployment condition.
  status 2 s ! | True, False or Unknown.
  reason 4 s | The reason for the condition's last transition.
  message 5 s | A human readable message with details about the transition.
  lastUpdateTime 6 time | The last time this condition was updated.
  lastTransitionTime 7 time | Last time the condition transitioned from one status to another.
T ReplicaSet gvk=apps/v1/ReplicaSet | ReplicaSet ensures that a specified number of pod replicas are running at any given time.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 ReplicaSetSpec | Desired behavior of the ReplicaSet.
  status 3 ReplicaSetStatus | Most recently observed status of the ReplicaSet.
T ReplicaSetSpec | The specification of a ReplicaSet.
  replicas 1 i32 * | Number of desired pods; defaults to 1.
  minReadySeconds 4 i32 | Seconds a new pod must be ready to be considered available.
  selector 2 meta.LabelSelector * ! | Label query over pods that should match the replica count.
  template 3 core.v1.PodTemplateSpec | Template for pods created when not enough replicas exist.
T ReplicaSetStatus | The current status of a ReplicaSet.
  replicas 1 i32 ! | Most recently observed number of non-terminating replicas.
  fullyLabeledReplicas 2 i32 | Pods whose labels match the pod template's labels.
  readyReplicas 4 i32 | Pods with a Ready condition.
  availableReplicas 5 i32 | Pods available for at least minReadySeconds.
  terminatingReplicas 7 i32 * | Pods that are terminating.
  observedGeneration 3 i64 | The generation of the most recently observed ReplicaSet.
  conditions 6 []ReplicaSetCondition mk=type ps=merge | Latest available observations of the replica set's state.
T ReplicaSetCondition | The state of a replica set at a certain point.
  type 1 s ! | Type of replica set condition.
  status 2 s ! | True, False or Unknown.
  lastTransitionTime 3 time | Last time the condition transitioned.
  reason 4 s | The reason for the condition's last transition.
  message 5 s | A human readable message with details about the transition.
""";
}
