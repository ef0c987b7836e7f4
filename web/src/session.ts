// The learner's lab session: start it, find it again after a reload or in another tab, and end it. Sessions belong
// to the learner (their cookie), so the server can list them; the tab remembers which one it used last.
import { ApiError, requestJson, requestNoContent } from "./api";

/** A running session as the API describes it. */
export interface SessionInfo {
  sessionId: string;
  namespace?: string;
}

interface SessionResource {
  sessionId?: string;
  id?: string;
  labId?: string;
  namespace?: string;
  createdAt?: string;
}

function storageKey(labId: string): string {
  return `labs.session.${labId}`;
}

function readStored(labId: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(labId));
  } catch {
    return null; // storage disabled (privacy mode): the server's list still finds the session
  }
}

function writeStored(labId: string, sessionId: string | null): void {
  try {
    if (sessionId === null) {
      sessionStorage.removeItem(storageKey(labId));
    } else {
      sessionStorage.setItem(storageKey(labId), sessionId);
    }
  } catch {
    // see readStored
  }
}

function idOf(resource: SessionResource): string | undefined {
  return resource.sessionId ?? resource.id;
}

/** Starts a new session for the lab and remembers it. */
export async function startSession(labId: string): Promise<SessionInfo> {
  const created = await requestJson<SessionResource>("POST", `/api/labs/${encodeURIComponent(labId)}/sessions`);
  const sessionId = idOf(created);
  if (!sessionId) {
    throw new ApiError(0, "The server started a session but did not say its id.");
  }
  writeStored(labId, sessionId);
  return { sessionId, namespace: created.namespace };
}

/**
 * The learner's running session of this lab, if any: the one this tab used before when it still runs, else the
 * newest one (started in another tab or before the tab was closed). Failures are thrown so the page can show them.
 */
export async function restoreSession(labId: string): Promise<SessionInfo | null> {
  const mine = await requestJson<SessionResource[]>("GET", "/api/sessions");
  const ofLab = mine.filter((s) => s.labId === labId && idOf(s));
  const stored = readStored(labId);
  const found = ofLab.find((s) => idOf(s) === stored) ?? ofLab[ofLab.length - 1];
  if (!found) {
    writeStored(labId, null);
    return null;
  }
  const sessionId = idOf(found)!;
  writeStored(labId, sessionId);
  return { sessionId, namespace: found.namespace };
}

/** Ends the session (its namespace and everything in it are deleted); an already ended one is no error. */
export async function endSession(labId: string, sessionId: string): Promise<void> {
  try {
    await requestNoContent("DELETE", `/api/sessions/${encodeURIComponent(sessionId)}`);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) {
      throw error;
    }
  }
  writeStored(labId, null);
}

/** Forgets the remembered session (it expired on the server). */
export function forgetSession(labId: string): void {
  writeStored(labId, null);
}
