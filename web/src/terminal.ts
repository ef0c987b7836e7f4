// The lab terminal: xterm.js in the page, a shell in the learner's toolbox pod, joined by the /hubs/terminal hub.
import { FitAddon } from "@xterm/addon-fit";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { Terminal } from "@xterm/xterm";
import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { decodeBase64, firstChunkLength } from "./chunks";

/** What the page learns from the terminal connection. */
export interface TerminalEvents {
  attached(): void;
  reconnecting(): void;
  exited(code: number): void;
  error(message: string): void;
  disconnected(): void;
}

const HUB_URL = "/hubs/terminal";

// Esc then Tab (or Shift+Tab) within this time leaves the terminal: the way out by keyboard (WCAG 2.1.2). A lone
// Esc still reaches the shell (vi needs it), just this much later.
const ESCAPE_WINDOW_MS = 400;

/** Keyboard-focusable elements of the page, in tab order (for leaving the terminal). */
function focusable(): HTMLElement[] {
  const selector = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';
  return [...document.querySelectorAll<HTMLElement>(selector)].filter(
    (element) => !element.hidden && element.offsetParent !== null && !element.closest(".xterm"),
  );
}

// Keeps trying for about two minutes, so a server restart or a flaky network heals on its own.
const RECONNECT_DELAYS_MS = [0, 1000, 2000, 5000, 10000, 10000, 15000, 30000, 30000];

const THEME = {
  background: "#0d1117",
  foreground: "#e6edf3",
  cursor: "#58a6ff",
  cursorAccent: "#0d1117",
  selectionBackground: "#264f78",
  black: "#484f58",
  red: "#ff7b72",
  green: "#3fb950",
  yellow: "#d29922",
  blue: "#58a6ff",
  magenta: "#bc8cff",
  cyan: "#39c5cf",
  white: "#b1bac4",
  brightBlack: "#6e7681",
  brightRed: "#ffa198",
  brightGreen: "#56d364",
  brightYellow: "#e3b341",
  brightBlue: "#79c0ff",
  brightMagenta: "#d2a8ff",
  brightCyan: "#56d4dd",
  brightWhite: "#f0f6fc",
};

export class LabTerminal {
  private readonly term: Terminal;
  private readonly fitAddon = new FitAddon();
  private readonly events: TerminalEvents;
  private connection: HubConnection | null = null;
  private sessionId: string | null = null;
  private attached = false;
  private pendingInput = "";
  private sending = false;
  private fitScheduled = false;
  private escapeTimer: number | null = null;
  // From the shell's OSC 133 marks: whether a command runs in the foreground (the prompt is not showing).
  private commandRunning = false;
  private readonly container: HTMLElement;

