package org.ogptoolbox.searchengine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch 2.19 on 127.0.0.1 for development and CI, from Maven Central jars on the
 * classpath: no distribution tarball, no security plugin, no bootstrap checks (those belong to
 * OpenSearch's Bootstrap entry point, which this does not use).
 *
 * <p>Usage: {@code java -cp target/search-engine.jar:target/lib/* org.ogptoolbox.searchengine.LocalOpenSearch [http-port]}.
 * The HTTP port comes from the argument, else {@code OPENSEARCH_PORT}, else 9200; the transport port
 * from {@code OPENSEARCH_TRANSPORT_PORT}, else 0 (any free port: nothing joins this node). The data
 * live in a temporary folder removed when the node stops (SIGTERM or SIGINT). The log goes to
 * standard output; site/search-engine.sh sends it to a file.
 */
public final class LocalOpenSearch {

    private static final String CLUSTER_NAME = "ogp-toolbox-dev";
    private static final String NODE_NAME = "ogp-toolbox-dev-node";

    /** Node's constructor with classpath plugins is protected: this subclass only makes it reachable. */
    static final class ClasspathPluginsNode extends Node {
        ClasspathPluginsNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private LocalOpenSearch() {}

    public static void main(String[] args) throws Exception {
        int httpPort = port(args.length > 0 ? args[0] : System.getenv("OPENSEARCH_PORT"), 9200, "HTTP port");
        int transportPort = port(System.getenv("OPENSEARCH_TRANSPORT_PORT"), 0, "transport port");

        Path root = Files.createTempDirectory("ogp-toolbox-opensearch-");
        Path home = root.resolve("home");
        Path config = home.resolve("config");
        // Empty on purpose: the plugins come from the classpath, so no plugin descriptors or jar-hell checks.
        Files.createDirectories(home.resolve("modules"));
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(config);
        Files.writeString(config.resolve("log4j2.properties"), String.join("\n",
            "status = error",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n",
            "rootLogger.level = info",
            "rootLogger.appenderRef.console.ref = console",
            // Deprecation warnings still reach the client as Warning headers; keep them out of the log.
            "logger.deprecation.name = org.opensearch.deprecation",
            "logger.deprecation.level = error",
            ""), StandardCharsets.UTF_8);

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", root.resolve("data").toString())
            .put("path.logs", root.resolve("logs").toString())
            .put("cluster.name", CLUSTER_NAME)
            .put("node.name", NODE_NAME)
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            // A nearly full CI disk would otherwise block shard allocation (red or yellow for ever).
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> NODE_NAME);

        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(NODE_NAME);
        LogConfigurator.configure(environment);

        List<Class<? extends Plugin>> plugins = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);
        Node node;
        try {
            node = new ClasspathPluginsNode(environment, plugins);
        } catch (Exception | Error e) {
            LogManager.getLogger(LocalOpenSearch.class).error("the node could not be built", e);
            deleteTree(root);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                    LogManager.getLogger(LocalOpenSearch.class).warn("the node did not close within 30 s");
                }
            } catch (IOException | InterruptedException e) {
                LogManager.getLogger(LocalOpenSearch.class).warn("closing the node failed", e);
            } finally {
                deleteTree(root);
                LogManager.getLogger(LocalOpenSearch.class).info("stopped; removed {}", root);
                // log4j's own shutdown hook is off (-Dlog4j.shutdownHookEnabled=false) so that it
                // cannot stop logging while the node is closing: stop it here, last.
                Configurator.shutdown((org.apache.logging.log4j.core.LoggerContext) LogManager.getContext(false));
                stopped.countDown();
            }
        }, "ogp-toolbox-opensearch-shutdown"));

        try {
            node.start();
        } catch (Exception | Error e) {
            LogManager.getLogger(LocalOpenSearch.class).error("the node failed to start", e);
            System.exit(1); // runs the hook: closes what started, removes the folder
        }
        LogManager.getLogger(LocalOpenSearch.class).info(
            "ready on http://127.0.0.1:{} (data in {})", httpPort, root);
        stopped.await();
    }

    private static int port(String value, int fallback, String what) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("Not a port number for the " + what + ": " + value);
        System.exit(2);
        return fallback;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Could not remove " + root + ": " + e);
        }
    }
}
