namespace Labs.Cluster.Admission;

/// <summary>How a <see cref="Quantity"/> prints, as Kubernetes' <c>resource.Format</c>: chosen by the suffix it was written with.</summary>
internal enum QuantityFormat
{
    /// <summary>Decimal SI suffixes (<c>m</c>, <c>k</c>, <c>M</c>, <c>G</c>, ...) or none.</summary>
    DecimalSI,

    /// <summary>Binary SI suffixes (<c>Ki</c>, <c>Mi</c>, <c>Gi</c>, ...).</summary>
    BinarySI,

    /// <summary>E-notation (<c>1e3</c>).</summary>
    DecimalExponent,
}