  constructor(container: HTMLElement, events: TerminalEvents) {
    this.events = events;
    this.container = container;
    this.term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, "Cascadia Mono", "JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 14,
      lineHeight: 1.15,
      scrollback: 5000,
      theme: THEME,
    });
    this.term.loadAddon(this.fitAddon);
    // URLs the shell prints (a Service's address, docs links) open in a new tab, without access to this page.
    this.term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, "_blank", "noopener,noreferrer")));
    this.term.open(container);
    this.fit();

    this.term.attachCustomKeyEventHandler((event) => this.handleKey(event));
    this.term.parser.registerOscHandler(133, (data) => {
      if (data.startsWith("A")) {
        this.commandRunning = false;
      } else if (data.startsWith("C")) {
        this.commandRunning = true;
      }
      return true;
    });
    this.term.onData((data) => this.send(data));
    this.term.onResize(({ cols, rows }) => {
      if (this.attached && this.connection) {
        this.connection.invoke("Resize", cols, rows).catch(() => {
          // A lost resize only leaves the shell at its old size; the next one corrects it.
        });
      }
    });
    new ResizeObserver(() => this.scheduleFit()).observe(container);
    this.term.writeln("\x1b[2mStart the lab to open a shell here.\x1b[0m");
  }

  get isAttached(): boolean {
    return this.attached;
  }

  /** Connects to the hub (if needed) and opens a shell for the session; resolves to whether it worked. */
  async attach(sessionId: string): Promise<boolean> {
    this.sessionId = sessionId;
    const connection = await this.connect();
    return this.attachCurrent(connection);
  }

  /**
   * Types a command into the shell followed by Enter, after clearing whatever is half-typed on the prompt (Ctrl+E,
   * Ctrl+U), and brings the terminal into view (on narrow screens it is below the lesson). Refuses while no shell is
   * attached, or while a command runs (it would be typed into that command, a `kubectl get -w` say).
   */
  typeCommand(command: string): "typed" | "no-shell" | "busy" {
    if (!this.attached) {
      return "no-shell";
    }
    this.container.scrollIntoView({ block: "nearest" });
    this.term.focus();
    if (this.commandRunning) {
      return "busy";
    }
    this.send("\x05\x15" + command.replace(/\r?\n$/, "").replace(/\r?\n/g, "\r") + "\r");
    return "typed";
  }

  /** xterm's key hook: Esc then Tab leaves the terminal; everything else goes to the shell as usual. */
  private handleKey(event: KeyboardEvent): boolean {
    if (event.type !== "keydown") {
      return true;
    }
    const escapePending = this.escapeTimer !== null;
    if (escapePending) {
      window.clearTimeout(this.escapeTimer!);
      this.escapeTimer = null;
    }
    if (event.ctrlKey && event.shiftKey && (event.key === "C" || event.key === "c")) {
      // Ctrl+C is the shell's (interrupt); Ctrl+Shift+C copies the selection, as desktop terminals do.
      if (this.term.hasSelection()) {
        void navigator.clipboard?.writeText(this.term.getSelection()).catch(() => {
          // No clipboard access (not a secure context): the browser's own copy still works on the selection.
        });
      }
      event.preventDefault();
      return false;
    }
    if (event.key === "Escape" && !event.ctrlKey && !event.altKey && !event.metaKey && !escapePending) {
      this.escapeTimer = window.setTimeout(() => {
        this.escapeTimer = null;
        this.send("\x1b");
      }, ESCAPE_WINDOW_MS);
      return false;
    }
    if (escapePending && event.key === "Tab") {
      event.preventDefault();
      this.leave(event.shiftKey ? -1 : 1);
      return false;
    }
    if (escapePending) {
      // Not a way out after all: the Esc goes first, then this key, in the order they were pressed.
      this.send("\x1b");
    }
    return true;
  }

  /** Moves focus to the next (or previous) focusable element of the page outside the terminal. */
  private leave(direction: 1 | -1): void {
    const elements = focusable();
    const textarea = this.container.querySelector("textarea");
    const all = [...elements, ...(textarea ? [textarea] : [])].sort((a, b) =>
      a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    );
    const at = textarea ? all.indexOf(textarea) : -1;
    const others = all.filter((element) => element !== textarea);
    if (others.length === 0) {
      this.term.blur();
      return;
    }
    const next = all[(at + direction + all.length) % all.length];
    (next === undefined || next === textarea ? others[0] : next)?.focus();
  }

  focus(): void {
    this.term.focus();
  }

  /** Screen-reader mode: xterm keeps an accessible copy of the output that assistive technology reads out. */
  set screenReaderMode(on: boolean) {
    this.term.options.screenReaderMode = on;
  }

  private async connect(): Promise<HubConnection> {
    if (this.connection === null) {
      const connection = new HubConnectionBuilder()
        .withUrl(HUB_URL)
        .withAutomaticReconnect(RECONNECT_DELAYS_MS)
        .configureLogging(LogLevel.Warning)
        .build();
      connection.on("Output", (base64: string) => this.term.write(decodeBase64(base64)));
      connection.on("Exited", (code: number) => {
        this.detached();
        this.events.exited(code);
      });
      connection.on("Error", (message: string) => this.events.error(message));
      connection.onreconnecting(() => {
        this.detached();
        this.events.reconnecting();
      });
      // A new connection has no shell on the server: open one again (the server replays the recent screen).
      connection.onreconnected(() => {
        this.attachCurrent(connection).catch((error: unknown) =>
          this.events.error(`Could not reopen the shell: ${error instanceof Error ? error.message : String(error)}`),
        );
      });
      connection.onclose(() => {
        this.detached();
        this.events.disconnected();
      });
      this.connection = connection;
    }

    if (this.connection.state === HubConnectionState.Disconnected) {
      await this.connection.start();
    }
    return this.connection;
  }

  private async attachCurrent(connection: HubConnection): Promise<boolean> {
    if (this.sessionId === null) {
      return false;
    }
    this.fit();
    // The server replays the session's recent output: start from a clean screen so it is not shown twice.
    this.term.reset();
    const ok = await connection.invoke<boolean>("Attach", this.sessionId, this.term.cols, this.term.rows);
    this.attached = ok === true;
    if (this.attached) {
      this.fit();
      this.term.focus();
      this.events.attached();
    }
    return this.attached;
  }

  private detached(): void {
    this.attached = false;
    this.pendingInput = "";
  }

  /**
   * Queues input and sends it in order, one Input call at a time and at most 4 KiB each: a large paste waits for
   * the server instead of flooding the hub, and keystrokes typed meanwhile join the queue.
   */
  private send(data: string): void {
    if (!this.attached) {
      return;
    }
    this.pendingInput += data;
    if (!this.sending) {
      void this.drain();
    }
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.pendingInput.length > 0 && this.connection) {
        const length = firstChunkLength(this.pendingInput);
        const chunk = this.pendingInput.slice(0, length);
        this.pendingInput = this.pendingInput.slice(length);
        await this.connection.invoke("Input", chunk);
      }
    } catch {
      // The connection dropped mid-send; onreconnecting/onclose report it and the rest of the input is dropped.
      this.pendingInput = "";
    } finally {
      this.sending = false;
    }
  }

  private scheduleFit(): void {
    if (this.fitScheduled) {
      return;
    }
    this.fitScheduled = true;
    requestAnimationFrame(() => {
      this.fitScheduled = false;
      this.fit();
    });
  }

  private fit(): void {
    try {
      this.fitAddon.fit();
    } catch {
      // Hidden or zero-sized container: keep the current size until it is visible again.
    }
  }
}
