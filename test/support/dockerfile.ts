// The fast Docker test runs the image's build steps itself, without an engine (docker-engine.test.ts
// runs a real one, for minutes): this reads the Dockerfile (the subset kotae's uses: FROM … AS,
// WORKDIR, COPY [--from], RUN, ENV, USER, VOLUME, EXPOSE, HEALTHCHECK, ENTRYPOINT, CMD) and replays
// it on a clean copy of the build context,
// each stage in its own folder standing for the image's root. npm runs offline, from the cache the
// test command's own install filled: tests never reach the network.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export interface Stage {
  name: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string | null;
  entrypoint: string[];
  cmd: string[];
  healthcheck: string[] | null;
}

export interface Instruction {
  op: string;
  args: string;
}

export function readDockerfile(path: string): Instruction[] {
  const text = readFileSync(path, 'utf8').replace(/\\\n/g, ' ');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const space = l.indexOf(' ');
      return { op: l.slice(0, space).toUpperCase(), args: l.slice(space + 1).trim() };
    });
}

/** The build context as Docker sends it: the repo minus what .dockerignore excludes. */
/** `ENV KEY=value` (the one form the Dockerfile uses). */
function envEntry(args: string): [string, string] {
  const eq = args.indexOf('=');
  return [args.slice(0, eq).trim(), args.slice(eq + 1).trim()];
}

/** The environment the running image sees (the ENV lines of the last stage), without building it. */
export function imageEnv(instructions: Instruction[]): Record<string, string> {
  let env: Record<string, string> = {};
  for (const i of instructions) {
    if (i.op === 'FROM') env = {};
    if (i.op === 'ENV') {
      const [key, value] = envEntry(i.args);
      env[key] = value;
    }
  }
  return env;
}

export function copyContext(repo: string, into: string): void {
  const ignore = readFileSync(join(repo, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const excluded = (rel: string) => {
    let out = false;
    for (const rule of ignore) {
      const negate = rule.startsWith('!');
      const pattern = negate ? rule.slice(1) : rule;
      const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(?:/.*)?$`);
      if (re.test(rel)) out = !negate;
    }
    return out;
  };
  cpSync(repo, into, { recursive: true, filter: (src) => src === repo || !excluded(relative(repo, src)) });
}

export function buildImage(context: string, stagesDir: string, dockerfile = join(context, 'Dockerfile')): Stage[] {
  const stages: Stage[] = [];
  let stage: Stage | null = null;
  for (const { op, args } of readDockerfile(dockerfile)) {
    if (op === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.length}`;
      stage = { name, root: join(stagesDir, name), workdir: '/', env: {}, user: null, entrypoint: [], cmd: [], healthcheck: null };
      mkdirSync(stage.root, { recursive: true });
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`${op} before FROM`);
    const at = (p: string) => join(stage!.root, p.startsWith('/') ? p : join(stage!.workdir, p));
    switch (op) {
      case 'WORKDIR':
        stage.workdir = args;
        mkdirSync(at(args), { recursive: true });
        break;
      case 'ENV': {
        const [key, value] = envEntry(args);
        stage.env[key] = value;
        break;
      }
      case 'COPY': {
        const parts = args.split(/\s+/);
        const from = parts[0]!.startsWith('--from=') ? stages.find((s) => s.name === parts.shift()!.slice('--from='.length))! : null;
        const dest = parts.pop()!;
        for (const src of parts) {
          const source = from ? join(from.root, src) : join(context, src);
          const target = dest.endsWith('/') || parts.length > 1 ? join(at(dest), src.split('/').pop()!) : at(dest);
          mkdirSync(dirname(target), { recursive: true });
          cpSync(source, target, { recursive: true });
        }
        break;
      }
      case 'RUN':
        if (/\bnpm cache clean\b/.test(args)) throw new Error('the Dockerfile cleans the npm cache: replayed here, that would wipe this machine\'s cache');
        execFileSync('bash', ['-c', args.replaceAll('/app', join(stage.root, 'app'))], {
          cwd: at('.'),
          env: { ...process.env, ...stage.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
          stdio: 'pipe',
        });
        break;
      case 'USER':
        stage.user = args;
        break;
      case 'ENTRYPOINT':
        stage.entrypoint = JSON.parse(args) as string[];
        break;
      case 'CMD':
        stage.cmd = JSON.parse(args) as string[];
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 3).trim()) as string[];
        break;
      case 'VOLUME':
      case 'EXPOSE':
        break;
      default:
        throw new Error(`the Dockerfile uses ${op}, which this replay does not know: teach test/support/dockerfile.ts`);
    }
  }
  return stages;
}

export function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? sizeOf(path) : entry.isFile() ? statSync(path).size : 0;
  }
  return total;
}

