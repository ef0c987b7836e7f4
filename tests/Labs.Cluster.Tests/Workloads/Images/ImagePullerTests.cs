using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Labs.Cluster.Workloads.Images;

/// <summary>The kubelet's image pulls on a simulated node: policies, the back-off after a failure, and its events.</summary>
public sealed class ImagePullerTests
{
    private static readonly GroupResource Events = new("", "events");
    private readonly FakeObjectStore _store = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
    private readonly ImagePuller _puller;

    public ImagePullerTests() => _puller = new ImagePuller(ImageCatalog.Shipped, new EventRecorder(_store, _clock), _clock);

    [Fact]
    public void A_tag_that_does_not_exist_is_ErrImagePull_then_ImagePullBackOff_and_the_back_off_doubles()
    {
        var pod = Pod("bad", "nginx:latets", "IfNotPresent");
        var since = _clock.GetUtcNow();

        var first = Ensure(pod, since);
        Assert.Equal("ErrImagePull", first!.Reason);
        Assert.StartsWith("rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:latets\"", first.Message, StringComparison.Ordinal);
        Assert.Equal(ImagePuller.ErrImagePullShown, first.LookAgain);
        Assert.Equal(first, Ensure(pod, since));

        _clock.Advance(ImagePuller.ErrImagePullShown);
        var backingOff = Ensure(pod, since);
        Assert.Equal(new ImagePuller.Waiting("ImagePullBackOff", "Back-off pulling image \"nginx:latets\"", TimeSpan.FromSeconds(5)), backingOff);

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("ErrImagePull", Ensure(pod, since)!.Reason);
        _clock.Advance(ImagePuller.ErrImagePullShown);
        Assert.Equal(TimeSpan.FromSeconds(15), Ensure(pod, since)!.LookAgain);

        AssertEvents(
            "Normal Pulling Pulling image \"nginx:latets\" x2",
            "Warning Failed Failed to pull image \"nginx:latets\": " + first.Message + " x2",
            "Warning Failed Error: ErrImagePull x2",
            "Normal BackOff Back-off pulling image \"nginx:latets\" x2",
            "Warning Failed Error: ImagePullBackOff x2");
        Assert.All(_store.List(Events, "ns").Items, e => Assert.Equal("spec.containers{app}", e.Str("involvedObject", "fieldPath")));
    }

    [Fact]
    public void A_pull_reports_its_time_and_size_and_a_node_that_has_the_image_does_not_pull_it_again_unless_told_to()
    {
        var since = _clock.GetUtcNow();
        _clock.Advance(TimeSpan.FromMilliseconds(1500));

        Assert.Null(Ensure(Pod("a", "nginx:1.27", "IfNotPresent"), since));
        Assert.Null(Ensure(Pod("b", "nginx:1.27", "IfNotPresent"), since));
        Assert.Null(Ensure(Pod("c", "nginx:1.27", "Always"), since));

        var size = ImageCatalog.Shipped.Pull(ImageName.Parse("nginx:1.27", out _)!).Size;
        AssertEvents(
            "Normal Pulling Pulling image \"nginx:1.27\" x1",
            $"Normal Pulled Successfully pulled image \"nginx:1.27\" in 1.5s (1.5s including waiting). Image size: {size} bytes. x1",
            "Normal Pulling Pulling image \"nginx:1.27\" x1",
            $"Normal Pulled Successfully pulled image \"nginx:1.27\" in 1.5s (1.5s including waiting). Image size: {size} bytes. x1",
            "Normal Pulled Container image \"nginx:1.27\" already present on machine x1");
    }

    [Fact]
    public void Never_pulls_and_waits_for_an_image_the_node_does_not_have()
    {
        var waiting = Ensure(Pod("n", "busybox:1.36", "Never"), _clock.GetUtcNow());

        Assert.Equal(new ImagePuller.Waiting("ErrImageNeverPull", "Container image \"busybox:1.36\" is not present with pull policy of Never", null), waiting);
        Assert.Contains("Warning Failed Error: ErrImageNeverPull x1", EventLines());
    }

    [Fact]
    public void A_reference_that_does_not_parse_is_InvalidImageName()
    {
        var waiting = Ensure(Pod("i", "Nginx", "Always"), _clock.GetUtcNow());

        Assert.Equal("InvalidImageName", waiting!.Reason);
        Assert.Equal("Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference format: " +
            "repository name (library/Nginx) must be lowercase", waiting.Message);
        AssertEvents("Warning InspectFailed " + waiting.Message + " x1", "Warning Failed Error: InvalidImageName x1");
    }

    [Fact]
    public void A_fixed_image_is_pulled_at_once_whatever_the_back_off_of_the_wrong_one()
    {
        var since = _clock.GetUtcNow();
        Assert.Equal("ErrImagePull", Ensure(Pod("p", "nginx:1.99", "IfNotPresent"), since)!.Reason);

        Assert.Null(Ensure(Pod("p", "nginx:1.27", "IfNotPresent"), since));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(512, "512ms")]
    [InlineData(1000, "1s")]
    [InlineData(2345, "2.345s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(123_004, "2m3.004s")]
    [InlineData(3_600_000, "1h0m0s")]
    public void Durations_read_as_Go_prints_them(long ms, string text) =>
        Assert.Equal(text, ImagePuller.GoDuration(TimeSpan.FromMilliseconds(ms)));

    private ImagePuller.Waiting? Ensure(JsonObject pod, DateTimeOffset since) =>
        _puller.Ensure(pod, pod.Arr("spec", "containers").Objects().First(), "spec.containers{app}", since);

    private List<string> EventLines() =>
        _store.List(Events, "ns").Items
            .Select(e => $"{e.Str("type")} {e.Str("reason")} {e.Str("message")} x{e.Long("count")}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private void AssertEvents(params string[] expected) => Assert.Equal(expected.Order(StringComparer.Ordinal), EventLines());

    private static JsonObject Pod(string name, string image, string policy) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns", ["uid"] = "uid-" + name },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = "labs-node-1",
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image, ["imagePullPolicy"] = policy }),
        },
    };
}
