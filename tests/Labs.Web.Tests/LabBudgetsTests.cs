using Labs.Content;
using Labs.Web.Api;

namespace Labs.Web.Tests;

public sealed class LabBudgetsTests
{
    [Fact]
    public void Every_budget_a_lab_can_name_has_the_session_preset_of_that_name()
    {
        foreach (var budget in Enum.GetValues<LabBudget>())
        {
            Assert.Equal(budget.ToString(), LabBudgets.For(budget).Name, ignoreCase: true);
        }
    }
}
