import java.io.BufferedReader;
import java.io.InputStreamReader;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * The OpenSearch tests' cluster, started by OpenSearchCluster (newsdesk's tests) in its own JVM as a
 * single-file program on the classpath this folder's pom builds. Arguments: base folder, base HTTP port
 * (node i listens on base + i, or the program exits with 1), number of nodes, cluster name (its own per
 * run, so that its nodes never join another cluster on the machine). Each line "stop" on standard input
 * stops one node that is not the cluster manager, so the cluster carries on; "start" starts the stopped
 * nodes again, on their ports and data, so that a test can leave the cluster as it found it; the end of
 * input stops the rest and exits.
 */
public class TestCluster {

    public static void main(String[] args) throws Exception {
        OpenSearchRunner runner = new OpenSearchRunner();
        int base = Integer.parseInt(args[1]);
        runner.onBuild((number, settings) -> settings
                .put("network.host", "127.0.0.1")
                // Exactly this port: the runner would move on to the next free one (another test run may have
                // taken it), where the tests would not look, and they would talk to the other run's cluster.
                .put("http.port", base + number)
                // Snapshots go to <base folder>/snapshots, shared by the nodes as a network folder would be.
                .putList("path.repo", java.nio.file.Path.of(args[0], "snapshots").toAbsolutePath().toString())
                // A nearly full disk on a build machine must not keep shards from being allocated.
                .put("cluster.routing.allocation.disk.threshold_enabled", false));
        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(args[0])
                    .baseHttpPort(base)
                    .numOfNode(Integer.parseInt(args[2]))
                    .clusterName(args[3])
                    .pluginTypes("org.opensearch.knn.plugin.KNNPlugin"));
        } catch (RuntimeException e) {
            // The nodes already started would keep the JVM alive: exit, so that the tests try other ports.
            e.printStackTrace();
            System.exit(1);
        }
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            if (line.strip().equals("stop")) {
                runner.nonMasterNode().close();
            } else if (line.strip().equals("start")) {
                for (int i = 0; i < runner.getNodeSize(); i++) {
                    runner.startNode(i); // false, and nothing done, for a node that is running
                }
            }
        }
        runner.close();
        System.exit(0);
    }
}
