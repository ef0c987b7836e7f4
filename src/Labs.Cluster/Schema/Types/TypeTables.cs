namespace Labs.Cluster.Schema.Types;

/// <summary>Every type-model table with a name for error messages.</summary>
internal static class TypeTables
{
    public static IEnumerable<(string Source, string Text)> All =>
    [
        (nameof(MetaTypes), MetaTypes.Text),
        (nameof(CoreTypes), CoreTypes.Text),
        (nameof(PodTypes), PodTypes.Text),
        (nameof(ContainerTypes), ContainerTypes.Text),
        (nameof(VolumeTypes), VolumeTypes.Text),
        (nameof(LegacyVolumeTypes), LegacyVolumeTypes.Text),
        (nameof(PersistentVolumeTypes), PersistentVolumeTypes.Text),
        (nameof(AppsTypes), AppsTypes.Text),
        (nameof(RbacTypes), RbacTypes.Text),
        (nameof(ReviewTypes), ReviewTypes.Text),
        (nameof(BatchTypes), BatchTypes.Text),
        (nameof(MiscTypes), MiscTypes.Text),
        (nameof(MoreWorkloadTypes), MoreWorkloadTypes.Text),
        (nameof(AutoscalingV2Types), AutoscalingV2Types.Text),
        (nameof(CertificateTypes), CertificateTypes.Text),
        (nameof(ClusterKindTypes), ClusterKindTypes.Text),
        (nameof(AdmissionRegistrationTypes), AdmissionRegistrationTypes.Text),
        (nameof(ExtensionTypes), ExtensionTypes.Text),
    ];
}
