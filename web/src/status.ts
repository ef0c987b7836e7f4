// The session status line (#session-status) and its reconnect button.

export type StatusKind = "info" | "ok" | "busy" | "error";

/** Shows what the lab session is doing; the element is role=status, so screen readers hear changes. */
export class StatusLine {
  private readonly element: HTMLElement;
  private readonly reconnectButton: HTMLButtonElement;

  constructor(element: HTMLElement, onReconnect: () => void) {
    this.element = element;
    this.reconnectButton = document.createElement("button");
    this.reconnectButton.type = "button";
    this.reconnectButton.id = "reconnect";
    this.reconnectButton.className = "reconnect";
    this.reconnectButton.textContent = "Reconnect";
    this.reconnectButton.hidden = true;
    this.reconnectButton.addEventListener("click", () => {
      this.reconnectButton.hidden = true;
      onReconnect();
    });
    element.insertAdjacentElement("afterend", this.reconnectButton);
  }

  show(text: string, kind: StatusKind = "info"): void {
    this.element.textContent = text;
    this.element.dataset.kind = kind;
    this.reconnectButton.hidden = true;
  }

  /** Shows the text with a Reconnect button beside it. */
  offerReconnect(text: string): void {
    this.show(text, "error");
    this.reconnectButton.hidden = false;
  }
}
