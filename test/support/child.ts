// Running `node bin/kotae.js …` as a child process, the way a seller or a service manager runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const KOTAE_BIN = join(import.meta.dirname, '../../bin/kotae.js');
const WATCHDOG = join(import.meta.dirname, 'child-watchdog.js');

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningKotae {
  child: ChildProcess;
  /** Settles when the process has exited, with everything it wrote. */
  done: Promise<ChildResult>;
}

/**
 * Start kotae; it is SIGKILLed if it outlives `timeoutMs` (every run is bounded), and it ends itself
 * if this process dies first (child-watchdog.js).
 */
export function startKotae(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): RunningKotae {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(process.execPath, ['--import', WATCHDOG, KOTAE_BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    // KOTAE_MEMORY_SETTINGS: `run` and `once` do not replace themselves to set their memory settings
    // (bin/kotae.js), which would close the lifeline on fd 3; a test that checks that sets it to ''.
    env: { ...process.env, KOTAE_LOG_LEVEL: 'warn', KOTAE_MEMORY_SETTINGS: '1', ...options.env, KOTAE_TEST_CHILD_LIMIT_MS: String(timeoutMs + 5_000) },
    // fd 3: the lifeline the watchdog watches; it closes when this process ends.
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<ChildResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kotae ${args.join(' ')} did not finish within ${timeoutMs} ms\nstderr: ${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

/** Run kotae to the end. */
export function runKotae(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<ChildResult> {
  return startKotae(args, options).done;
}
