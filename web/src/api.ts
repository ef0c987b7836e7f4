// JSON calls to the Labs API. Failures arrive as ProblemDetails; they become an ApiError whose message is the
// server's `detail` (or `title`), so the page can always say what went wrong.

/** An HTTP call that did not succeed, with a message fit to show the learner. */
export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

interface ProblemDetails {
  title?: string;
  detail?: string;
}

/**
 * Sends a request and parses the JSON answer; throws ApiError for non-2xx answers and network failures.
 * The learner cookie goes along (same origin), and the browser's Origin header is what the server checks
 * on requests that change something, so no extra token is needed.
 */
export async function requestJson<T>(method: "GET" | "POST", url: string): Promise<T> {
  const response = await send(method, url);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, `The server sent an unreadable answer to ${method} ${url}.`);
  }
}

/** Sends a request whose answer has no body (e.g. DELETE → 204); throws ApiError as requestJson does. */
export async function requestNoContent(method: "DELETE" | "POST", url: string): Promise<void> {
  await send(method, url);
}

async function send(method: string, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "Could not reach the Labs server. Check your connection and try again.");
  }

  if (!response.ok) {
    throw new ApiError(response.status, await problemMessage(response));
  }
  return response;
}

async function problemMessage(response: Response): Promise<string> {
  const fallback = `The server answered ${response.status} ${response.statusText}`.trim() + ".";
  try {
    const problem = (await response.json()) as ProblemDetails;
    return problem.detail || problem.title || fallback;
  } catch {
    return fallback;
  }
}
