package fi.tiekartta.command.importing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The organisation's units that a roadmap's status phrases may name (VAKA = early childhood education, KOULUT =
 * schools …). Configured, because another organisation's roadmap names other units; a unit not listed is read
 * as note text, never guessed from the words.
 */
@Configuration(proxyBeanMethods = false)
public class ImportConfiguration {

    @Bean
    public StatusPhraseParser statusPhraseParser(
            @Value("${tiekartta.import.units:VAKA,KOULUT,LUKIO,PERUSOPETUS}") List<String> units) {
        return new StatusPhraseParser(units);
    }
}
