namespace Labs.Web.Accounts;

/// <summary>What the account forms post (each field optional: every form uses some of them).</summary>
internal sealed class AccountForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? Confirm { get; set; }

    public string? ReturnUrl { get; set; }
}
