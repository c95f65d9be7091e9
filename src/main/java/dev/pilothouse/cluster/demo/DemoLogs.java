package dev.pilothouse.cluster.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The log text of the demo's containers, current and previous (the crashed instance). */
final class DemoLogs {

    private record Key(String namespace, String pod, String container, boolean previous) {}

    private final Map<Key, String> logs = new ConcurrentHashMap<>();

    void put(String namespace, String pod, String container, String current, String previous) {
        if (current != null) logs.put(new Key(namespace, pod, container, false), current);
        if (previous != null) logs.put(new Key(namespace, pod, container, true), previous);
    }

    /** @return null when that container has no such log (waiting, or never restarted) */
    String text(String namespace, String pod, String container, boolean previous) {
        return logs.get(new Key(namespace, pod, container, previous));
    }
}
