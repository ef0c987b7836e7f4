// Terminal tabs: several shells per lab, each a LabTerminal in a pane of #terminal, with a tab bar to switch, add and
// close them. A reload (or a second browser tab) opens the same tabs: the server lists the session's terminals.
import { LabTerminal, TerminalEvents } from "./terminal";

/** Most tabs the page offers (the server's Terminal:MaxShellsPerSession refuses more with a message). */
const MAX_TABS = 4;

interface Tab {
  id: string;
  terminal: LabTerminal;
  pane: HTMLElement;
  button: HTMLButtonElement;
  item: HTMLElement;
}

export class TerminalTabs {
  private readonly tabs: Tab[] = [];
  private active: Tab;
  private sessionId: string | null = null;
  private screenReader = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly tabList: HTMLElement,
    private readonly addButton: HTMLButtonElement | null,
    private readonly events: TerminalEvents,
  ) {
    this.active = this.create("1");
    this.select(this.active, false);
    addButton?.addEventListener("click", () => void this.add());
  }

  get isAttached(): boolean {
    return this.active.terminal.isAttached;
  }

  get current(): LabTerminal {
    return this.active.terminal;
  }

  set screenReaderMode(on: boolean) {
    this.screenReader = on;
    for (const tab of this.tabs) {
      tab.terminal.screenReaderMode = on;
    }
  }

  /** Opens the session's terminals: the ones it has on the server, or a first one. */
  async attach(sessionId: string): Promise<boolean> {
    this.sessionId = sessionId;
    const existing = await this.active.terminal.terminalsOf(sessionId).catch(() => [] as string[]);
    for (const id of existing) {
      if (!this.tabs.some((tab) => tab.id === id)) {
        this.create(id);
      }
    }
    const first = this.tabs.find((tab) => tab.id === (existing[0] ?? "1")) ?? this.active;
    this.select(first, false);
    const results = await Promise.all(this.tabs.map((tab) => tab.terminal.attach(sessionId)));
    this.updateAddButton();
    return results[this.tabs.indexOf(first)] ?? false;
  }

  typeCommand(command: string): "typed" | "no-shell" | "busy" {
    return this.active.terminal.typeCommand(command);
  }

  private async add(): Promise<void> {
    if (this.sessionId === null) {
      return;
    }
    const free = Array.from({ length: MAX_TABS }, (_, i) => String(i + 1)).find((id) => !this.tabs.some((tab) => tab.id === id));
    if (free === undefined) {
      return;
    }
    const tab = this.create(free);
    this.select(tab);
    this.updateAddButton();
    await tab.terminal.attach(this.sessionId);
  }

  private create(id: string): Tab {
    const pane = document.createElement("div");
    pane.className = "terminal-pane";
    pane.id = `terminal-pane-${id}`;
    pane.setAttribute("role", "tabpanel");
    this.container.append(pane);

    const item = document.createElement("span");
    item.className = "terminal-tab";
    const button = document.createElement("button");
    button.type = "button";
    button.id = `terminal-tab-${id}`;
    button.setAttribute("role", "tab");
    button.setAttribute("aria-controls", pane.id);
    button.textContent = `Terminal ${id}`;
    pane.setAttribute("aria-labelledby", button.id);
    const close = document.createElement("button");
    close.type = "button";
    close.className = "terminal-tab-close";
    close.textContent = "×";
    close.setAttribute("aria-label", `Close terminal ${id}`);
    item.append(button, close);
    this.tabList.append(item);

    const tab: Tab = { id, pane, button, item, terminal: null as unknown as LabTerminal };
    tab.terminal = new LabTerminal(pane, this.forward(tab), id);
    tab.terminal.screenReaderMode = this.screenReader;
    button.addEventListener("click", () => this.select(tab));
    close.addEventListener("click", () => void this.close(tab));
    this.tabs.push(tab);
    this.sortTabs();
    return tab;
  }

  /** The page's status line follows the tab in front; the others only mark their tab. */
  private forward(tab: Tab): TerminalEvents {
    const when = (handler: () => void, mark = ""): void => {
      tab.button.dataset.state = mark;
      if (tab === this.active) {
        handler();
      }
    };
    return {
      attached: () => when(() => this.events.attached()),
      reconnecting: () => when(() => this.events.reconnecting(), "busy"),
      exited: (code) => when(() => this.events.exited(code), "ended"),
      error: (message) => when(() => this.events.error(message), tab.terminal?.isAttached ? "" : "ended"),
      disconnected: () => when(() => this.events.disconnected(), "ended"),
    };
  }

  private select(tab: Tab, focus = true): void {
    this.active = tab;
    for (const other of this.tabs) {
      const selected = other === tab;
      other.pane.hidden = !selected;
      other.button.setAttribute("aria-selected", String(selected));
      other.button.tabIndex = selected ? 0 : -1;
    }
    if (focus) {
      tab.terminal.focus();
    }
  }

  private async close(tab: Tab): Promise<void> {
    if (this.tabs.length === 1) {
      return; // the last terminal stays: it is the lab's
    }
    this.tabs.splice(this.tabs.indexOf(tab), 1);
    tab.item.remove();
    tab.pane.remove();
    if (tab === this.active) {
      this.select(this.tabs[0]!);
    }
    this.updateAddButton();
    await tab.terminal.close();
  }

  private sortTabs(): void {
    this.tabs.sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
    for (const tab of this.tabs) {
      this.tabList.append(tab.item);
    }
  }

  private updateAddButton(): void {
    if (this.addButton) {
      this.addButton.disabled = this.sessionId === null || this.tabs.length >= MAX_TABS;
    }
  }
}
