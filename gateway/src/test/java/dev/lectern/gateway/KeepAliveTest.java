package dev.lectern.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Clients reuse connections: a long run of requests on one keep-alive connection must all be answered.
 * Guards against reactor-netty's lost-read stall (issues #4361/#4188), which the gateway works around.
 */
class KeepAliveTest extends GatewayTestSupport {

    @Test
    void manyRequestsOnOneKeepAliveConnectionAreAllAnswered() throws IOException {
        List<String> requests = List.of(
                "GET /docs/api-docs/swagger-config HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /docs HTTP/1.1\r\nHost: x\r\n\r\n",
                "OPTIONS /api/v1/courses HTTP/1.1\r\nHost: x\r\nOrigin: " + ALLOWED_ORIGIN
                        + "\r\nAccess-Control-Request-Method: GET\r\n\r\n",
                "GET /api/v1/nothing-here HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/courses HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.10.0.1\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 400; i++) {
                String request = requests.get(i % requests.size());
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String what = "response " + i + " to " + request.lines().findFirst().orElseThrow();
                try {
                    assertThat(readResponse(in)).as(what).isPositive();
                } catch (IOException e) {
                    throw new AssertionError(what + ": " + e, e);
                }
            }
        }
    }

    /** Reads one HTTP/1.1 response (Content-Length or chunked) and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                throw new IOException("the server asked to close the connection after " + statusLine);
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(), 16)) {
                in.readNBytes((int) size);
                line(in);
            }
            line(in);
        } else {
            in.readNBytes((int) length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
