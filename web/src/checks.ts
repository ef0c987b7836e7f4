// Task "Check" buttons: ask the server to grade a task against the learner's cluster and show the verdict.
import { requestJson } from "./api";

interface CheckOutcome {
  description: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  message: string;
  why?: string | null;
}

interface CheckResult {
  taskId: string;
  passed: boolean;
  points?: number;
  maxPoints?: number;
  checks?: CheckOutcome[];
  messages?: string[];
}

/** Wires every `button.check[data-task-id]` in `root`; `currentSession` gives the running session id, if any. */
export function wireChecks(root: HTMLElement, currentSession: () => string | null): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>("button.check[data-task-id]")) {
    button.addEventListener("click", () => {
      void check(button, currentSession());
    });
  }
  // Hints and solutions: reveals.ts (the server records each one opened).
}

async function check(button: HTMLButtonElement, sessionId: string | null): Promise<void> {
  const taskId = button.dataset.taskId ?? "";
  const task = button.closest<HTMLElement>("section.task");
  const result = task?.querySelector<HTMLElement>(".task-result");
  if (!task || !result) {
    return;
  }

  if (!sessionId) {
    showVerdict(task, result, null, ["Start the lab first."]);
    return;
  }

  const label = button.textContent;
  button.disabled = true;
  button.textContent = "Checking…";
  task.setAttribute("aria-busy", "true");
  try {
    const verdict = await requestJson<CheckResult>(
      "POST",
      `/api/sessions/${encodeURIComponent(sessionId)}/tasks/${encodeURIComponent(taskId)}/check`,
    );
    if (verdict.checks && verdict.checks.length > 0) {
      showChecks(task, result, verdict);
    } else {
      showVerdict(task, result, verdict.passed === true, verdict.messages ?? []);
    }
  } catch (error) {
    showVerdict(task, result, false, [error instanceof Error ? error.message : String(error)]);
  } finally {
    button.disabled = false;
    button.textContent = label;
    task.removeAttribute("aria-busy");
  }
}

/** passed: true → "✓ Passed"; false → the messages as a list; null → a neutral note (no verdict). */
function showVerdict(task: HTMLElement, result: HTMLElement, passed: boolean | null, messages: string[]): void {
  task.classList.toggle("passed", passed === true);
  task.classList.toggle("failed", passed === false);
  result.classList.toggle("passed", passed === true);
  result.classList.toggle("failed", passed === false);
  result.replaceChildren();

  if (passed === true) {
    result.textContent = "✓ Passed";
    return;
  }
  if (passed === null) {
    result.textContent = messages.join(" ");
    return;
  }

  const list = document.createElement("ul");
  for (const message of messages.length > 0 ? messages : ["Not done yet."]) {
    const item = document.createElement("li");
    item.textContent = message;
    list.append(item);
  }
  result.append(list);
}

/** Every check's result: ✓ or ✗, its points, the grader's sentence and, for a failure, the author's why. */
function showChecks(task: HTMLElement, result: HTMLElement, verdict: CheckResult): void {
  const passed = verdict.passed === true;
  showVerdict(task, result, passed, []);
  result.replaceChildren();
  const summary = document.createElement("p");
  summary.className = "task-score";
  summary.textContent = `${passed ? "✓ Passed" : "Not done yet"} (${verdict.points ?? 0}/${verdict.maxPoints ?? 0} points)`;
  const list = document.createElement("ul");
  for (const check of verdict.checks ?? []) {
    const item = document.createElement("li");
    item.className = check.passed ? "check-passed" : "check-failed";
    item.textContent = `${check.passed ? "✓" : "✗"} ${check.passed ? check.description : check.message} (${check.points}/${check.maxPoints})`;
    if (!check.passed && check.why) {
      const why = document.createElement("div");
      why.className = "check-why";
      why.textContent = check.why;
      item.append(why);
    }
    list.append(item);
  }
  result.append(summary, list);
  const explanation = task.querySelector<HTMLElement>(".task-explanation");
  if (passed && explanation) {
    explanation.hidden = false;
  }
}
