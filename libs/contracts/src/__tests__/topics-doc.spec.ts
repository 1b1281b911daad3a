import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TOPIC_CATALOG } from '../index';

/** The topic table of docs/topics.md, a row per topic, as the catalog's fields would print. */
function documentedTopics(): string[] {
  const doc = readFileSync(resolve(__dirname, '../../../../docs/topics.md'), 'utf8');
  return doc
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells[1]?.startsWith('`baton.'))
    .map(([, name, key, value, producer, consumers]) => {
      // A remark in brackets says who else reads the topic outside Baton's services.
      const readers = (consumers ?? '').replace(/\(.*\)/, '').trim();
      return [name?.replace(/`/g, ''), key, value, producer === 'CRM integrations' ? 'external' : producer, readers === '—' ? '' : readers].join(' | ');
    });
}

describe('docs/topics.md', () => {
  it('should list every topic of the catalog, in its order, with its key, value, producer and consumers', () => {
    expect(documentedTopics()).toEqual(TOPIC_CATALOG.map((topic) => [topic.name, topic.key, topic.value, topic.producer, topic.consumers.join(', ')].join(' | ')));
  });
});
