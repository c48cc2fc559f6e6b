import java.io.BufferedReader;
import java.io.InputStreamReader;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * The OpenSearch tests' cluster, started by OpenSearchCluster (newsdesk's tests) in its own JVM as a
 * single-file program on the classpath this folder's pom builds. Arguments: base folder, base HTTP port
 * (node i listens on base + i), number of nodes, cluster name (its own per run, so that its nodes never
 * join another cluster on the machine). Each line "stop" on standard input stops one node that
 * is not the cluster manager, so the cluster carries on; the end of input stops the rest and exits.
 */
public class TestCluster {

    public static void main(String[] args) throws Exception {
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild((number, settings) -> settings
                .put("network.host", "127.0.0.1")
                // A nearly full disk on a build machine must not keep shards from being allocated.
                .put("cluster.routing.allocation.disk.threshold_enabled", false));
        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(args[0])
                    .baseHttpPort(Integer.parseInt(args[1]))
                    .numOfNode(Integer.parseInt(args[2]))
                    .clusterName(args[3])
                    .pluginTypes("org.opensearch.knn.plugin.KNNPlugin"));
        } catch (RuntimeException e) {
            // A node that did not start (its port taken) leaves the others running: exit, so that the
            // tests see the cluster gone and start another on other ports.
            e.printStackTrace();
            System.exit(1);
        }
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            if (line.strip().equals("stop")) {
                runner.nonMasterNode().close();
            }
        }
        runner.close();
        System.exit(0);
    }
}
