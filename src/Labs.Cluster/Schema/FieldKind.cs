namespace Labs.Cluster.Schema;

/// <summary>The wire and JSON shape of one field's value (or of each element, for lists and maps).</summary>
public enum FieldKind
{
    /// <summary>UTF-8 string.</summary>
    Text,
    /// <summary>32-bit signed integer.</summary>
    Number32,
    /// <summary>64-bit signed integer.</summary>
    Number64,
    /// <summary>Boolean.</summary>
    Flag,
    /// <summary>IEEE double.</summary>
    Real,
    /// <summary>Bytes, base64 in JSON.</summary>
    Bytes,
    /// <summary>Nested message named by <see cref="FieldDefinition.Ref"/>.</summary>
    Message,
    /// <summary>meta/v1 Time: RFC 3339 with second precision.</summary>
    Time,
    /// <summary>meta/v1 MicroTime: RFC 3339 with microseconds.</summary>
    MicroTime,
    /// <summary>meta/v1 Duration: a Go duration string such as <c>1h0m0s</c>.</summary>
    Duration,
    /// <summary>resource.Quantity: a string such as <c>100m</c>.</summary>
    Quantity,
    /// <summary>intstr.IntOrString: an integer or a string.</summary>
    IntOrString,
    /// <summary>runtime.RawExtension: any embedded JSON object.</summary>
    RawExtension,
    /// <summary>meta/v1 FieldsV1: the managed-fields set as JSON.</summary>
    FieldsV1,
}
