// Waits until a Kafka broker answers a metadata request: `node kafka-ready.mjs HOST:PORT TIMEOUT_SECONDS`.
import { Kafka, logLevel } from 'kafkajs';

const [brokers, timeoutSeconds = '60'] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutSeconds) * 1000;
const kafka = new Kafka({ clientId: 'baton-infra-ready', brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 1000 });

for (;;) {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    await admin.disconnect();
    if (cluster.brokers.length > 0) process.exit(0);
  } catch (error) {
    await admin.disconnect().catch(() => undefined);
    if (Date.now() > deadline) {
      console.error(`Kafka at ${brokers} not ready after ${timeoutSeconds}s: ${error.message}`);
      process.exit(1);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
