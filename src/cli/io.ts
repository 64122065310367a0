// Where commands read and write: stdout for results (and --json), stderr for messages, stdin for
// `-` (guard -, classify -, approve --body -). Tests pass buffers.

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Everything on standard input, read once. */
  readStdin(): Promise<Buffer>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  env: process.env,
  cwd: process.cwd(),
};

export function bufferIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd(), stdin: string | Buffer = ''): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), readStdin: async () => Buffer.from(stdin), env, cwd };
}
