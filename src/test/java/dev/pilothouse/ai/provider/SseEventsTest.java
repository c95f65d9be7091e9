package dev.pilothouse.ai.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventsTest {

    private static List<String> events(String body) throws IOException {
        var events = new SseEvents(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        var out = new ArrayList<String>();
        for (String data; (data = events.next()) != null; ) out.add(data);
        return out;
    }

    @Test
    void eachBlankLineEndsAnEventAndCommentsAndOtherFieldsAreSkipped() throws IOException {
        assertThat(events(": keep-alive\n\nevent: message\nid: 7\ndata: {\"a\":1}\n\ndata:{\"b\":2}\n\n"))
                .containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void dataLinesOfOneEventAreJoinedByNewlines() throws IOException {
        assertThat(events("data: first\ndata: second\n\n")).containsExactly("first\nsecond");
    }

    @Test
    void crlfLineEndsAndALastEventWithoutItsBlankLineAreRead() throws IOException {
        assertThat(events("data: one\r\n\r\ndata: two")).containsExactly("one", "two");
    }

    @Test
    void textOutsideAsciiIsDecodedAsUtf8() throws IOException {
        assertThat(events("data: {\"content\":\"Größe ✓\"}\n\n")).containsExactly("{\"content\":\"Größe ✓\"}");
    }
}
