// Entry point of the lab page: binds the server-rendered page (#lab, #start-lab, #session-status, #terminal,
// task cards and runnable code blocks) to the session API and the terminal hub.
import { wireChecks } from "./checks";
import { wireReveals } from "./reveals";
import { wireRunBlocks } from "./runblocks";
import { ExpiryClock } from "./expiry";
import { endSession, extendSession, resetSession, restoreSession, SessionInfo, startSession } from "./session";
import { StatusLine } from "./status";
import { wireRecordings } from "./replay";
import { TerminalTabs } from "./tabs";

const SESSION_GONE_PREFIX = "Session not found";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const SCREEN_READER_KEY = "labs.screenReaderMode";

/** The "Screen reader" switch of the workspace bar, remembered in this browser. */
function wireScreenReaderToggle(terminal: TerminalTabs): void {
  const toggle = document.getElementById("screen-reader") as HTMLButtonElement | null;
  if (!toggle) {
    return;
  }
  const apply = (on: boolean): void => {
    toggle.setAttribute("aria-pressed", String(on));
    terminal.screenReaderMode = on;
  };
  apply(window.localStorage.getItem(SCREEN_READER_KEY) === "on");
  toggle.addEventListener("click", () => {
    const on = toggle.getAttribute("aria-pressed") !== "true";
    window.localStorage.setItem(SCREEN_READER_KEY, on ? "on" : "off");
    apply(on);
  });
}

/** The search box of the workspace bar: Enter finds the next match in the terminal in front, Shift+Enter the previous. */
function wireSearch(terminal: TerminalTabs): void {
  const input = document.getElementById("terminal-search") as HTMLInputElement | null;
  if (!input) {
    return;
  }
  const find = (backwards: boolean): void => {
    const found = input.value !== "" && terminal.current.find(input.value, backwards);
    input.dataset.found = input.value === "" ? "" : String(found);
  };
  input.addEventListener("input", () => find(false));
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      find(event.shiftKey);
    } else if (event.key === "Escape") {
      terminal.current.focus();
    }
  });
}

