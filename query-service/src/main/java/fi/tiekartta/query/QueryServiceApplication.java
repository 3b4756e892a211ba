package fi.tiekartta.query;

import fi.tiekartta.support.eventstore.AxonWiringReport;
import fi.tiekartta.support.eventstore.EventStoreConfiguration;
import fi.tiekartta.support.openapi.OpenApiConfiguration;
import fi.tiekartta.support.sectors.SectorConfiguration;
import fi.tiekartta.support.security.BearerTokenConfiguration;
import fi.tiekartta.support.time.RoadmapTime;
import fi.tiekartta.support.web.WebSupportConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Follows the event store into read models and answers questions about the roadmap. */
@SpringBootApplication
@EnableScheduling
@Import({EventStoreConfiguration.class, AxonWiringReport.class, BearerTokenConfiguration.class,
        WebSupportConfiguration.class, OpenApiConfiguration.class, SectorConfiguration.class, RoadmapTime.class})
public class QueryServiceApplication {

    public static void main(String[] args) {
        // A public organisation's system does not report usage to a vendor unless someone decides it should.
        System.setProperty("axoniq.update-checker.disabled",
                           System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
