using System.Text;

namespace Labs.Cluster.Workloads.Images;

/// <summary>What a pull finds in the shipped catalog, and the runtime's words when it finds nothing.</summary>
public sealed class ImageCatalogTests
{
    private static (long Size, string? Error) Pull(string image) => ImageCatalog.Shipped.Pull(ImageName.Parse(image, out _)!);

    [Theory]
    [InlineData("nginx")]
    [InlineData("nginx:1.27")]
    [InlineData("nginx:1.25.3-alpine")]
    [InlineData("nginx:stable-alpine")]
    [InlineData("busybox:1.36")]
    [InlineData("httpd:2.4")]
    [InlineData("redis:7-alpine")]
    [InlineData("postgres:16")]
    [InlineData("mysql:8.0")]
    [InlineData("alpine:3.20")]
    [InlineData("fluentd")]
    [InlineData("bitnami/kubectl:1.32")]
    [InlineData("registry.k8s.io/pause:3.10")]
    [InlineData("nginx@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d")]
    public void The_images_labs_and_exams_use_are_there(string image)
    {
        var (size, error) = Pull(image);

        Assert.Null(error);
        Assert.True(size > 0);
    }

    [Fact]
    public void A_tag_that_does_not_exist_is_not_found()
    {
        Assert.Equal(
            "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:latets\": failed to resolve reference " +
            "\"docker.io/library/nginx:latets\": docker.io/library/nginx:latets: not found",
            Pull("nginx:latets").Error);
        Assert.NotNull(Pull("nginx:1.99").Error);
        Assert.NotNull(Pull("busybox:2.0").Error);
    }

    [Fact]
    public void A_misspelled_name_on_docker_hub_is_refused_as_docker_hub_refuses_it()
    {
        Assert.Equal(
            "rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/ngnix:latest\": failed to resolve reference " +
            "\"docker.io/library/ngnix:latest\": pull access denied, repository does not exist or may require authorization: server message: " +
            "insufficient_scope: authorization failed",
            Pull("ngnix").Error);
    }

    [Fact]
    public void A_registry_that_is_not_there_cannot_be_reached()
    {
        Assert.Equal(
            "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/team/app:v1\": failed to resolve reference " +
            "\"registry.example.com/team/app:v1\": failed to do request: Head \"https://registry.example.com/v2/team/app/manifests/v1\": " +
            "dial tcp: lookup registry.example.com: no such host",
            Pull("registry.example.com/team/app:v1").Error);
        Assert.EndsWith("dial tcp 127.0.0.1:5000: connect: connection refused", Pull("localhost:5000/app").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"registries":["docker.io"],"images":{"docker.io/library/x":{"size":1}}}""", "image docker.io/library/x: no \"tags\"")]
    [InlineData("""{"registries":["docker.io"],"images":{"docker.io/library/x":{"tags":"(","size":1}}}""", "image docker.io/library/x: \"tags\" is not a regular expression")]
    [InlineData("""{"registries":["docker.io"],"images":{"docker.io/library/x":{"tags":"latest","size":0}}}""", "\"size\" is not a positive number of bytes")]
    [InlineData("""{"registries":["docker.io"],"images":{"quay.io/x":{"tags":"latest","size":1}}}""", "image quay.io/x: its registry is not in \"registries\"")]
    [InlineData("""{"images":{}}""", "the image catalog has no \"registries\" list")]
    public void A_broken_catalog_is_an_error_that_names_the_image_and_field(string json, string error)
    {
        var e = Assert.Throws<InvalidDataException>(() => ImageCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(error, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_catalog_loads()
    {
        Assert.True(ImageCatalog.Shipped.Count > 50);
    }
}