function init(): void {
  const main = document.getElementById("lab");
  const startButton = document.getElementById("start-lab") as HTMLButtonElement | null;
  const statusElement = document.getElementById("session-status");
  const terminalElement = document.getElementById("terminal");
  if (!main || !startButton || !statusElement || !terminalElement) {
    console.error("Lab page: #lab, #start-lab, #session-status or #terminal is missing; the terminal is disabled.");
    return;
  }
  const labId = main.dataset.labId ?? "";
  const endButton = document.getElementById("end-lab") as HTMLButtonElement | null;
  const resetButton = document.getElementById("reset-lab") as HTMLButtonElement | null;
  const extendButton = document.getElementById("extend-lab") as HTMLButtonElement | null;
  const actions = document.getElementById("session-actions");
  const expiryElement = document.getElementById("session-expiry");

  let session: SessionInfo | null = null;
  // Set while this page ends its session: the hub's "session ended" message is then expected, not news.
  let ending = false;

  const connect = async (): Promise<void> => {
    if (!session) {
      return;
    }
    status.show("Connecting to your terminal…", "busy");
    try {
      await terminal.attach(session.sessionId);
    } catch (error) {
      status.offerReconnect(`Could not connect to the terminal: ${messageOf(error)}`);
    }
  };

  const showStart = (): void => {
    startButton.hidden = false;
    startButton.disabled = false;
    expiry?.stop();
    if (actions) {
      actions.hidden = true;
    }
  };

  const showRunning = (): void => {
    startButton.hidden = true;
    if (actions) {
      actions.hidden = false;
    }
    for (const button of [endButton, resetButton, extendButton]) {
      if (button) {
        button.disabled = false;
      }
    }
    if (session?.expiresInSeconds !== undefined) {
      expiry?.set(session.expiresInSeconds);
    }
  };

  const status = new StatusLine(statusElement, () => void connect());
  const expiry = expiryElement ? new ExpiryClock(expiryElement, (message) => status.show(message, "busy")) : null;
  const tabList = document.getElementById("terminal-tabs") ?? terminalElement;
  const terminal = new TerminalTabs(terminalElement, tabList, document.getElementById("add-terminal") as HTMLButtonElement | null, {
    attached: () =>
      status.show(session?.namespace ? `Connected · namespace ${session.namespace}` : "Connected", "ok"),
    reconnecting: () => status.show("Reconnecting…", "busy"),
    exited: (code) => status.offerReconnect(`Shell exited (code ${code})`),
    error: (message) => {
      if (message.startsWith(SESSION_GONE_PREFIX)) {
        if (ending) {
          return;
        }
        session = null;
        showStart();
        status.show(message, "error");
      } else if (!terminal.isAttached && session) {
        status.offerReconnect(message);
      } else {
        status.show(message, "error");
      }
    },
    disconnected: () => {
      if (session) {
        status.offerReconnect("Disconnected from the terminal.");
      }
    },
  });

  startButton.addEventListener("click", () => {
    void (async () => {
      startButton.disabled = true;
      status.show("Starting your lab…", "busy");
      try {
        session = await startSession(labId);
      } catch (error) {
        status.show(messageOf(error), "error");
        startButton.disabled = false;
        return;
      }
      showRunning();
      await connect();
    })();
  });

  endButton?.addEventListener("click", () => {
    void (async () => {
      if (!session) {
        return;
      }
      endButton.disabled = true;
      ending = true;
      status.show("Ending your lab…", "busy");
      try {
        await endSession(session.sessionId);
        session = null;
        showStart();
        status.show("Lab ended: its namespace and everything in it are gone. Start it again for a fresh one.", "info");
      } catch (error) {
        endButton.disabled = false;
        status.show(messageOf(error), "error");
      } finally {
        ending = false;
      }
    })();
  });

  resetButton?.addEventListener("click", () => {
    void (async () => {
      if (!session || !window.confirm("Reset this lab? Everything in its namespace is deleted and the lab's setup is applied again. Your progress is kept.")) {
        return;
      }
      resetButton.disabled = true;
      ending = true;
      status.show("Resetting your lab: a fresh namespace is being made…", "busy");
      try {
        session = await resetSession(session.sessionId);
        showRunning();
        await connect();
      } catch (error) {
        resetButton.disabled = false;
        status.show(messageOf(error), "error");
      } finally {
        ending = false;
      }
    })();
  });

  extendButton?.addEventListener("click", () => {
    void (async () => {
      if (!session) {
        return;
      }
      extendButton.disabled = true;
      try {
        session = await extendSession(session.sessionId);
        showRunning();
        status.show("Extended: you have more time for this lab.", "ok");
      } catch (error) {
        extendButton.disabled = false;
        status.show(messageOf(error), "error");
      }
    })();
  });

  wireScreenReaderToggle(terminal);
  wireSearch(terminal);
  wireRecordings(() => session?.sessionId ?? null);
  wireChecks(main, () => session?.sessionId ?? null);
  wireReveals(main, labId);
  wireRunBlocks(
    main,
    (command) => {
      switch (terminal.typeCommand(command)) {
        case "typed":
          return null;
        case "busy":
          return "A command is still running in the terminal: wait for it, or press Ctrl+C there, then Run again.";
        default:
          return session ? "The terminal is not connected yet." : "Start the lab first: commands run in your lab's terminal.";
      }
    },
    (message) => status.show(message, "info"),
  );

  // The learner's session of this lab, if they have one (another tab, a reload, a restart of the platform): resume it.
  void (async () => {
    startButton.disabled = true;
    try {
      session = await restoreSession(labId);
    } catch (error) {
      status.show(messageOf(error), "error");
    }
    if (session) {
      showRunning();
      await connect();
    } else {
      showStart();
    }
  })();
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", init);
} else {
  init();
}
