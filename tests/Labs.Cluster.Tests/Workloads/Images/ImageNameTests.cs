namespace Labs.Cluster.Workloads.Images;

/// <summary>Image references read as containerd reads them: defaults filled in, and the grammar's errors.</summary>
public sealed class ImageNameTests
{
    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.27-alpine", "docker.io/library/nginx:1.27-alpine")]
    [InlineData("bitnami/kubectl:1.32", "docker.io/bitnami/kubectl:1.32")]
    [InlineData("docker.io/nginx", "docker.io/library/nginx:latest")]
    [InlineData("index.docker.io/library/busybox:1.36", "docker.io/library/busybox:1.36")]
    [InlineData("registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10")]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest")]
    [InlineData("nginx@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d",
        "docker.io/library/nginx@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d")]
    public void A_reference_means_the_full_name_the_runtime_pulls(string image, string full)
    {
        var name = ImageName.Parse(image, out var error);

        Assert.Null(error);
        Assert.Equal(full, name!.Full);
    }

    [Theory]
    [InlineData("Nginx", "invalid reference format: repository name (library/Nginx) must be lowercase")]
    [InlineData("myorg/MyApp:1.0", "invalid reference format: repository name (myorg/MyApp) must be lowercase")]
    [InlineData("nginx:", "invalid reference format")]
    [InlineData("nginx::1", "invalid reference format")]
    [InlineData("ngi nx", "invalid reference format")]
    [InlineData("-nginx", "invalid reference format")]
    public void A_reference_that_does_not_parse_says_why_in_the_grammars_words(string image, string error)
    {
        Assert.Null(ImageName.Parse(image, out var why));
        Assert.Equal(error, why);
    }
}
