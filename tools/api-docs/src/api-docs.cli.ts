import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ASYNCAPI_DOCUMENT_PATH, renderAsyncApiDocument } from './asyncapi-document';

export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** The product's version, from the workspace's package.json: the documents' `info.version`. */
export function workspaceVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(resolve(WORKSPACE_ROOT, 'package.json'), 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null ? (manifest as { version?: unknown }).version : undefined;
  if (typeof version !== 'string') throw new Error('package.json has no version');
  return version;
}

/** `npm run api-docs`: regenerates the checked-in AsyncAPI document from the contracts and the topic catalog. */
export function writeApiDocs(): string {
  const path = resolve(WORKSPACE_ROOT, ASYNCAPI_DOCUMENT_PATH);
  writeFileSync(path, renderAsyncApiDocument(workspaceVersion()));
  return path;
}

if (require.main === module) {
  const path = writeApiDocs();
  process.stdout.write(`wrote ${path}\n`);
}
