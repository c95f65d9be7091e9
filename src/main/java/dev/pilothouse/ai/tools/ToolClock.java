package dev.pilothouse.ai.tools;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The clock of ages in tool output and of confirmation expiry: the application's {@link Clock}
 * bean where one is defined, else the system's. Tests hand in their own.
 */
@Component
class ToolClock {

    private final Clock clock;

    @Autowired
    ToolClock(ObjectProvider<Clock> clock) {
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    private ToolClock(Clock clock) {
        this.clock = clock;
    }

    static ToolClock of(Clock clock) {
        return new ToolClock(clock);
    }

    Clock clock() {
        return clock;
    }
}
