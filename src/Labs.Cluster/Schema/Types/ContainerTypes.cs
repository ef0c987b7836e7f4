namespace Labs.Cluster.Schema.Types;

/// <summary>core/v1 Container and everything it contains, plus ContainerStatus.</summary>
internal static class ContainerTypes
{
    public const string Text = """
P core.v1
T Container | A single application container that runs within a pod.
  name 1 s ! | Name of the container, a DNS label unique within the pod.
  image 2 s | Container image name.
  command 3 []s | Entrypoint array; replaces the image's ENTRYPOINT.
  args 4 []s | Arguments to the entrypoint; replace the image's CMD.
  workingDir 5 s | Working directory of the container.
  ports 6 []ContainerPort mk=containerPort ps=merge | Ports to expose from the container (informational).
  envFrom 19 []EnvFromSource | Sources to populate environment variables from.
  env 7 []EnvVar mk=name ps=merge | Environment variables to set in the container.
  resources 8 ResourceRequirements | Compute resources required by this container.
  resizePolicy 23 []ContainerResizePolicy | Resize policy for the container's resources.
  restartPolicy 24 s * | Always for sidecar init containers.
  volumeMounts 9 []VolumeMount mk=mountPath ps=merge | Volumes to mount into the container's filesystem.
  volumeDevices 21 []VolumeDevice mk=devicePath ps=merge | Block devices to be used by the container.
  livenessProbe 10 Probe * | Probe of container liveness; the container restarts if it fails.
  readinessProbe 11 Probe * | Probe of service readiness.
  startupProbe 22 Probe * | Probe that must succeed before other probes run.
  lifecycle 12 Lifecycle * | Actions on container lifecycle events.
  terminationMessagePath 13 s | File the termination message is written to; defaults to /dev/termination-log.
  terminationMessagePolicy 20 s | File (default) or FallbackToLogsOnError.
  imagePullPolicy 14 s | Always, Never or IfNotPresent.
  securityContext 15 SecurityContext * | Security options of the container.
  stdin 16 b | Allocate a buffer for stdin.
  stdinOnce 17 b | Close stdin after the first attach disconnects.
  tty 18 b | Allocate a TTY.
T ContainerPort | A network port in a single container.
  name 1 s | IANA_SVC_NAME of the port, referable by services.
  hostPort 2 i32 | Port to expose on the host.
  containerPort 3 i32 ! | Port on the pod's IP address.
  protocol 4 s | UDP, TCP (default) or SCTP.
  hostIP 5 s | Host IP to bind the external port to.
T EnvVar | An environment variable in a container.
  name 1 s ! | Name of the variable.
  value 2 s | Value; $(VAR) references are expanded.
  valueFrom 3 EnvVarSource * | Source of the value; cannot be used with value.
T EnvVarSource | A source for an environment variable's value.
  fieldRef 1 ObjectFieldSelector * | A field of the pod.
  resourceFieldRef 2 ResourceFieldSelector * | A resource of the container.
  configMapKeyRef 3 ConfigMapKeySelector * | A key of a ConfigMap.
  secretKeyRef 4 SecretKeySelector * | A key of a Secret.
T ObjectFieldSelector | Selects a field of an object.
  apiVersion 1 s | Version of the schema the path is written in; defaults to v1.
  fieldPath 2 s ! | Path of the field to select.
T ResourceFieldSelector | Selects a container resource.
  containerName 1 s | Container name, required for volumes.
  resource 2 s ! | Resource to select, e.g. limits.cpu.
  divisor 3 q | Output format of the exposed resources; defaults to 1.
T ConfigMapKeySelector | Selects a key from a ConfigMap.
  localObjectReference 1 LocalObjectReference ^ | The ConfigMap.
  key 2 s ! | The key to select.
  optional 3 b * | Whether the ConfigMap or its key must exist.
T SecretKeySelector | Selects a key of a Secret.
  localObjectReference 1 LocalObjectReference ^ | The Secret.
  key 2 s ! | The key to select.
  optional 3 b * | Whether the Secret or its key must exist.
T EnvFromSource | A source to populate environment variables from.
  prefix 1 s | Prefix added to every key.
  configMapRef 2 ConfigMapEnvSource * | The ConfigMap.
  secretRef 3 SecretEnvSource * | The Secret.
T ConfigMapEnvSource | A ConfigMap whose keys become environment variables.
  localObjectReference 1 LocalObjectReference ^ | The ConfigMap.
  optional 2 b * | Whether the ConfigMap must exist.
T SecretEnvSource | A Secret whose keys become environment variables.
  localObjectReference 1 LocalObjectReference ^ | The Secret.
  optional 2 b * | Whether the Secret must exist.
T ResourceRequirements | Compute resource requirements.
  limits 1 {}q | Maximum amount of compute resources allowed.
  requests 2 {}q | Minimum amount of compute resources required.
  claims 3 []ResourceClaim mk=name ps=merge,retainKeys | Dynamically allocated resources used by the container.
T ResourceClaim | A reference to a pod resource claim.
  name 1 s ! | Name of the claim in pod.spec.resourceClaims.
  request 2 s | Request within the claim.
T ContainerResizePolicy | Resize policy for one resource.
  resourceName 1 s ! | cpu or memory.
  restartPolicy 2 s ! | NotRequired or RestartContainer.
T VolumeMount | Mounting of a volume within a container.
  name 1 s ! | Name of the volume.
  readOnly 2 b | Mount read-only.
  recursiveReadOnly 7 s * | Disabled, IfPossible or Enabled.
  mountPath 3 s ! | Path within the container.
  subPath 4 s | Path within the volume to mount.
  mountPropagation 5 s * | None, HostToContainer or Bidirectional.
  subPathExpr 6 s | Like subPath with $(VAR) expansion.
T VolumeDevice | A raw block device within a container.
  name 1 s ! | Name of a PersistentVolumeClaim in the pod.
  devicePath 2 s ! | Path inside the container.
T Probe | A health check performed against a container.
  handler 1 ProbeHandler ^ | The action taken.
  initialDelaySeconds 2 i32 | Seconds after start before probes begin.
  timeoutSeconds 3 i32 | Seconds after which the probe times out; defaults to 1.
  periodSeconds 4 i32 | How often to probe; defaults to 10.
  successThreshold 5 i32 | Consecutive successes to be considered successful; defaults to 1.
  failureThreshold 6 i32 | Consecutive failures to be considered failed; defaults to 3.
  terminationGracePeriodSeconds 7 i64 * | Grace period when the probe fails.
T ProbeHandler | The action a probe takes.
  exec 1 ExecAction * | Run a command.
  httpGet 2 HTTPGetAction * | Perform an HTTP GET.
  tcpSocket 3 TCPSocketAction * | Open a TCP connection.
  grpc 4 GRPCAction * | Call a gRPC health check.
T LifecycleHandler | An action taken on a lifecycle event.
  exec 1 ExecAction * | Run a command.
  httpGet 2 HTTPGetAction * | Perform an HTTP GET.
  tcpSocket 3 TCPSocketAction * | Deprecated TCP action.
  sleep 4 SleepAction * | Sleep for a while.
T ExecAction | Run a command in the container.
  command 1 []s | Command line; not run in a shell.
T HTTPGetAction | An HTTP GET request.
  path 1 s | Path to access.
  port 2 ios ! | Port number or name.
  host 3 s | Host name; defaults to the pod IP.
  scheme 4 s | HTTP (default) or HTTPS.
  httpHeaders 5 []HTTPHeader | Custom headers.
T HTTPHeader | A header for HTTP probes.
  name 1 s ! | Header name.
  value 2 s ! | Header value.
T TCPSocketAction | A TCP connection.
  port 1 ios ! | Port number or name.
  host 2 s | Host name; defaults to the pod IP.
T GRPCAction | A gRPC health check.
  port 1 i32 ! | Port number.
  service 2 s * | Service name for the health check.
T SleepAction | Sleep for a number of seconds.
  seconds 1 i64 ! | Seconds to sleep.
T Lifecycle | Actions the system takes on container lifecycle events.
  postStart 1 LifecycleHandler * | Called right after the container is created.
  preStop 2 LifecycleHandler * | Called before the container is terminated.
  stopSignal 3 s * | Signal used to stop the container.
T SecurityContext | Security configuration of a container.
  capabilities 1 Capabilities * | Capabilities to add or drop.
  privileged 2 b * | Run in privileged mode.
  seLinuxOptions 3 SELinuxOptions * | SELinux context.
  windowsOptions 10 WindowsSecurityContextOptions * | Windows-specific options.
  runAsUser 4 i64 * | UID to run the entrypoint as.
  runAsGroup 8 i64 * | GID to run the entrypoint as.
  runAsNonRoot 5 b * | Require a non-root user.
  readOnlyRootFilesystem 6 b * | Mount the root filesystem read-only.
  allowPrivilegeEscalation 7 b * | Allow a process to gain more privileges than its parent.
  procMount 9 s * | Default or Unmasked.
  seccompProfile 11 SeccompProfile * | Seccomp profile.
  appArmorProfile 12 AppArmorProfile * | AppArmor profile.
T Capabilities | POSIX capabilities to add and remove.
  add 1 []s | Added capabilities.
  drop 2 []s | Removed capabilities.
T SELinuxOptions | SELinux labels.
  user 1 s | SELinux user label.
  role 2 s | SELinux role label.
  type 3 s | SELinux type label.
  level 4 s | SELinux level label.
T WindowsSecurityContextOptions | Windows-specific options.
  gmsaCredentialSpecName 1 s * | Name of the GMSA credential spec.
  gmsaCredentialSpec 2 s * | Contents of the GMSA credential spec.
  runAsUserName 3 s * | User name to run as.
  hostProcess 4 b * | Run as a host process container.
T SeccompProfile | A seccomp profile.
  type 1 s ! | Localhost, RuntimeDefault or Unconfined.
  localhostProfile 2 s * | Profile file on the node.
T AppArmorProfile | An AppArmor profile.
  type 1 s ! | Localhost, RuntimeDefault or Unconfined.
  localhostProfile 2 s * | Profile loaded on the node.
T ContainerStatus | Details of a container's current condition.
  name 1 s ! | Name of the container.
  state 2 ContainerState | Current state.
  lastState 3 ContainerState | Last termination state.
  ready 4 b ! | Whether the container passes its readiness probe.
  restartCount 5 i32 ! | Number of restarts.
  image 6 s ! | Image the container runs.
  imageID 7 s ! | Image ID.
  containerID 8 s | Container ID.
  started 9 b * | Whether the container passed its startup probe.
  allocatedResources 10 {}q | Resources allocated to the container.
  resources 11 ResourceRequirements * | Resources applied to the container.
  volumeMounts 12 []VolumeMountStatus mk=mountPath ps=merge | Status of volume mounts.
  user 13 ContainerUser * | Identity of the first process.
  allocatedResourcesStatus 14 []ResourceStatus mk=name ps=merge | Health of allocated resources.
  stopSignal 15 s * | Stop signal of the container.
T ContainerState | One of waiting, running or terminated.
  waiting 1 ContainerStateWaiting * | Waiting details.
  running 2 ContainerStateRunning * | Running details.
  terminated 3 ContainerStateTerminated * | Termination details.
T ContainerStateWaiting | A waiting container.
  reason 1 s | Why the container is waiting.
  message 2 s | Details.
T ContainerStateRunning | A running container.
  startedAt 1 time | Time the container started.
T ContainerStateTerminated | A terminated container.
  exitCode 1 i32 ! | Exit status.
  signal 2 i32 | Signal that ended it.
  reason 3 s | Brief reason.
  message 4 s | Details.
  startedAt 5 time | Start time.
  finishedAt 6 time | Finish time.
  containerID 7 s | Container ID.
""";
}
