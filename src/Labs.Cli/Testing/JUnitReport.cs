using System.Globalization;
using System.Xml.Linq;

namespace Labs.Cli.Testing;

/// <summary>Writes <c>labs test</c> results as a JUnit XML report (one test case per lab), which CI systems show.</summary>
internal static class JUnitReport
{
    public static XDocument Create(IReadOnlyList<LabTestResult> results)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "labs"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Passed)),
            new XAttribute("time", Seconds(TimeSpan.FromTicks(results.Sum(r => r.Duration.Ticks)))));
        foreach (var result in results)
        {
            var testCase = new XElement("testcase",
                new XAttribute("classname", $"labs.{result.LabId}"),
                new XAttribute("name", result.LabId),
                new XAttribute("time", Seconds(result.Duration)));
            if (!result.Passed)
            {
                var problems = result.Problems.ToList();
                testCase.Add(new XElement("failure", new XAttribute("message", problems.FirstOrDefault() ?? "failed"), string.Join('\n', problems)));
            }
            var notes = result.Steps.SelectMany(s => s.Notes).ToList();
            if (notes.Count > 0)
                testCase.Add(new XElement("system-out", string.Join('\n', notes)));
            suite.Add(testCase);
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
