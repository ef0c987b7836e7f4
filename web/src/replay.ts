// The replay player: lists the session's terminal recordings (asciicast v2 from /api/sessions/{id}/recordings) and
// plays one in a read-only xterm, with its original timing (pauses longer than a second are shortened to one).
import { Terminal } from "@xterm/xterm";
import { requestJson } from "./api";

interface RecordingInfo {
  name: string;
  terminal: string;
  startedAt: string;
  bytes: number;
}

/** A parsed asciicast v2 recording: its size and its [seconds, code, data] events. */
export interface Cast {
  width: number;
  height: number;
  events: [number, string, string][];
}

const MAX_PAUSE_S = 1;

/** Parses asciicast v2 text; a last line still being written (cut short) is left out. */
export function parseCast(text: string): Cast {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const header = JSON.parse(lines[0] ?? "{}") as { version?: number; width?: number; height?: number };
  if (header.version !== 2) {
    throw new Error(`Not an asciicast v2 recording (version ${String(header.version)}).`);
  }
  const events: [number, string, string][] = [];
  for (const line of lines.slice(1)) {
    try {
      events.push(JSON.parse(line) as [number, string, string]);
    } catch {
      break;
    }
  }
  return { width: header.width ?? 80, height: header.height ?? 24, events };
}

export function wireRecordings(sessionOf: () => string | null): void {
  const open = document.getElementById("show-recordings") as HTMLButtonElement | null;
  const dialog = document.getElementById("recordings") as HTMLDialogElement | null;
  const list = document.getElementById("recordings-list");
  const screen = document.getElementById("replay-screen");
  const close = document.getElementById("close-recordings");
  if (!open || !dialog || !list || !screen || !close) {
    return;
  }
  let player: Terminal | null = null;
  let playing = 0;

  const stop = (): void => {
    playing++;
    player?.dispose();
    player = null;
  };

  const play = async (sessionId: string, name: string): Promise<void> => {
    stop();
    const run = playing;
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/recordings/${encodeURIComponent(name)}`);
    if (!response.ok) {
      screen.textContent = `The recording could not be loaded (HTTP ${response.status}).`;
      return;
    }
    const cast = parseCast(await response.text());
    screen.textContent = "";
    const term = new Terminal({ cols: cast.width, rows: cast.height, disableStdin: true, fontSize: 13, scrollback: 5000 });
    term.open(screen);
    player = term;
    let clock = 0;
    for (const [at, code, data] of cast.events) {
      const pause = Math.min(Math.max(0, at - clock), MAX_PAUSE_S);
      clock = at;
      if (pause > 0.01) {
        await new Promise((resolve) => setTimeout(resolve, pause * 1000));
      }
      if (run !== playing) {
        return;
      }
      if (code === "o") {
        term.write(data);
      } else if (code === "r") {
        const [cols, rows] = data.split("x").map(Number);
        if (cols && rows) {
          term.resize(cols, rows);
        }
      }
    }
    screen.dataset.finished = name;
  };

  open.addEventListener("click", () => {
    void (async () => {
      const sessionId = sessionOf();
      list.textContent = "";
      if (!sessionId) {
        list.textContent = "Start the lab first: its terminals are recorded.";
        dialog.showModal();
        return;
      }
      try {
        const recordings = await requestJson<RecordingInfo[]>("GET", `/api/sessions/${encodeURIComponent(sessionId)}/recordings`);
        for (const recording of recordings) {
          const item = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "replay";
          button.textContent = `Terminal ${recording.terminal}, ${new Date(recording.startedAt).toLocaleTimeString()} (${Math.ceil(recording.bytes / 1024)} KiB)`;
          button.addEventListener("click", () => void play(sessionId, recording.name));
          item.append(button);
          list.append(item);
        }
        if (recordings.length === 0) {
          list.textContent = "No recordings yet.";
        }
      } catch (error) {
        list.textContent = error instanceof Error ? error.message : String(error);
      }
      dialog.showModal();
    })();
  });
  close.addEventListener("click", () => {
    stop();
    dialog.close();
  });
  dialog.addEventListener("close", stop);
}
