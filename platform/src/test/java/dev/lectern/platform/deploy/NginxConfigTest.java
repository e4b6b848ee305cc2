package dev.lectern.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/nginx/nginx.conf, the compose edge proxy: valid for nginx itself, and in step with the gateway. */
class NginxConfigTest {

    private static final Path CONFIG = Repository.ROOT.resolve("deploy/nginx/nginx.conf");
    private final String config = Repository.read("deploy/nginx/nginx.conf");

    @Test
    void nginxAcceptsTheConfiguration(@TempDir Path prefix) throws Exception {
        Path nginx = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"), new String[] {"/usr/sbin"})
                .flatMap(Stream::of).map(dir -> Path.of(dir, "nginx")).filter(Files::isExecutable).findFirst().orElse(null);
        if (nginx == null) {
            String message = "nginx is not installed (apt-get install -y nginx; .ci/run installs it)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        Process process = new ProcessBuilder(nginx.toString(), "-t", "-q", "-p", prefix.toString(), "-c", CONFIG.toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void resolvesTheGatewayReplicasWhileRunning() {
        assertThat(config).contains("resolver 127.0.0.11 valid=10s");
        assertThat(config).containsPattern("set \\$gateway http://gateway:8080;");
        assertThat(config).doesNotContainPattern("proxy_pass http://gateway"); // a literal name is resolved once, at start
        assertThat(Pattern.compile("proxy_pass \\$gateway;").matcher(config).results().count()).isEqualTo(2);
    }

    @Test
    void replacesXForwardedForWithTheAddressItSaw() {
        assertThat(config).contains("proxy_set_header X-Forwarded-For $remote_addr;");
        assertThat(config).doesNotContain("$proxy_add_x_forwarded_for");
    }

    @Test
    void streamsUploadsUpToAboveTheGatewaysOwnLimit() {
        assertThat(config).contains("proxy_request_buffering off;");
        long nginxLimit = bytes(directive("client_max_body_size"));
        long gatewayLimit = bytes(ServiceVariables.defaultOf("gateway", "LECTERN_MAX_UPLOAD_SIZE"));
        assertThat(nginxLimit).isGreaterThan(gatewayLimit);
    }

    @Test
    void waitsForAnUploadAsLongAsTheGatewayDoes() {
        Matcher upload = Pattern.compile("location ~ \\^/api/v1/courses/\\[\\^/]\\+/lectures/\\(upload\\|batch-upload\\)\\$ \\{[^}]*"
                + "proxy_read_timeout (\\d+)h;").matcher(config);
        assertThat(upload.find()).as("upload location with its read timeout").isTrue();
        long gatewayMillis = Long.parseLong(ServiceVariables.defaultOf("gateway", "LECTERN_UPLOAD_RESPONSE_TIMEOUT_MS"));
        assertThat(Long.parseLong(upload.group(1)) * 3_600_000).isGreaterThanOrEqualTo(gatewayMillis);
    }

    /** nginx's {@code 6g} and Spring's {@code 5GB}: binary units both. */
    private static long bytes(String size) {
        Matcher m = Pattern.compile("(?i)(\\d+)([kmg])b?").matcher(size);
        assertThat(m.matches()).as(size).isTrue();
        int shift = switch (Character.toLowerCase(m.group(2).charAt(0))) {
            case 'k' -> 10;
            case 'm' -> 20;
            default -> 30;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private String directive(String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + name + " (\\S+);").matcher(config);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }
}
