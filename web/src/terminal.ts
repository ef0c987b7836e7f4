// The lab terminal: xterm.js in the page, a shell in the learner's toolbox pod, joined by the /hubs/terminal hub.
import { FitAddon } from "@xterm/addon-fit";
import { SearchAddon } from "@xterm/addon-search";
import { WebLinksAddon } from "@xterm/addon-web-links";
import { Terminal } from "@xterm/xterm";
import { HubConnection, HubConnectionBuilder, HubConnectionState, ISubscription, LogLevel, Subject } from "@microsoft/signalr";
import { decodeBase64, firstChunkLength } from "./chunks";

/** One item of the hub's Output stream (TerminalFrame on the server). */
interface Frame {
  seq: number;
  data: string;
  shell?: string | null;
  reset?: boolean;
  inputDone: number;
  exit?: number | null;
  error?: string | null;
}

// Flow control. Output: the page acknowledges what xterm has written, at least every ACK_EVERY bytes; the server reads
// the shell no further than its window (128 KiB) past the slowest page, so `yes` cannot flood xterm's write queue.
// Input: at most INPUT_WINDOW characters are in flight; the server reports every 16 Ki that reached the shell.
const ACK_EVERY = 32 * 1024;
const INPUT_WINDOW = 64 * 1024;

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
  private readonly searchAddon = new SearchAddon();
  private readonly events: TerminalEvents;
  private connection: HubConnection | null = null;
  private sessionId: string | null = null;
  private readonly terminalId: string;
  private attached = false;
  private pendingInput = "";
  // The shell whose output the screen shows, and how much of it: a reconnect resumes right after it.
  private shellId: string | null = null;
  private nextSeq = 0;
  private ackedSeq = 0;
  private output: ISubscription<Frame> | null = null;
  private input: Subject<string> | null = null;
  private inputSent = 0;
  private inputDone = 0;
  private fitScheduled = false;
  private escapeTimer: number | null = null;
  // From the shell's OSC 133 marks: whether a command runs in the foreground (the prompt is not showing).
  private commandRunning = false;
  private readonly container: HTMLElement;

  constructor(container: HTMLElement, events: TerminalEvents, terminalId = "1") {
    this.events = events;
    this.terminalId = terminalId;
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
    this.term.loadAddon(this.searchAddon);
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
        this.connection.invoke("Resize", this.sessionId, this.terminalId, cols, rows).catch(() => {
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

  /** Finds the next (or previous) match of the text in the output and scrollback; false when there is none. */
  find(text: string, backwards = false): boolean {
    // Without decorations: those need xterm's proposed API; the match is selected (and scrolled to) either way.
    const options = { caseSensitive: false };
    return backwards ? this.searchAddon.findPrevious(text, options) : this.searchAddon.findNext(text, options);
  }

  /** The terminals of the session that have a shell on the server (so a reloaded page opens the same tabs). */
  async terminalsOf(sessionId: string): Promise<string[]> {
    const connection = await this.connect();
    return connection.invoke<string[]>("Terminals", sessionId);
  }

  /** Ends this terminal's shell on the server (its tab was closed) and lets go of the connection. */
  async close(): Promise<void> {
    const connection = this.connection;
    const sessionId = this.sessionId;
    this.sessionId = null;
    this.detached();
    if (connection && sessionId !== null && connection.state === HubConnectionState.Connected) {
      await connection.invoke("Close", sessionId, this.terminalId).catch(() => {
        // The shell then ends when nobody has watched it for a while.
      });
    }
    await connection?.stop();
    this.term.dispose();
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
      connection.onreconnecting(() => {
        this.detached();
        this.events.reconnecting();
      });
      // The shell lives on in the server: watch it again from where the screen stopped (nothing lost, nothing twice).
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

  private attachCurrent(connection: HubConnection): Promise<boolean> {
    if (this.sessionId === null) {
      return Promise.resolve(false);
    }
    this.stopStreams();
    this.fit();
    const sessionId = this.sessionId;
    return new Promise<boolean>((resolve) => {
      let first = true;
      const settle = (ok: boolean): void => {
        if (first) {
          first = false;
          resolve(ok);
        }
      };
      const stream = connection.stream<Frame>(
        "Output", sessionId, this.terminalId, this.shellId, this.nextSeq, this.term.cols, this.term.rows);
      const subscription = stream.subscribe({
        next: (frame) => {
          if (subscription !== this.output) {
            return;
          }
          if (frame.error) {
            this.detached();
            settle(false);
            this.events.error(frame.error);
          } else if (frame.exit !== undefined && frame.exit !== null) {
            this.detached();
            settle(false);
            this.events.exited(frame.exit);
          } else {
            if (first) {
              this.opened(connection, sessionId, frame);
            }
            this.receive(frame);
            settle(true);
          }
        },
        error: (error) => {
          // A dropped connection ends the stream too: onreconnecting/onclose report that one.
          if (connection.state === HubConnectionState.Connected && subscription === this.output) {
            this.detached();
            this.events.error(`The terminal stream failed: ${error instanceof Error ? error.message : String(error)}`);
          }
          settle(false);
        },
        complete: () => settle(false),
      });
      this.output = subscription;
    });
  }

  /** The first frame of an Output stream: which shell it is, and whether the screen continues or starts over. */
  private opened(connection: HubConnection, sessionId: string, frame: Frame): void {
    if (frame.reset || frame.shell !== this.shellId) {
      this.term.reset();
    }
    this.shellId = frame.shell ?? null;
    this.nextSeq = frame.seq;
    this.ackedSeq = frame.seq;
    this.input = new Subject<string>();
    this.inputSent = 0;
    this.inputDone = 0;
    connection.send("Input", sessionId, this.terminalId, this.input).catch(() => {
      // The connection dropped: onreconnecting/onclose report it.
    });
    this.attached = true;
    this.fit();
    this.term.focus();
    this.events.attached();
  }

  private receive(frame: Frame): void {
    this.inputDone = frame.inputDone;
    const bytes = decodeBase64(frame.data);
    if (bytes.length > 0) {
      const end = frame.seq + bytes.length;
      this.nextSeq = end;
      const connection = this.connection;
      const shellId = this.shellId;
      this.term.write(bytes, () => {
        if (end - this.ackedSeq >= ACK_EVERY && connection && shellId === this.shellId) {
          this.ackedSeq = end;
          connection.send("Ack", this.sessionId, this.terminalId, end).catch(() => {
            // Lost with the connection; a reconnect starts from what the screen shows.
          });
        }
      });
    }
    this.drain();
  }

  private stopStreams(): void {
    const output = this.output;
    this.output = null;
    output?.dispose();
    this.input?.complete();
    this.input = null;
  }

  private detached(): void {
    this.attached = false;
    this.pendingInput = "";
    this.stopStreams();
  }

  /**
   * Queues input and streams it in order, in pieces of at most 4 KiB, with at most INPUT_WINDOW characters on their
   * way: a large paste waits for the shell instead of flooding the hub, and keystrokes typed meanwhile join the queue.
   */
  private send(data: string): void {
    if (!this.attached) {
      return;
    }
    this.pendingInput += data;
    this.drain();
  }

  private drain(): void {
    while (this.pendingInput.length > 0 && this.input && this.inputSent - this.inputDone < INPUT_WINDOW) {
      const length = firstChunkLength(this.pendingInput);
      this.input.next(this.pendingInput.slice(0, length));
      this.pendingInput = this.pendingInput.slice(length);
      this.inputSent += length;
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
