namespace Labs.Cluster.Schema.Types;

/// <summary>meta/v1 types shared by every kind.</summary>
internal static class MetaTypes
{
    public const string Text = """
P meta
T ObjectMeta | Standard object metadata that all persisted resources must have.
  name 1 s | Unique name within a namespace; required when creating resources.
  generateName 2 s | Optional prefix the server uses to generate a unique name when name is not set.
  namespace 3 s | Namespace the object belongs to; empty for cluster-scoped objects.
  selfLink 4 s | Deprecated and unset by the server.
  uid 5 s | Unique identifier set by the server on creation; cannot be updated.
  resourceVersion 6 s | Opaque version for optimistic concurrency and watches, set by the server.
  generation 7 i64 | Sequence number of changes to the desired state, set by the server.
  creationTimestamp 8 time | Time the server created the object (RFC 3339, UTC).
  deletionTimestamp 9 time * | Time after which the object will be deleted; set when deletion is requested.
  deletionGracePeriodSeconds 10 i64 * | Seconds allowed for graceful termination before removal.
  labels 11 {}s | Key/value pairs used to organize and select objects.
  annotations 12 {}s | Unstructured key/value data stored with the object.
  ownerReferences 13 []OwnerReference mk=uid ps=merge | Objects this object depends on (garbage collection).
  finalizers 14 []s ps=merge | Entries that must be removed before the object is deleted.
  managedFields 17 []ManagedFieldsEntry | Which field manager owns which fields; internal bookkeeping.
T OwnerReference | Identifies an owning object; the owner must be in the same namespace or cluster-scoped.
  kind 1 s ! | Kind of the referent.
  name 3 s ! | Name of the referent.
  uid 4 s ! | UID of the referent.
  apiVersion 5 s ! | API version of the referent.
  controller 6 b * | True if this reference points to the managing controller.
  blockOwnerDeletion 7 b * | If true, the owner cannot be deleted (foreground) until this reference is removed.
T ManagedFieldsEntry | A workflow id, a field set and the version of the resource it applies to.
  manager 1 s | Identifier of the workflow managing these fields.
  operation 2 s | Type of operation that created the entry: Apply or Update.
  apiVersion 3 s | Version of the resource this field set applies to.
  time 4 time * | Timestamp of the last change to the set.
  fieldsType 6 s | Format of the field set; only FieldsV1.
  fieldsV1 7 fv1 * | The field set.
  subresource 8 s | Subresource used to update the object, if any.
T ListMeta | Metadata that synthetic resources such as lists carry.
  selfLink 1 s | Deprecated.
  resourceVersion 2 s | Version of the list for watches.
  continue 3 s | Token for the next page, if more items exist.
  remainingItemCount 4 i64 * | Number of items not yet returned.
T LabelSelector | A label query over a set of resources; the requirements are ANDed.
  matchLabels 1 {}s | Map of key/value pairs that must all match.
  matchExpressions 2 []LabelSelectorRequirement | List of label selector requirements.
T LabelSelectorRequirement | A selector that contains values, a key, and an operator.
  key 1 s ! | The label key the selector applies to.
  operator 2 s ! | In, NotIn, Exists or DoesNotExist.
  values 3 []s | Values for In and NotIn; empty for Exists and DoesNotExist.
T Condition | Details for one aspect of the current state of an API resource.
  type 1 s ! | Type of condition in CamelCase.
  status 2 s ! | True, False or Unknown.
  observedGeneration 3 i64 | The generation the condition was set based upon.
  lastTransitionTime 4 time ! | Last time the condition changed status.
  reason 5 s ! | Machine-readable reason in CamelCase.
  message 6 s ! | Human-readable details.
""";
}
