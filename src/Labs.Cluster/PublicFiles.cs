namespace Labs.Cluster;

/// <summary>
/// Files the embedded API server hands to anyone, without credentials, under a path prefix (the lab library's Helm chart
/// repository at <c>/charts/</c>): the only address a pod's sandbox reaches is the API server's.
/// </summary>
/// <param name="name">The path after the prefix (<c>index.yaml</c>, <c>web-0.1.0.tgz</c>).</param>
/// <param name="content">The file's bytes when it exists.</param>
/// <param name="contentType">Its media type when it exists.</param>
/// <returns>Whether the file exists.</returns>
public delegate bool PublicFiles(string name, out ReadOnlyMemory<byte> content, out string contentType);
