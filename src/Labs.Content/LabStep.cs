namespace Labs.Content;

/// <summary>
/// A step of a lab, begun by a <c>```step</c> block and running until the next one, so progress can be shown and,
/// where the author wants (<c>gated: true</c>), the next step stays closed until this step's tasks pass.
/// </summary>
/// <param name="Id">Step id, unique within the lab.</param>
/// <param name="Title">The step's heading.</param>
/// <param name="Gated">Whether the following step opens only once every task of this one passes.</param>
/// <param name="TaskIds">The ids of the tasks in the step, in order.</param>
public sealed record LabStep(string Id, string Title, bool Gated, IReadOnlyList<string> TaskIds);
