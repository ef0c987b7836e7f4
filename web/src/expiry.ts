// The session's expiry in the workspace bar: time left, and a warning at 10 and at 2 minutes (through the status
// line, which screen readers announce). The server says how many seconds are left, so the page needs no clock of its.

/** Minutes before the end at which the learner is warned, in the order they come. */
const WARN_AT_MINUTES = [10, 2];

export class ExpiryClock {
  private readonly element: HTMLElement;
  private readonly warn: (message: string) => void;
  private deadline = 0;
  private warned = new Set<number>();
  private timer: number | null = null;

  constructor(element: HTMLElement, warn: (message: string) => void) {
    this.element = element;
    this.warn = warn;
  }

  /** Starts (or moves, after Extend) the countdown to `secondsLeft` from now. */
  set(secondsLeft: number): void {
    this.deadline = Date.now() + secondsLeft * 1000;
    // Warnings already passed stay given; an extension beyond them gives them again when they come back round.
    this.warned = new Set(WARN_AT_MINUTES.filter((m) => secondsLeft <= m * 60));
    this.stop();
    this.tick();
    this.timer = window.setInterval(() => this.tick(), 1000);
  }

  stop(): void {
    if (this.timer !== null) {
      window.clearInterval(this.timer);
      this.timer = null;
    }
  }

  private tick(): void {
    const left = Math.max(0, Math.round((this.deadline - Date.now()) / 1000));
    const minutes = Math.ceil(left / 60);
    this.element.textContent = left === 0 ? "Expired" : minutes > 1 ? `Ends in ${minutes} min` : `Ends in ${left} s`;
    this.element.dataset.kind = left <= 10 * 60 ? "warning" : "";
    for (const at of WARN_AT_MINUTES) {
      if (left <= at * 60 && left > 0 && !this.warned.has(at)) {
        this.warned.add(at);
        this.warn(`This lab ends in ${at} minutes: press Extend for more time.`);
      }
    }
    if (left === 0) {
      this.stop();
    }
  }
}
