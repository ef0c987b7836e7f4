// The learner's lab session: start it, remember its id per lab for this tab, and reuse it after a reload.
import { ApiError, requestJson } from "./api";

/** A running session as the API describes it. */
export interface SessionInfo {
  sessionId: string;
  namespace?: string;
}

interface SessionResource {
  sessionId?: string;
  id?: string;
  namespace?: string;
}

function storageKey(labId: string): string {
  return `labs.session.${labId}`;
}

function readStored(labId: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(labId));
  } catch {
    return null; // storage disabled (privacy mode): the learner just starts again after a reload
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

/** Starts a new session for the lab and remembers it. */
export async function startSession(labId: string): Promise<SessionInfo> {
  const created = await requestJson<SessionResource>("POST", `/api/labs/${encodeURIComponent(labId)}/sessions`);
  const sessionId = created.sessionId ?? created.id;
  if (!sessionId) {
    throw new ApiError(0, "The server started a session but did not say its id.");
  }
  writeStored(labId, sessionId);
  return { sessionId, namespace: created.namespace };
}

/**
 * The session remembered for this lab if the server still knows it; null when there is none or it has ended
 * (a 404 forgets it). Other failures are thrown so the page can show them.
 */
export async function restoreSession(labId: string): Promise<SessionInfo | null> {
  const sessionId = readStored(labId);
  if (!sessionId) {
    return null;
  }
  try {
    const found = await requestJson<SessionResource>("GET", `/api/sessions/${encodeURIComponent(sessionId)}`);
    return { sessionId, namespace: found.namespace };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 410)) {
      writeStored(labId, null);
      return null;
    }
    throw error;
  }
}

/** Forgets the remembered session (it expired on the server). */
export function forgetSession(labId: string): void {
  writeStored(labId, null);
}
