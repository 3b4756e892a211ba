package fi.tiekartta.support.sectors;

import fi.tiekartta.vocabulary.Sector;
import fi.tiekartta.vocabulary.Sectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The organisation's sectors, from {@code tiekartta.sectors[n].code / label / id-prefix}; without that, the six
 * of the Heinola roadmap. Both services must be given the same list.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SectorConfiguration.SectorProperties.class)
public class SectorConfiguration {

    @Bean
    public Sectors sectors(SectorProperties properties) {
        return properties.sectors() == null || properties.sectors().isEmpty()
                ? Sectors.HEINOLA
                : new Sectors(properties.sectors());
    }

    @ConfigurationProperties("tiekartta")
    public record SectorProperties(List<Sector> sectors) {
    }
}
