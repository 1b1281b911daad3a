import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './baton-system';
import { waitFor } from './wait-for';

export interface RunExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Settings that would point a command at an infrastructure already running: a newcomer has none of them. */
const INHERITED_INFRASTRUCTURE = ['KAFKA_BROKERS', 'REDIS_URL', 'BATON_KAFKA_PORT', 'BATON_KAFKA_CONTROLLER_PORT', 'BATON_REDIS_PORT'];

/**
 * One of the project's npm commands run as a newcomer runs it on a fresh machine: an empty state directory of its
 * own (so a broker and a Redis started, formatted and filled for the first time), no infrastructure set in the
 * environment, no terminal, in a process group of its own, as a terminal runs a foreground job (`interrupt` is
 * the Ctrl-C that reaches the whole group).
 */
export class FreshRun {
  readonly stateDir = mkdtempSync(join(tmpdir(), 'baton-fresh-'));
  readonly exited: Promise<RunExit>;
  private output = '';
  private readonly child: ChildProcess;

  constructor(readonly npmArgs: readonly string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, BATON_STATE_DIR: this.stateDir, FORCE_COLOR: '0', NO_COLOR: '1' };
    for (const name of INHERITED_INFRASTRUCTURE) delete env[name];
    this.child = spawn('npm', [...npmArgs], { cwd: WORKSPACE_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** What the command printed so far, stdout and stderr together, as a terminal shows them. */
  get printed(): string {
    return this.output;
  }

  async waitForOutput(pattern: RegExp, timeoutMs = 120_000): Promise<void> {
    await waitFor(
      `${pattern} in the output of npm ${this.npmArgs.join(' ')}`,
      () => {
        if (pattern.test(this.output)) return true;
        if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`it exited first:\n${this.output.slice(-3000)}`);
        return undefined;
      },
      timeoutMs,
      50,
    );
  }

  /** Ctrl-C in the terminal: SIGINT to every process of the foreground group. */
  interrupt(): void {
    process.kill(-(this.child.pid as number), 'SIGINT');
  }

  async exit(timeoutMs: number): Promise<RunExit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`npm ${this.npmArgs.join(' ')} did not exit within ${timeoutMs} ms:\n${this.output.slice(-3000)}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Every process still running that this run started, in whichever group or session: whatever inherited its state
   * directory in the environment (npm, the scripts, Nx, the broker, the demo; the services are given it too), or
   * works in it (Redis, whose process title overwrites its environment).
   */
  leftovers(): string[] {
    const marker = `BATON_STATE_DIR=${this.stateDir}\0`;
    const found: string[] = [];
    for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
      try {
        const ours = readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker) || readlinkSync(`/proc/${pid}/cwd`).startsWith(this.stateDir);
        if (!ours) continue;
        found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ').trim()}`);
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
    return found;
  }

  /** Kills what is left (after a failed test) and removes the state directory. */
  cleanUp(): void {
    for (const line of this.leftovers()) {
      try {
        process.kill(Number(line.split(' ')[0]), 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
