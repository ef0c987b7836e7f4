// Unit tests for input splitting and output decoding (run with `npm test`: esbuild bundles, node:test runs).
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeBase64, firstChunkLength, MAX_INPUT_CHUNK, splitInput } from "../src/chunks";

test("short input is one piece", () => {
  assert.deepEqual(splitInput("ls -la\r"), ["ls -la\r"]);
});

test("a large paste becomes 4 KiB pieces that join back to the paste", () => {
  const paste = "x".repeat(10_000);
  const pieces = splitInput(paste);
  assert.deepEqual(pieces.map((p) => p.length), [MAX_INPUT_CHUNK, MAX_INPUT_CHUNK, 10_000 - 2 * MAX_INPUT_CHUNK]);
  assert.equal(pieces.join(""), paste);
});

test("a surrogate pair is never split between pieces", () => {
  const text = "a".repeat(MAX_INPUT_CHUNK - 1) + "😀" + "b";
  const pieces = splitInput(text);
  assert.equal(pieces[0], "a".repeat(MAX_INPUT_CHUNK - 1));
  assert.equal(pieces[1], "😀b");
  assert.equal(firstChunkLength(text), MAX_INPUT_CHUNK - 1);
});

test("base64 output decodes to the original bytes", () => {
  const bytes = decodeBase64(Buffer.from("héllo ✓", "utf8").toString("base64"));
  assert.equal(new TextDecoder().decode(bytes), "héllo ✓");
});
