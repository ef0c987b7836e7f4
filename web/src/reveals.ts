// Hints and solutions of the lesson's tasks. They are in the page, hidden; the server records each one the learner
// opens (hints one at a time, in order; a solution once they confirm), and on load the page shows what they opened before.
import { ApiError, requestJson } from "./api";

interface TaskReveals {
  taskId: string;
  hintsShown: number;
  solutionShown: boolean;
}

interface HintAnswer {
  index: number;
  count: number;
}

/** Wires every task's "Show a hint" button and solution in `root` for lab `labId`. */
export function wireReveals(root: HTMLElement, labId: string): void {
  const base = `/api/labs/${encodeURIComponent(labId)}/tasks`;
  for (const button of root.querySelectorAll<HTMLButtonElement>("button.hint[data-task-id]")) {
    button.addEventListener("click", () => {
      void nextHint(button, `${base}/${encodeURIComponent(button.dataset.taskId ?? "")}/hints`);
    });
  }
  for (const task of root.querySelectorAll<HTMLElement>("section.task")) {
    const solution = task.querySelector<HTMLDetailsElement>("details.task-solution");
    const taskId = task.dataset.taskId;
    if (!solution || !taskId) {
      continue;
    }
    solution.querySelector("summary")?.addEventListener("click", (event) => {
      if (solution.open || solution.dataset.revealed === "true") {
        return;
      }
      event.preventDefault();
      if (window.confirm("Show the solution? It is recorded in your progress.")) {
        void openSolution(solution, `${base}/${encodeURIComponent(taskId)}/solution?confirm=true`);
      }
    });
  }
  void restore(root, labId);
}

async function nextHint(button: HTMLButtonElement, url: string): Promise<void> {
  button.disabled = true;
  try {
    const answer = await requestJson<HintAnswer>("POST", url);
    showHints(button, answer.index + 1);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      button.hidden = true; // All open already (another tab opened the last one).
    } else {
      button.title = error instanceof Error ? error.message : String(error);
    }
  } finally {
    button.disabled = false;
  }
}

async function openSolution(solution: HTMLDetailsElement, url: string): Promise<void> {
  try {
    await requestJson<unknown>("POST", url);
    solution.dataset.revealed = "true";
    solution.open = true;
  } catch (error) {
    solution.title = error instanceof Error ? error.message : String(error);
  }
}

/** Shows the first `count` hints of the button's task; the button goes once all are shown. */
function showHints(button: HTMLButtonElement, count: number): void {
  const hints = button.closest("section.task")?.querySelectorAll<HTMLElement>("li.task-hint") ?? [];
  hints.forEach((hint, index) => {
    if (index < count) {
      hint.removeAttribute("hidden");
    }
  });
  button.hidden = count >= hints.length;
}

async function restore(root: HTMLElement, labId: string): Promise<void> {
  let reveals: TaskReveals[];
  try {
    reveals = await requestJson<TaskReveals[]>("GET", `/api/labs/${encodeURIComponent(labId)}/reveals`);
  } catch {
    return; // Nothing shown yet is still right; the buttons work.
  }
  for (const reveal of reveals) {
    const button = root.querySelector<HTMLButtonElement>(`button.hint[data-task-id="${CSS.escape(reveal.taskId)}"]`);
    if (button && reveal.hintsShown > 0) {
      showHints(button, reveal.hintsShown);
    }
    const task = root.querySelector(`section.task[data-task-id="${CSS.escape(reveal.taskId)}"]`);
    const solution = task?.querySelector<HTMLDetailsElement>("details.task-solution");
    if (solution && reveal.solutionShown) {
      solution.dataset.revealed = "true";
    }
  }
}
