// The learner's lab session: start it, find it again after a reload, in another tab or after a restart of the
// platform, reset, extend and finish it. Sessions belong to the learner (their cookie), one per lab.
import { ApiError, requestJson, requestNoContent } from "./api";

/** A running session as the API describes it. */
export interface SessionInfo {
  sessionId: string;
  namespace?: string;
  /** Seconds left when the server answered. */
  expiresInSeconds?: number;
  /** True when a start found it running already (another tab, a reload). */
  resumed?: boolean;
}

interface SessionResource {
  sessionId?: string;
  id?: string;
  labId?: string;
  namespace?: string;
  createdAt?: string;
  expiresInSeconds?: number;
  resumed?: boolean;
}

function infoOf(resource: SessionResource): SessionInfo {
  return {
    sessionId: idOf(resource) ?? "",
    namespace: resource.namespace,
    expiresInSeconds: resource.expiresInSeconds,
    resumed: resource.resumed,
  };
}

function idOf(resource: SessionResource): string | undefined {
  return resource.sessionId ?? resource.id;
}

/** Starts the learner's session of the lab, or resumes the one they have. */
export async function startSession(labId: string): Promise<SessionInfo> {
  const created = await requestJson<SessionResource>("POST", `/api/labs/${encodeURIComponent(labId)}/sessions`);
  if (!idOf(created)) {
    throw new ApiError(0, "The server started a session but did not say its id.");
  }
  return infoOf(created);
}

/**
 * The learner's running session of this lab, if any (a learner has at most one per lab: started in another tab,
 * before a reload, or before the platform restarted). Failures other than "none" are thrown so the page shows them.
 */
export async function restoreSession(labId: string): Promise<SessionInfo | null> {
  try {
    const found = await requestJson<SessionResource>("GET", `/api/labs/${encodeURIComponent(labId)}/session`);
    return infoOf(found);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

/** Gives the session a fresh namespace with the lab's setup (progress is kept); answers the session as it is now. */
export async function resetSession(sessionId: string): Promise<SessionInfo> {
  return infoOf(await requestJson<SessionResource>("POST", `/api/sessions/${encodeURIComponent(sessionId)}/reset`));
}

/** Moves the session's expiry later; answers the session with its new time left. */
export async function extendSession(sessionId: string): Promise<SessionInfo> {
  return infoOf(await requestJson<SessionResource>("POST", `/api/sessions/${encodeURIComponent(sessionId)}/extend`));
}

/** Finishes the session (its namespace and everything in it are deleted); an already ended one is no error. */
export async function endSession(sessionId: string): Promise<void> {
  try {
    await requestNoContent("POST", `/api/sessions/${encodeURIComponent(sessionId)}/finish`);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) {
      throw error;
    }
  }
}
