package dev.lectern.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running in this JVM.
 * Stop and start again keep the ports and the log directory, like a broker restart.
 */
public final class KafkaInstance extends PortBoundServer<KafkaRaftServer> {

    public static final String PORT_ENV = "KAFKA_PORT";
    public static final String CONTROLLER_PORT_ENV = "KAFKA_CONTROLLER_PORT";
    public static final int DEFAULT_PORT = 19092;
    public static final int DEFAULT_CONTROLLER_PORT = 19093;

    private static final int NODE_ID = 1;

    private final int defaultPartitions;
    private int controllerPort;

    /** A throwaway broker on free ports with one partition per auto-created topic. */
    public KafkaInstance() {
        this(0, 0, null, 1);
    }

    /**
     * @param port              broker port, 0 for a free one
     * @param controllerPort    KRaft controller port, 0 for a free one
     * @param dataDir           log directory, null for a temporary one deleted on close
     * @param defaultPartitions partitions of auto-created topics
     */
    public KafkaInstance(int port, int controllerPort, Path dataDir, int defaultPartitions) {
        super(port, PORT_ENV, dataDir, "kafka");
        this.controllerPort = controllerPort;
        this.defaultPartitions = defaultPartitions;
    }

    @Override
    protected KafkaRaftServer launch() {
        if (controllerPort == 0) {
            do {
                controllerPort = Ports.freePort();
            } while (controllerPort == port);
        } else {
            Ports.requireFree(controllerPort, name() + " controller", CONTROLLER_PORT_ENV);
        }
        String logDir = dataDir().path().toString();
        KafkaRaftServer raftServer;
        try {
            formatIfNeeded(logDir);
            raftServer = new KafkaRaftServer(KafkaConfig.fromProps(config(logDir)), Time.SYSTEM);
            raftServer.startup();
        } catch (RuntimeException e) {
            throw new IllegalStateException(name() + " failed to start on port " + port + " (log dir " + logDir + ")", e);
        } catch (Exception e) {
            throw new IllegalStateException(name() + " failed to format its log dir " + logDir, e);
        }
        awaitReady();
        return raftServer;
    }

    @Override
    protected void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private void formatIfNeeded(String logDir) throws Exception {
        if (Files.exists(Path.of(logDir, "meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir))
                .setMetadataLogDirectory(logDir)
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
    }

    private Properties config(String logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir);
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", String.valueOf(defaultPartitions));
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("controlled.shutdown.enable", "false");
        return p;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for " + name(), e);
                }
            }
        }
        throw new IllegalStateException(name() + " did not become ready on port " + port, last);
    }

    public int controllerPort() {
        return controllerPort;
    }

    @Override
    public String name() {
        return "Kafka";
    }

    /** Value for {@code bootstrap.servers} / {@code KAFKA_BOOTSTRAP_SERVERS}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    /** Creates the topics with the given partition count; topics that already exist are left as they are. */
    public void createTopics(int partitions, String... topics) {
        List<NewTopic> newTopics = java.util.Arrays.stream(topics)
                .map(t -> new NewTopic(t, partitions, (short) 1))
                .toList();
        try (Admin admin = admin()) {
            for (var entry : admin.createTopics(newTopics).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics", e);
        }
    }
}
