package dev.pilothouse.ai.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Collects the stream events a provider reports, for assertions. */
final class Events implements Consumer<StreamEvent> {
    final List<StreamEvent> all = new CopyOnWriteArrayList<>();

    @Override
    public void accept(StreamEvent event) {
        all.add(event);
    }

    <T extends StreamEvent> List<T> of(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    String text() {
        return String.join(
                "",
                of(StreamEvent.TextDelta.class).stream()
                        .map(StreamEvent.TextDelta::text)
                        .toList());
    }

    StreamEvent last() {
        return all.getLast();
    }
}
