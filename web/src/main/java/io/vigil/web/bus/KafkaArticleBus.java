package io.vigil.web.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vigil.engine.extract.ExtractedArticle;
import io.vigil.engine.fingerprint.Fingerprinter;
import io.vigil.engine.ingest.ArticleBus;
import io.vigil.engine.ingest.DocumentOutcome;
import io.vigil.engine.ingest.Durability;
import io.vigil.engine.ingest.IngestPipeline;
import io.vigil.engine.ingest.SourceRef;
import io.vigil.engine.input.LoggedText;
import io.vigil.spi.source.RawDocument;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Kafka as the article bus ({@code vigil.bus=kafka}, docs/scaling.md): sources and pushes publish each document to
 * {@code vigil.bus.topic}, keyed by the content hash of its first article's cleaned title and text, and answer only
 * once the broker acknowledged the write (acks=all, idempotent producer, bounded by {@code vigil.bus.ack-timeout}).
 * Every instance also consumes the topic in one consumer group ({@code vigil.bus.group}): a partition's documents go
 * through the ordinary prepare/store pipeline into PostgreSQL, and its offsets are committed only after the store
 * committed, so a crash redelivers and the store's per-outlet content-hash key keeps the redelivery from storing twice.
 *
 * <p>The Kafka clients get the {@code kafka.*} settings (bootstrap servers, security) that Quarkus Messaging's Kafka
 * connector reads too. With the default {@code vigil.bus=postgres} no client is created and nothing connects.
 */
@ApplicationScoped
public class KafkaArticleBus implements ArticleBus {

    private static final Logger LOG = Logger.getLogger(KafkaArticleBus.class);

    @ConfigProperty(name = "vigil.bus", defaultValue = "postgres")
    String bus;

    @ConfigProperty(name = "vigil.bus.topic", defaultValue = "vigil-articles")
    String topic;

    @ConfigProperty(name = "vigil.bus.group", defaultValue = "vigil")
    String group;

    @ConfigProperty(name = "vigil.bus.ack-timeout", defaultValue = "PT5S")
    Duration ackTimeout;

    @ConfigProperty(name = "vigil.bus.consume", defaultValue = "true")
    boolean consume;

    /** Consumers this instance runs in the group, each on its own thread; partitions are spread over all of them. */
    @ConfigProperty(name = "vigil.bus.consumers", defaultValue = "1")
    int consumers;

    @ConfigProperty(name = "vigil.bus.create-topic", defaultValue = "true")
    boolean createTopic;

    /** Partitions of a topic Vigil creates: the most matching consumers, over all instances, that can share it. */
    @ConfigProperty(name = "vigil.bus.partitions", defaultValue = "12")
    int partitions;

    /** Replication of a topic Vigil creates; unset takes the broker's {@code default.replication.factor}. */
    @ConfigProperty(name = "vigil.bus.replication-factor")
    Optional<Short> replicationFactor;

    @Inject
    @Identifier("default-kafka-broker")
    Instance<Map<String, Object>> kafkaConfig;

    @Inject
    IngestPipeline pipeline;

    @Inject
    ObjectMapper json;

    private final Fingerprinter fingerprinter = new Fingerprinter();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile KafkaProducer<String, byte[]> producer;
    private final List<KafkaConsumer<String, byte[]>> consumerClients = new ArrayList<>();
    private final List<Thread> consumerThreads = new ArrayList<>();

    /** One document on the bus, with where it came from. */
    public record Envelope(SourceRef source, RawDocument document) {}

    @Override
    public boolean active() {
        return "kafka".equals(bus);
    }

    void start(@Observes StartupEvent event) {
        if (!active()) {
            if (!"postgres".equals(bus)) {
                throw new IllegalStateException("vigil.bus must be postgres or kafka, not '" + bus + "'");
            }
            return;
        }
        if (consumers < 1) {
            throw new IllegalStateException("vigil.bus.consumers must be at least 1, not " + consumers);
        }
        if (createTopic) {
            ensureTopic();
        }
        startProducer();
        if (consume) {
            startConsumer();
        }
        LOG.infof(
                "article bus: Kafka topic %s, consumer group %s%s",
                topic, group, consume ? ", " + consumers + " consumer(s)" : " (not consuming)");
    }

