package dev.outlet.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outlet.server.testkit.ServedOutlet;
import dev.outlet.server.testkit.TestServer;
import dev.outlet.storage.TestZips;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code outlet serve --data-dir data}, a path relative to where the user typed it: sandboxes start
 * in other working directories, yet find their code, on both ways a cold start takes (a launch stub
 * for a small package, a direct start for one of many files).
 */
class RelativeDataDirTest {
  @TempDir Path cwd;

  @Test
  void aRelativeDataDirectoryServesFunctionsOnBothLaunchPaths() throws Exception {
    ServedOutlet outlet = ServedOutlet.start(Path.of("data"), cwd);
    try (LambdaClient lambda = TestServer.client(outlet.endpoint())) {
      String runtime = IsolationTest.COMMAND_RUNTIME.replace("sh -c \"$HANDLER_CMD\"", "echo ok");
      TestZips small = TestZips.zip().executable("bootstrap", runtime);
      TestZips many = TestZips.zip().executable("bootstrap", runtime);
      for (int i = 0; i < 70; i++) {
        many.file("assets/a" + i + ".txt", "x", 0644);
      }
      for (String name : new String[] {"small", "many"}) {
        byte[] zip = (name.equals("small") ? small : many).bytes();
        lambda.createFunction(
            b ->
                b.functionName(name)
                    .runtime("provided.al2")
                    .role(TestServer.ROLE)
                    .handler("main")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        InvokeResponse r = lambda.invoke(b -> b.functionName(name));
        assertThat(r.functionError()).as("%s: %s", name, r.payload().asUtf8String()).isNull();
        assertThat(r.payload().asUtf8String().strip()).isEqualTo("ok");
      }
      assertThat(Files.isDirectory(cwd.resolve("data/code"))).isTrue();
    } finally {
      outlet.stop();
    }
  }
}
