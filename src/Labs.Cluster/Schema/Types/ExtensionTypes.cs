namespace Labs.Cluster.Schema.Types;

/// <summary>apiextensions.k8s.io/v1 CustomResourceDefinition and the JSON schema language its versions are written in.</summary>
internal static class ExtensionTypes
{
    public const string Text = """
P io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1
T CustomResourceDefinition gvk=apiextensions.k8s.io/v1/CustomResourceDefinition | Declares a new resource type that the API server then serves; its name must be <plural>.<group>.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 CustomResourceDefinitionSpec ! | The resource type to serve.
  status 3 CustomResourceDefinitionStatus | Whether the type is served yet, and the versions ever stored.
T CustomResourceDefinitionSpec | How the custom resource is named, scoped and versioned.
  group 1 s ! | API group of the resource (the part after the first dot of the CRD's name).
  names 3 CustomResourceDefinitionNames ! | Resource and kind names.
  scope 4 s ! | Namespaced or Cluster.
  versions 7 []CustomResourceDefinitionVersion ! | Served versions; exactly one is the storage version.
  conversion 9 CustomResourceConversion * | How objects are converted between versions.
  preserveUnknownFields 10 b | Deprecated; must be false in apiextensions.k8s.io/v1.
T CustomResourceDefinitionNames | The names the resource is served under.
  plural 1 s ! | Plural name in URLs, lowercase.
  singular 2 s | Singular name, lowercase; defaults to the lowercased kind.
  shortNames 3 []s | Short names for kubectl get.
  kind 4 s ! | Kind of the objects, CamelCase.
  listKind 5 s | Kind of lists; defaults to <kind>List.
  categories 6 []s | Groups of resources this belongs to, e.g. all.
T CustomResourceDefinitionVersion | One served version of the resource.
  name 1 s ! | Version name, e.g. v1 or v1beta1.
  served 2 b !schema | Whether the version is served by the REST API.
  storage 3 b !schema | Whether objects are stored in this version; exactly one version has it.
  deprecated 7 b | Whether clients get a deprecation warning.
  deprecationWarning 8 s * | The warning returned instead of the default one.
  schema 4 CustomResourceValidation * | The version's schema for validation, pruning and defaulting.
  subresources 5 CustomResourceSubresources * | The status and scale subresources.
  additionalPrinterColumns 6 []CustomResourceColumnDefinition | Extra columns of kubectl get; Age when none.
  selectableFields 9 []SelectableField | Fields usable in field selectors.
T CustomResourceValidation | The schema of a version.
  openAPIV3Schema 1 JSONSchemaProps * | A structural OpenAPI v3 schema.
T CustomResourceSubresources | Subresources of a version.
  status 1 CustomResourceSubresourceStatus * | Serves /status; the main endpoint then ignores status changes.
  scale 2 CustomResourceSubresourceScale * | Serves /scale (kubectl scale, HorizontalPodAutoscalers).
T CustomResourceSubresourceStatus | Enables the status subresource; it has no fields.
T CustomResourceSubresourceScale | Where the scale subresource reads and writes replicas.
  specReplicasPath 1 s ! | JSON path of the desired replicas, under .spec.
  statusReplicasPath 2 s ! | JSON path of the observed replicas, under .status.
  labelSelectorPath 3 s * | JSON path of the selector string, under .status or .spec.
T CustomResourceColumnDefinition | A column of kubectl get.
  name 1 s ! | Column header.
  type 2 s ! | integer, number, string, boolean or date.
  format 3 s | Optional format of the type.
  description 4 s | What the column shows.
  priority 5 i32 | 0 is shown by default, higher only with -o wide.
  jsonPath 6 s ! | Simple JSON path evaluated against each object.
T SelectableField | A field usable in field selectors.
  jsonPath 1 s ! | Simple JSON path of a string, integer or boolean field.
T CustomResourceConversion | How objects are converted between versions.
  strategy 1 s ! | None (only apiVersion changes) or Webhook.
  webhook 2 WebhookConversion * | The conversion webhook, for the Webhook strategy.
T WebhookConversion | A conversion webhook.
  clientConfig 2 WebhookClientConfig * | How to call the webhook.
  conversionReviewVersions 3 []s ! | ConversionReview versions the webhook accepts, in order of preference.
T WebhookClientConfig | How to reach a webhook: a URL or a Service.
  url 3 s * | URL of the webhook, https://host[:port]/path.
  service 1 ServiceReference * | A Service in the cluster.
  caBundle 2 bytes | PEM CA bundle to verify the webhook's certificate.
T ServiceReference | A Service that hosts a webhook.
  namespace 1 s ! | Namespace of the Service.
  name 2 s ! | Name of the Service.
  path 3 s * | URL path of requests.
  port 4 i32 * | Port of the Service; defaults to 443.
T CustomResourceDefinitionStatus | The observed state of a CRD.
  conditions 1 []CustomResourceDefinitionCondition mk=type ps=merge | Established, NamesAccepted, Terminating and others.
  acceptedNames 2 CustomResourceDefinitionNames | The names actually served.
  storedVersions 3 []s | Every version objects were ever stored in.
T CustomResourceDefinitionCondition | One condition of a CRD.
  type 1 s ! | Established, NamesAccepted, NonStructuralSchema, Terminating or KubernetesAPIApprovalPolicyConformant.
  status 2 s ! | True, False or Unknown.
  lastTransitionTime 3 time | When the condition last changed.
  reason 4 s | Machine-readable reason.
  message 5 s | Human-readable details.
T JSONSchemaProps | A JSON schema (OpenAPI v3 subset) describing a value.
  id 1 s | Schema id.
  $schema 2 s | JSON schema dialect URL.
  $ref 3 s * | Reference to another schema (not allowed in CRDs).
  description 4 s | What the value means.
  type 5 s | object, array, string, integer, number or boolean.
  format 6 s | Format of the type, e.g. int32, date-time, byte.
  title 7 s | Short title.
  default 8 JSON * | Value set when the field is absent.
  maximum 9 f64 * | Largest allowed number.
  exclusiveMaximum 10 b | Whether maximum itself is excluded.
  minimum 11 f64 * | Smallest allowed number.
  exclusiveMinimum 12 b | Whether minimum itself is excluded.
  maxLength 13 i64 * | Longest allowed string.
  minLength 14 i64 * | Shortest allowed string.
  pattern 15 s | Regular expression strings must match.
  maxItems 16 i64 * | Most items in an array.
  minItems 17 i64 * | Fewest items in an array.
  uniqueItems 18 b | Whether array items must differ (not allowed in CRDs; use x-kubernetes-list-type).
  multipleOf 19 f64 * | Numbers must be multiples of this.
  enum 20 []JSON | The allowed values.
  maxProperties 21 i64 * | Most properties of an object.
  minProperties 22 i64 * | Fewest properties of an object.
  required 23 []s | Properties that must be present.
  items 24 JSONSchemaPropsOrArray * | Schema of array items.
  allOf 25 []JSONSchemaProps | The value must match all of these.
  oneOf 26 []JSONSchemaProps | The value must match exactly one of these.
  anyOf 27 []JSONSchemaProps | The value must match at least one of these.
  not 28 JSONSchemaProps * | The value must not match this.
  properties 29 {}JSONSchemaProps | Schemas of an object's properties.
  additionalProperties 30 JSONSchemaPropsOrBool * | Schema of properties not listed, or whether they are allowed.
  patternProperties 31 {}JSONSchemaProps | Schemas of properties by name pattern (not allowed in CRDs).
  dependencies 32 {}JSONSchemaPropsOrStringArray | Properties or schemas required when a property is present.
  additionalItems 33 JSONSchemaPropsOrBool * | Schema of extra array items (not allowed in CRDs).
  definitions 34 {}JSONSchemaProps | Named schemas (not allowed in CRDs).
  externalDocs 35 ExternalDocumentation * | Where more documentation is.
  example 36 JSON * | An example value.
  nullable 37 b | Whether null is allowed (and kept) as the value.
  x-kubernetes-preserve-unknown-fields 38 b * | Keep fields the schema does not declare instead of pruning them.
  x-kubernetes-embedded-resource 39 b | The value is a whole Kubernetes object with apiVersion, kind and metadata.
  x-kubernetes-int-or-string 40 b | The value is an integer or a string.
  x-kubernetes-list-map-keys 41 []s | Keys identifying the items of a map-type list.
  x-kubernetes-list-type 42 s * | atomic, set or map: how apply merges the list.
  x-kubernetes-map-type 43 s * | granular or atomic: how apply merges the object.
  x-kubernetes-validations 44 []ValidationRule mk=rule ps=merge | CEL validation rules.
T ValidationRule | A CEL rule a value must satisfy.
  rule 1 s ! | CEL expression over self (and oldSelf for transition rules).
  message 2 s | Message shown when the rule fails.
  messageExpression 3 s | CEL expression that builds the message.
  reason 4 s * | FieldValueInvalid, FieldValueForbidden, FieldValueRequired or FieldValueDuplicate.
  fieldPath 5 s | Path of the field reported on failure.
  optionalOldSelf 6 b * | Evaluate the transition rule even when there is no old value.
T ExternalDocumentation | A link to more documentation.
  description 1 s | What the link holds.
  url 2 s | The link.
T JSON any | JSON represents any valid JSON value: bool, number, string, array, object or null.
T JSONSchemaPropsOrArray any | A schema, or an array of schemas.
T JSONSchemaPropsOrBool any | A schema, or a boolean that allows or forbids.
T JSONSchemaPropsOrStringArray any | A schema, or an array of property names.
""";
}
