namespace Labs.Content;

/// <summary>How a lesson is rendered: what the learner may see at this point.</summary>
public enum LessonMode
{
    /// <summary>A lesson: hints one at a time on request, solutions on request, explanations once a task passes.</summary>
    Lesson,
    /// <summary>An exam in progress: no hints, solutions or explanations at all (they are not in the page).</summary>
    Exam,
    /// <summary>An exam after submission: every hint, solution and explanation is shown.</summary>
    Review,
}
