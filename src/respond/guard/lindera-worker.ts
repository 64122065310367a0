// The thread that holds Lindera (see japanese-reader.ts). It answers each text with its tokens on the
// port it was given, then wakes the waiting thread through the shared cell.
import { createRequire } from 'node:module';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { LinderaToken } from './japanese-reader.ts';

const { port, signal } = workerData as { port: MessagePort; signal: SharedArrayBuffer };
const cell = new Int32Array(signal);

const { TokenizerBuilder } = createRequire(import.meta.url)('lindera-wasm-nodejs-ipadic') as {
  TokenizerBuilder: new () => { setDictionary(uri: string): void; setMode(mode: string): void; build(): { tokenize(text: string): LinderaToken[] } };
};
const builder = new TokenizerBuilder();
builder.setDictionary('embedded://ipadic');
builder.setMode('normal');
const tokenizer = builder.build();

port.on('message', (text: string) => {
  let answer: { tokens: LinderaToken[] } | { error: string };
  try {
    // Only the two fields read: Lindera's token objects hold more, and are copied across.
    answer = { tokens: tokenizer.tokenize(text).map((t) => ({ surface: t.surface, baseForm: t.baseForm })) };
  } catch (err) {
    answer = { error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer);
  Atomics.store(cell, 0, 1);
  Atomics.notify(cell, 0);
});
