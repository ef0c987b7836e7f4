using System.Net;

namespace Labs.Kube.Tests;

public sealed class KubeStatusTests
{
    [Fact]
    public void A_status_body_gives_code_reason_and_message()
    {
        const string body = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"x\" already exists","reason":"AlreadyExists","details":{"name":"x","kind":"pods"},"code":409}""";

        var e = KubeStatus.ToException(HttpStatusCode.Conflict, "Conflict", body, "POST /api/v1/namespaces/ns/pods");

        Assert.Equal(409, e.Code);
        Assert.Equal("AlreadyExists", e.Reason);
        Assert.Equal("pods \"x\" already exists", e.Message);
    }

    [Fact]
    public void A_body_that_is_not_a_status_falls_back_to_the_http_status()
    {
        var e = KubeStatus.ToException(HttpStatusCode.BadGateway, "Bad Gateway", "<html>upstream down</html>", "GET /api/v1/pods");

        Assert.Equal(502, e.Code);
        Assert.Equal("BadGateway", e.Reason);
        Assert.Contains("GET /api/v1/pods failed with HTTP 502 Bad Gateway", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_body_still_gives_a_useful_message()
    {
        var e = KubeStatus.ToException(HttpStatusCode.Forbidden, null, "", "DELETE /api/v1/namespaces/x");

        Assert.Equal(403, e.Code);
        Assert.Contains("403", e.Message, StringComparison.Ordinal);
    }
}
