package dev.baton.streamspeer;

import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams peer of `npm run bench`: the engagement topic scored per lead with a RocksDB store per lead
 * (Processor API), each new event making one score change on a topic of its own. Prints "RUNNING" once it
 * processes, so the bench produces only then; stops on SIGTERM.
 *
 * <p>Usage: java -jar streams-peer.jar --brokers host:port --application-id id --model model.json
 * --state-dir dir [--input topic] [--output topic] [--threads n] [--guarantee at_least_once|exactly_once_v2]
 * [--linger-ms n]
 */
public final class StreamsPeer {
  private StreamsPeer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    PeerModel model = PeerModel.read(new File(required(options, "model")));
    String input = options.getOrDefault("input", "baton.engagement-events.v1");
    String output = options.getOrDefault("output", "baton.bench.peer-scores.v1");

    Topology topology = new Topology();
    topology.addSource("engagement-events", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), input);
    topology.addProcessor("score", () -> new ScoreProcessor(model), "engagement-events");
    // RocksDB stores with their changelogs (the default), and the record cache, which the Processor API uses only
    // for stores built with it: a hot lead's writes between two commits reach RocksDB and the changelog once.
    for (String store : new String[] {ScoreProcessor.LEADS_STORE, ScoreProcessor.SEEN_STORE}) {
      topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), "score");
    }
    topology.addSink("score-changes", output, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "score");

    KafkaStreams streams = new KafkaStreams(topology, properties(options));
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) System.out.println("RUNNING");
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) stopped.countDown();
    });
    streams.setUncaughtExceptionHandler((error) -> {
      System.err.println("streams-peer failed: " + error);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    Runtime.getRuntime().addShutdownHook(new Thread(streams::close));
    streams.start();
    stopped.await();
    System.exit(streams.state() == KafkaStreams.State.ERROR ? 1 : 0);
  }

  /** The tuning docs/benchmarking.md explains ("The Kafka Streams peer"). */
  static Properties properties(Map<String, String> options) {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, required(options, "application-id"));
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, required(options, "brokers"));
    properties.put(StreamsConfig.STATE_DIR_CONFIG, required(options, "state-dir"));
    // One stream thread per core: the six partitions' tasks are shared by the two threads.
    properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.getOrDefault("threads", "2"));
    // The record cache (split between the threads), in front of RocksDB and the changelogs; 10 MiB by default.
    properties.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, String.valueOf(64L * 1024 * 1024));
    String guarantee = options.getOrDefault("guarantee", StreamsConfig.AT_LEAST_ONCE);
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    // The defaults for the guarantee (30 s at least once, 100 ms exactly once), stated so they show here.
    properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, guarantee.equals(StreamsConfig.AT_LEAST_ONCE) ? "30000" : "100");
    // Kafka Streams' producer default (100 ms) fills batches under a backlog; the bench's latency runs ask for 0.
    properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), options.getOrDefault("linger-ms", "100"));
    properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    // The bench commits the group's start offsets before the peer starts (Admin, as for a classic consumer group);
    // without them it would read the topic from its beginning.
    properties.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic");
    properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return properties;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --option value, got " + args[i]);
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) throw new IllegalArgumentException("--" + name + " is required");
    return value;
  }
}
