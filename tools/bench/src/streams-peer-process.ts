import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';

export interface StreamsPeerLaunch {
  readonly jar: string;
  readonly brokers: string;
  readonly applicationId: string;
  readonly modelFile: string;
  readonly stateDir: string;
  readonly outputTopic: string;
  readonly logFile: string;
  readonly threads: number;
  readonly guarantee: 'at_least_once' | 'exactly_once_v2';
  readonly producerLingerMs: number;
}

/** The JVM's heap: enough for the record cache (64 MiB) and the clients; RocksDB's memory is off-heap. */
const JVM_OPTIONS = ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-Djava.awt.headless=true'];

/** The Kafka Streams peer as a process of its own (its pid is the JVM's, for /proc figures). */
export class StreamsPeerProcess {
  private constructor(private readonly child: ChildProcess) {}

  get pid(): number {
    return this.child.pid as number;
  }

  /** Started, and resolved once Kafka Streams says RUNNING (partitions assigned, stores open). */
  static async start(launch: StreamsPeerLaunch, timeoutMs = 120_000): Promise<StreamsPeerProcess> {
    mkdirSync(dirname(launch.logFile), { recursive: true });
    const log = createWriteStream(launch.logFile);
    const args = [
      '--brokers',
      launch.brokers,
      '--application-id',
      launch.applicationId,
      '--model',
      launch.modelFile,
      '--state-dir',
      launch.stateDir,
      '--output',
      launch.outputTopic,
      '--threads',
      String(launch.threads),
      '--guarantee',
      launch.guarantee,
      '--linger-ms',
      String(launch.producerLingerMs),
    ];
    const child = spawn('java', [...JVM_OPTIONS, '-jar', launch.jar, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr?.pipe(log);
    const peer = new StreamsPeerProcess(child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the Kafka Streams peer was not RUNNING after ${timeoutMs} ms (see ${launch.logFile})`)), timeoutMs);
      let printed = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        if (printed.split('\n').includes('RUNNING')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the Kafka Streams peer exited (${code ?? signal}) before RUNNING (see ${launch.logFile})`));
      });
    });
    return peer;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM (Kafka Streams closes its stores and clients), SIGKILL if it has not exited after a while. */
  async stop(graceMs = 30_000): Promise<void> {
    if (!this.running) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
