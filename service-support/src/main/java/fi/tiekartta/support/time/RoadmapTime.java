package fi.tiekartta.support.time;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/**
 * Effective dates are calendar days in Helsinki (docs/TIME.md, "The two clocks"): "today" at 00:30 local
 * time is already the next day, while UTC still says the previous one.
 */
@Configuration(proxyBeanMethods = false)
public class RoadmapTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/Helsinki");

    @Bean
    public Clock roadmapClock() {
        return Clock.system(ZONE);
    }
}
