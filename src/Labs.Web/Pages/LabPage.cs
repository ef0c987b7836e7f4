using Labs.Content;

namespace Labs.Web.Pages;

/// <summary>A lab: the lesson on the left, the learner's terminal on the right.</summary>
internal static class LabPage
{
    public static string Render(Lab lab, long? liveReloadVersion = null)
    {
        var id = PageLayout.Encode(lab.Id);
        var body = $"""
              <main id="lab" class="lab" data-lab-id="{id}">
                <article class="lesson">
                  <header class="lesson-header">
                    <h1>{PageLayout.Encode(lab.Title)}</h1>
                    <p class="lab-summary">{PageLayout.Encode(lab.Summary)}</p>
                  </header>
                  {lab.LessonHtml}
                </article>
                <section class="workspace" aria-label="Terminal">
                  <div class="workspace-bar">
                    <button id="start-lab" type="button">Start lab</button>
                    <div class="session-actions" id="session-actions" hidden>
                      <span id="session-expiry" class="session-expiry"></span>
                      <button id="extend-lab" type="button" class="session-action" title="Give this lab more time before it expires">Extend</button>
                      <button id="reset-lab" type="button" class="session-action" title="Start over in a fresh namespace with the lab's setup; your progress is kept">Reset</button>
                      <button id="end-lab" type="button" title="Finish: delete this lab's namespace and everything in it">Finish</button>
                    </div>
                    <div id="session-status" role="status"></div>
                    <button id="screen-reader" type="button" aria-pressed="false" title="Let a screen reader read the terminal's output">Screen reader</button>
                  </div>
                  <div class="terminal-bar">
                    <div id="terminal-tabs" role="tablist" aria-label="Terminals"></div>
                    <button id="add-terminal" type="button" disabled title="Open another terminal in this lab" aria-label="New terminal">+</button>
                    <input id="terminal-search" type="search" placeholder="Search output" aria-label="Search the terminal's output (Enter: next, Shift+Enter: previous)">
                    <button id="show-recordings" type="button" title="Replay what your terminals showed">Recordings</button>
                  </div>
                  <dialog id="recordings" aria-labelledby="recordings-title">
                    <h2 id="recordings-title">Recordings of this lab's terminals</h2>
                    <ul id="recordings-list"></ul>
                    <div id="replay-screen"></div>
                    <button id="close-recordings" type="button">Close</button>
                  </dialog>
                  <div id="terminal" aria-describedby="terminal-help"></div>
                  <p id="terminal-help" class="terminal-help">In the terminal, Tab completes commands; <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>C</kbd> copies, <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>V</kbd> pastes; press <kbd>Esc</kbd> then <kbd>Tab</kbd> to leave it.</p>
                </section>
              </main>
            """;
        return PageLayout.Render(lab.Title, body, withScript: true, liveReloadVersion);
    }
}
