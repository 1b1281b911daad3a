import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { WORKSPACE_ROOT } from '@baton/testing';

const PROJECT = resolve(WORKSPACE_ROOT, 'tools/streams-peer');

/**
 * The peer's runnable jar, built with Maven once per version of its sources and kept in ~/.cache/baton (where the
 * broker jars are), so that a bench run after the first costs no build.
 */
export function streamsPeerJar(progress: (line: string) => void): string {
  const cached = join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'baton', `streams-peer-${sourceHash()}.jar`);
  if (existsSync(cached)) return cached;
  progress(`building the Kafka Streams peer (mvn package, ${PROJECT})`);
  try {
    execFileSync('mvn', ['-q', '-B', '-Dstyle.color=never', '-f', join(PROJECT, 'pom.xml'), 'package'], { stdio: 'pipe', encoding: 'utf8' });
  } catch (error: unknown) {
    const output = (error as { stdout?: string; stderr?: string }).stdout ?? '';
    throw new Error(`mvn package of the Kafka Streams peer failed:\n${output.slice(-4000)}${(error as { stderr?: string }).stderr ?? ''}`);
  }
  mkdirSync(resolve(cached, '..'), { recursive: true });
  copyFileSync(join(PROJECT, 'target/streams-peer.jar'), `${cached}.partial`);
  renameSync(`${cached}.partial`, cached);
  return cached;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [join(PROJECT, 'pom.xml'), ...filesUnder(join(PROJECT, 'src'))]) hash.update(file.slice(PROJECT.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}
