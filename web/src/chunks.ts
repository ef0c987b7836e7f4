// Splitting large pastes so that no single hub message is huge.

/** Largest piece of input sent in one Input call (the server refuses far larger ones). */
export const MAX_INPUT_CHUNK = 4096;

/**
 * Splits text into pieces of at most `size` UTF-16 code units, never between the two halves of a surrogate pair
 * (a lone half would reach the shell as U+FFFD).
 */
export function splitInput(text: string, size: number = MAX_INPUT_CHUNK): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = start + firstChunkLength(text, start, size);
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** Length of the piece of `text` starting at `start` that `splitInput` would send next. */
export function firstChunkLength(text: string, start = 0, size: number = MAX_INPUT_CHUNK): number {
  let end = Math.min(start + size, text.length);
  if (end < text.length && end - start > 1 && isHighSurrogate(text.charCodeAt(end - 1))) {
    end -= 1;
  }
  return end - start;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Decodes the server's base64 output into bytes for xterm (which decodes UTF-8 across chunk boundaries). */
export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}