    /**
     * Creates the topic when it does not exist, with {@code vigil.bus.partitions} partitions, so a first start needs
     * no step of its own and does not depend on the broker's {@code auto.create.topics.enable} and its default count.
     * Never fails start-up: a broker not reachable yet, or a user not allowed to create topics, is said in one log
     * line with what to do, and pushes answer 503 until the topic is there.
     */
    private void ensureTopic() {
        Map<String, Object> config = clientConfig();
        long bound = Math.max(1_000, ackTimeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) bound);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) bound);
        String create = "kafka-topics.sh --create --topic " + topic + " --partitions " + partitions
                + replicationFactor.map(r -> " --replication-factor " + r).orElse("");
        try (Admin admin = Admin.create(config)) {
            try {
                int existing = admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(bound, TimeUnit.MILLISECONDS)
                        .get(topic)
                        .partitions()
                        .size();
                if (consume && existing < consumers) {
                    LOG.warnf(
                            "article bus: topic %s has %d partition(s), fewer than this instance's %d consumers:"
                                    + " the others stay idle (add partitions with kafka-topics.sh --alter)",
                            topic, existing, consumers);
                }
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), replicationFactor)))
                        .all()
                        .get(bound, TimeUnit.MILLISECONDS);
                LOG.infof("article bus: created topic %s with %d partitions", topic, partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another instance may have just created it; anything else is said below
                }
            }
        } catch (ExecutionException e) {
            LOG.errorf(
                    "article bus: topic %s does not exist and Vigil could not create it (%s); create it with `%s`,"
                            + " or set vigil.bus.create-topic=false if the broker creates topics. Until it exists,"
                            + " pushes answer 503",
                    topic, LoggedText.of(e.getCause()), create);
        } catch (TimeoutException | RuntimeException e) {
            LOG.errorf(
                    "article bus: could not check topic %s on the broker (%s); pushes answer 503 until the broker"
                            + " answers and the topic exists (create it with `%s`)",
                    topic, LoggedText.of(e), create);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopConsumer();
        KafkaProducer<String, byte[]> p = producer;
        producer = null;
        if (p != null) {
            p.close(Duration.ofSeconds(5));
        }
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (kafkaConfig.isResolvable()) {
            config.putAll(kafkaConfig.get());
        }
        return config;
    }

    private void startProducer() {
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long bound = ackTimeout.toMillis();
        // A broker that is down must not block a push longer than the bound: metadata waits and delivery both end.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, bound);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, bound / 2));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) bound);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(config);
    }

    /** Starts this instance's members of the consumer group; a restart redelivers what was not committed. */
    public synchronized void startConsumer() {
        if (running.get()) {
            return;
        }
        running.set(true);
        for (int i = 0; i < consumers; i++) {
            Map<String, Object> config = clientConfig();
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config);
            c.subscribe(List.of(topic));
            consumerClients.add(c);
            consumerThreads.add(
                    Thread.ofPlatform().name("vigil-bus-consumer-" + (i + 1)).start(() -> consumeLoop(c)));
        }
    }

    /** Stops consuming without committing anything further. */
    public synchronized void stopConsumer() {
        if (!running.getAndSet(false)) {
            return;
        }
        consumerClients.forEach(KafkaConsumer::wakeup);
        try {
            for (Thread thread : consumerThreads) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumerClients.clear();
        consumerThreads.clear();
    }

    @Override
    public void publishAll(List<RawDocument> documents, SourceRef source) {
        KafkaProducer<String, byte[]> p = producer;
        if (p == null) {
            throw new BusUnavailableException("the article bus is not running", null);
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(documents.size());
        try {
            // Keys and values first: extracting a batch of 500 takes its own time, which is not the broker's to bound.
            for (RawDocument document : documents) {
                records.add(new ProducerRecord<>(
                        topic, key(document), json.writeValueAsBytes(new Envelope(source, document))));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a document for the bus", e);
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Future<RecordMetadata>> sent = new ArrayList<>(documents.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                sent.add(p.send(record));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new BusUnavailableException(
                    "the Kafka broker did not acknowledge within " + ackTimeout + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusUnavailableException("interrupted while waiting for the broker", e);
        }
    }

    /**
     * The partition key: the content hash of the document's first article, cleaned as the pipeline cleans it (the
     * same hash story placement keys exact copies on). Exact copies from any outlet meet in one partition; near
     * copies with edited text may not, and story placement's own locks keep them in one story then.
     */
    String key(RawDocument document) {
        try {
            ExtractedArticle first = pipeline.extract(document).get(0);
            return fingerprinter.of(first.title(), first.body()).contentHash();
        } catch (RuntimeException unusable) {
            // The consumer reports it unusable; any key will do.
            return document.externalId();
        }
    }

    private void consumeLoop(KafkaConsumer<String, byte[]> c) {
        try {
            while (running.get()) {
                try {
                    consumeOnce(c);
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    // A failed commit (a rebalance, a broker away) or poll: what was not committed comes again, and
                    // storing it again stores nothing twice.
                    LOG.warnf("article bus: consuming failed, retrying: %s", LoggedText.of(e));
                    sleepQuietly();
                }
            }
        } catch (WakeupException stopping) {
            // stopConsumer
        } finally {
            c.close(Duration.ofSeconds(5));
        }
    }

    private void consumeOnce(KafkaConsumer<String, byte[]> c) {
        ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            if (store(batch)) {
                long next = batch.get(batch.size() - 1).offset() + 1;
                c.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
            } else {
                // Not stored: read the partition again from its first uncommitted record, after a pause.
                c.seek(partition, batch.get(0).offset());
                sleepQuietly();
            }
        }
    }

    /** Stores one partition's records in order; false when any failed (nothing is committed then). */
    private boolean store(List<ConsumerRecord<String, byte[]>> records) {
        Map<SourceRef, List<RawDocument>> bySource = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Envelope envelope = json.readValue(record.value(), Envelope.class);
                bySource.computeIfAbsent(envelope.source(), s -> new ArrayList<>())
                        .add(envelope.document());
            } catch (IOException | RuntimeException e) {
                LOG.warnf(
                        "article bus: record %s-%d@%d is not a document, skipped: %s",
                        record.topic(), record.partition(), record.offset(), LoggedText.of(e.getMessage()));
            }
        }
        boolean ok = true;
        for (Map.Entry<SourceRef, List<RawDocument>> group : bySource.entrySet()) {
            List<DocumentOutcome> outcomes;
            try {
                outcomes = pipeline.ingestAll(group.getValue(), group.getKey(), Durability.ACKNOWLEDGED);
            } catch (RuntimeException e) {
                LOG.warnf(
                        "article bus: storing from %s failed, will retry: %s",
                        LoggedText.of(group.getKey().name()), LoggedText.of(e));
                return false;
            }
            for (int i = 0; i < outcomes.size(); i++) {
                switch (outcomes.get(i)) {
                    case DocumentOutcome.Stored stored -> {}
                    case DocumentOutcome.Unusable unusable ->
                        LOG.infof(
                                "article bus: %s from %s unusable: %s",
                                LoggedText.of(group.getValue().get(i).externalId()),
                                LoggedText.of(group.getKey().name()),
                                LoggedText.of(unusable.reason()));
                    case DocumentOutcome.Failed failed -> {
                        LOG.warnf(
                                "article bus: %s from %s not stored, will retry: %s",
                                LoggedText.of(group.getValue().get(i).externalId()),
                                LoggedText.of(group.getKey().name()),
                                LoggedText.of(failed.error()));
                        ok = false;
                    }
                }
            }
        }
        return ok;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
