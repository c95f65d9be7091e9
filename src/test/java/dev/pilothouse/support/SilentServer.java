package dev.pilothouse.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A port on loopback that accepts connections and never answers: what an API server behind a
 * dead load balancer looks like. Closing it closes every accepted connection.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> accepted = new ArrayList<>();

    public SilentServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String kubeconfig(String context) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: silent
                  cluster:
                    server: https://127.0.0.1:%d
                    insecure-skip-tls-verify: true
                users:
                - name: robot
                  user:
                    token: secret-token-abc123
                contexts:
                - name: %s
                  context:
                    cluster: silent
                    user: robot
                current-context: %s
                """.formatted(port(), context, context);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        synchronized (accepted) {
            for (Socket s : accepted) s.close();
        }
    }
}
