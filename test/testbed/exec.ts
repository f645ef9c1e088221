import { spawn } from 'node:child_process';

/** Thrown when a testbed tool is missing or cannot reach what it needs; tests may turn it into a skip. */
export class TestbedUnavailableError extends Error {
  override readonly name = 'TestbedUnavailableError';
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Bytes written to the child's stdin. */
  readonly input?: string | Buffer;
  /** Kill the child after this many ms (default: none). */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * Runs a tool and collects its output; a non-zero exit rejects with the command line and the tail
 * of stderr (the tools used here say what went wrong on stderr). Arguments are never shell-parsed.
 * Callers must not put secrets in `args` when the error may be shown (skopeo --creds is the one
 * exception: see `redact`).
 */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    }
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      if (e.code === 'ENOENT') {
        reject(new TestbedUnavailableError(`${cmd} is not installed (the testbed needs it; see .ci/run)`));
      } else {
        reject(e);
      }
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) {
        resolve({ stdout: Buffer.concat(out), stderr });
        return;
      }
      const tail = stderr.trim().split('\n').slice(-15).join('\n');
      reject(new Error(`${redact([cmd, ...args]).join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
    child.stdin.end(options.input);
  });
}

/** Hides the value of `--creds`/`--src-creds`/`--dest-creds` so passwords never reach logs. */
export function redact(argv: readonly string[]): string[] {
  return argv.map((a) => a.replace(/^(--(?:src-|dest-)?creds[= ]).*$/, '$1***'));
}
