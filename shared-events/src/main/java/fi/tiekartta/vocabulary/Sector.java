package fi.tiekartta.vocabulary;

import java.util.Objects;

/**
 * A sector (toimiala) of the organisation. Sectors are configured, not hard-coded: {@link Sectors#HEINOLA}
 * is the default set.
 *
 * @param code         the stable code stored in events, e.g. {@code TEKNIIKKA}
 * @param label        the Finnish name shown to people, e.g. {@code Tekniikkatoimiala}
 * @param idPrefix     the prefix of the project ids of the sector, e.g. {@code TE} for {@code TE-10}
 */
public record Sector(String code, String label, String idPrefix) {
    public Sector {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(idPrefix, "idPrefix");
    }
}
