// The shape of one CLI command: its options (node:util parseArgs), its help, and what it does.
import type { ParseArgsOptionsConfig } from 'node:util';
import type { Io } from './io.ts';

export interface CommandInput {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  io: Io;
}

export interface Command {
  usage: string;
  summary: string;
  options: ParseArgsOptionsConfig;
  /** Returns the exit status: 0 ok, 1 runtime failure (2 comes from usage/config errors). */
  run(input: CommandInput): Promise<number>;
}

export const configOption = { config: { type: 'string' } } as const satisfies ParseArgsOptionsConfig;
export const jsonOption = { json: { type: 'boolean' } } as const satisfies ParseArgsOptionsConfig;
