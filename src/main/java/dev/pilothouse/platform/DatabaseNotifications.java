package dev.pilothouse.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the other replicas that something they cache changed (roles, the AI configuration), with
 * PostgreSQL's LISTEN/NOTIFY. A notification sent inside a transaction is delivered when it
 * commits, so nobody reloads before the change is visible. The listener holds one connection of
 * its own (not one of the pool's) and reconnects after a failure; after reconnecting it calls every
 * subscriber, since notifications sent meanwhile are lost. Caches keep their own expiry as well,
 * so a listener that is down costs freshness, never correctness.
 */
@Component
public class DatabaseNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_]{1,63}");

    private final DataSourceProperties database;
    private final JdbcClient jdbc;
    private final Map<String, List<Runnable>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread listener;

    DatabaseNotifications(DataSourceProperties database, JdbcClient jdbc) {
        this.database = database;
        this.jdbc = jdbc;
    }

    /** Runs {@code onChange} (on the listener's thread; keep it short) whenever {@code channel} is notified. */
    public void subscribe(String channel, Runnable onChange) {
        if (!CHANNEL.matcher(channel).matches()) throw new IllegalArgumentException("bad channel name: " + channel);
        if (running) throw new IllegalStateException("subscribe before the application starts: " + channel);
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(onChange);
    }

    /** Notifies every replica, this one included, when the current transaction commits (at once outside one). */
    public void publish(String channel) {
        jdbc.sql("SELECT pg_notify(:channel, '')").param("channel", channel).query(row -> {});
    }

    @Override
    public void start() {
        running = true;
        if (subscribers.isEmpty()) return;
        listener = Thread.ofVirtual().name("db-notifications").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = listener;
        if (t != null) t.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try (Connection connection = DriverManager.getConnection(
                    database.determineUrl(), database.determineUsername(), database.determinePassword())) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : subscribers.keySet()) statement.execute("LISTEN " + channel);
                }
                backoff = Duration.ofSeconds(1);
                subscribers.keySet().forEach(this::deliver); // whatever was missed while not listening
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (notifications == null) continue;
                    for (PGNotification n : notifications) deliver(n.getName());
                }
            } catch (SQLException e) {
                if (!running) return;
                log.warn(
                        "Not listening for changes from other replicas ({}); retrying in {} s",
                        e.getMessage(),
                        backoff.toSeconds());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void deliver(String channel) {
        for (Runnable subscriber : subscribers.getOrDefault(channel, List.of())) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                log.warn("A subscriber of '{}' failed", channel, e);
            }
        }
    }
}
