// Running a command as a child process and measuring it: wall time, peak RSS (VmHWM) and CPU time
// (utime + stime), sampled from /proc every 20 ms while it runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Measured {
  seconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  stdout: string;
  code: number | null;
}

const TICKS = 100;

export async function measure(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  let peakKb = 0;
  let cpuTicks = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpuTicks = Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process has just exited: the last sample stands.
    }
  };
  const timer = setInterval(sample, 20);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}: ${stderr.slice(-2000)}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, peakRssMb: peakKb / 1024, cpuSeconds: cpuTicks / TICKS, stdout, code };
}

/**
 * The resident memory of a running process, sampled from /proc every 20 ms: its peak so far (VmHWM,
 * which the kernel keeps, so no spike between samples is missed) and now (VmRSS). Worker threads
 * share their process's memory: these figures include them.
 */
export class RssWatch {
  readonly #pid: number;
  readonly #timer: NodeJS.Timeout;
  #peakKb = 0;
  #nowKb = 0;

  constructor(pid: number) {
    this.#pid = pid;
    this.#timer = setInterval(() => this.sample(), 20);
  }

  /** Reads /proc now; the last figures stand once the process has exited. */
  sample(): { peakMb: number; nowMb: number } {
    try {
      const status = readFileSync(`/proc/${this.#pid}/status`, 'utf8');
      this.#peakKb = Math.max(this.#peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      this.#nowKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // Exited.
    }
    return { peakMb: Math.round(this.#peakKb / 1024), nowMb: Math.round(this.#nowKb / 1024) };
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
