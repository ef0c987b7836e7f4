// "Run" and "Copy" buttons on the lesson's runnable command blocks (<pre class="run"><code>…</code></pre>).

/** Adds the buttons to every `pre.run` in `root`; `run` types a command into the terminal, or returns why it cannot. */
export function wireRunBlocks(root: HTMLElement, run: (command: string) => string | null, refused: (message: string) => void): void {
  for (const pre of root.querySelectorAll<HTMLPreElement>("pre.run")) {
    const command = () => (pre.querySelector("code") ?? pre).textContent?.replace(/\n+$/, "") ?? "";
    const bar = document.createElement("div");
    bar.className = "run-actions";

    const runButton = button("Run", "Type this command into the terminal");
    runButton.classList.add("run-button");
    runButton.addEventListener("click", () => {
      const problem = run(command());
      if (problem !== null) {
        refused(problem);
      }
    });

    const copyButton = button("Copy", "Copy this command");
    copyButton.classList.add("copy-button");
    copyButton.addEventListener("click", () => {
      void copy(command()).then((ok) => flash(copyButton, ok ? "Copied" : "Copy failed"));
    });

    bar.append(runButton, copyButton);
    pre.prepend(bar);
  }
}

function button(text: string, title: string): HTMLButtonElement {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = text;
  element.title = title;
  return element;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The Clipboard API needs a secure context (https or localhost); fall back to a selection copy.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

function flash(element: HTMLButtonElement, text: string): void {
  const original = element.textContent;
  element.textContent = text;
  window.setTimeout(() => {
    element.textContent = original;
  }, 1500);
}
