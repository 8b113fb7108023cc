package io.vigil.web.bus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker (combined controller and broker) inside the test JVM. The topic is not made here:
 * the application creates it at start with {@link #PARTITIONS} partitions, and runs {@link #CONSUMERS} consumers.
 */
public class KafkaBroker implements QuarkusTestResourceLifecycleManager {

    public static final String TOPIC = "vigil-articles-test";
    public static final int PARTITIONS = 3;
    public static final int CONSUMERS = 2;

    static volatile KafkaClusterTestKit cluster;
    public static volatile String bootstrapServers;

    @Override
    public Map<String, String> start() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            cluster = kit;
            bootstrapServers = kit.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test Kafka broker", e);
        }
        return Map.of(
                "vigil.bus",
                "kafka",
                "vigil.bus.topic",
                TOPIC,
                "vigil.bus.ack-timeout",
                "PT3S",
                "vigil.bus.partitions",
                String.valueOf(PARTITIONS),
                "vigil.bus.consumers",
                String.valueOf(CONSUMERS),
                "kafka.bootstrap.servers",
                bootstrapServers);
    }

    /** Whether consumer group {@code group}'s committed offsets reached the end of every partition of the topic. */
    public static boolean consumedToEnd(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
            }
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                if ((done == null ? 0 : done.offset()) < end.getValue().offset()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Stops the broker; pushes must then answer 503. */
    static void stopBroker() throws Exception {
        KafkaClusterTestKit kit = cluster;
        cluster = null;
        if (kit != null) {
            kit.close();
        }
    }

    @Override
    public void stop() {
        try {
            stopBroker();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
