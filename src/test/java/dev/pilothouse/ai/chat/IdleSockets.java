package dev.pilothouse.ai.chat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;

/**
 * Opens N idle chat sockets from a process of its own (for {@link ChatBenchmark}'s heap per idle
 * socket, so the clients' memory is not counted as the server's), prints "open" and holds them
 * until its standard input closes. Arguments: port, cookie header, origin, count.
 */
public final class IdleSockets {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[3]);
        var http = HttpClient.newHttpClient();
        var open = new ArrayList<ChatClient>();
        for (int i = 0; i < count; i++) open.add(ChatClient.open(http, port, args[1], args[2]));
        System.out.println("open " + open.size());
        System.out.flush();
        while (System.in.read() != -1) {
            // hold until the parent closes our stdin
        }
        open.forEach(ChatClient::abort);
    }
}
