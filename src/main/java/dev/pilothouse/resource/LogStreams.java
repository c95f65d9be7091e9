package dev.pilothouse.resource;

import dev.pilothouse.platform.ApiException;
import dev.pilothouse.rbac.AccessControl;
import dev.pilothouse.rbac.AccessRequest;
import dev.pilothouse.rbac.Verb;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.SessionRepository;
import org.springframework.stereotype.Component;

/**
 * The open log-follow streams of this replica. A stream was authorized when it opened; it is
 * checked again every {@code pilothouse.logs.recheck-interval} (2 s): once its session has ended
 * (logout, expiry, a disabled user, on any replica) or the user may no longer read those logs (a
 * binding removed), it is closed. At most {@value #MAX_PER_USER} streams per user at a time.
 */
@Component
class LogStreams {

    static final int MAX_PER_USER = 5;
    private static final Logger log = LoggerFactory.getLogger(LogStreams.class);

    /** {@code reader}: the request's thread, blocked reading the watch; interrupted to end it. */
    private record Stream(
            Caller caller, String sessionId, String cluster, String namespace, LogWatch watch, Thread reader) {}

    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final AccessControl access;
    private final ObjectProvider<SessionRepository<?>> sessions;

    LogStreams(AccessControl access, ObjectProvider<SessionRepository<?>> sessions) {
        this.access = access;
        this.sessions = sessions;
    }

    /** An open stream; closing it closes the watch and forgets it. */
    interface Registration extends AutoCloseable {
        LogWatch watch();

        @Override
        void close();
    }

    /** @throws ApiException.TooManyRequests when the user already follows {@value #MAX_PER_USER} streams */
    Registration open(Caller caller, String sessionId, String cluster, String namespace, Supplier<LogWatch> opener) {
        synchronized (this) {
            long mine = open.stream()
                    .filter(s -> s.caller().username().equalsIgnoreCase(caller.username()))
                    .count();
            if (mine >= MAX_PER_USER) {
                throw new ApiException.TooManyRequests(
                        "too_many_log_streams",
                        "You are following the logs of " + mine + " containers already, the most at once; close one"
                                + " (another tab or window) and try again.",
                        Duration.ofSeconds(5));
            }
        }
        Stream stream = new Stream(caller, sessionId, cluster, namespace, opener.get(), Thread.currentThread());
        open.add(stream);
        return new Registration() {
            @Override
            public LogWatch watch() {
                return stream.watch();
            }

            @Override
            public void close() {
                end(stream, false);
            }
        };
    }

    int openCount() {
        return open.size();
    }

    @Scheduled(fixedDelayString = "${pilothouse.logs.recheck-interval:2s}")
    void recheck() {
        SessionRepository<?> repository = sessions.getIfAvailable();
        for (Stream stream : open) {
            try {
                boolean sessionAlive = repository == null
                        || stream.sessionId() == null
                        || repository.findById(stream.sessionId()) != null;
                boolean allowed = sessionAlive
                        && access.decide(new AccessRequest(
                                        stream.caller().username(),
                                        Verb.LOGS,
                                        stream.cluster(),
                                        stream.namespace(),
                                        "",
                                        "pods"))
                                .allowed();
                if (!allowed) {
                    log.info(
                            "Closed {}'s log stream in {}/{}: {}",
                            stream.caller().username(),
                            stream.cluster(),
                            stream.namespace(),
                            sessionAlive ? "no longer allowed" : "the session ended");
                    end(stream, true);
                }
            } catch (RuntimeException e) {
                // The database is briefly unavailable: keep the stream, check again next time.
                log.debug("could not recheck a log stream", e);
            }
        }
    }

    private void end(Stream stream, boolean wakeReader) {
        if (open.remove(stream)) {
            try {
                stream.watch().close();
            } catch (RuntimeException e) {
                log.debug("closing a log stream failed", e);
            }
            // Closing the watch does not wake a read already blocked on its pipe; an interrupt does
            // (the read fails with InterruptedIOException and the request ends).
            if (wakeReader) stream.reader().interrupt();
        }
    }
}
