namespace Labs.Content.Checks;

/// <summary>Where and as whom a <see cref="CommandCheck"/> runs (<c>as:</c>).</summary>
public enum CommandRunner
{
    /// <summary><c>as: learner</c> (the default): in the learner's toolbox, as the learner, with their kubeconfig.</summary>
    Toolbox,
    /// <summary><c>as: grader</c>: on the platform, with the platform's credentials, out of the learner's reach.</summary>
    Grader,
}
