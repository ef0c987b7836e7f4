using Microsoft.Extensions.Options;

namespace Labs.Content;

/// <summary>Checks at startup that the labs folder exists, naming the folder it looked for.</summary>
internal sealed class ContentOptionsValidator : IValidateOptions<ContentOptions>
{
    public ValidateOptionsResult Validate(string? name, ContentOptions options) =>
        Directory.Exists(options.LabsDirectory)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Content:LabsDirectory '{options.LabsDirectory}' does not exist; set it to the folder that holds the lab folders.");
}
