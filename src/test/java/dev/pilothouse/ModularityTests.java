package dev.pilothouse;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module map of DESIGN.md, checked: features depend downward only, on each other's public surface. */
class ModularityTests {

    @Test
    void modulesRespectTheirAllowedDependencies() {
        ApplicationModules.of(PilothouseApplication.class).verify();
    }
}
