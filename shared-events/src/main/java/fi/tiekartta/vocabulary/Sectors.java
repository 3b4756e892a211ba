package fi.tiekartta.vocabulary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A configured set of sectors, in display order. */
public final class Sectors {

    /** The six sectors of the Heinola digitiekartta 2022–2025, the default configuration. */
    public static final Sectors HEINOLA = new Sectors(List.of(
            new Sector("KAUPUNKI", "Kaupunkitasoiset kärkihankkeet", "KH"),
            new Sector("ELINVOIMA", "Elinvoimatoimiala", "EV"),
            new Sector("HYVINVOINTI", "Hyvinvointitoimiala", "HV"),
            new Sector("TEKNIIKKA", "Tekniikkatoimiala", "TE"),
            new Sector("LUPA_JA_VALVONTA", "Lupa- ja valvontatoimiala", "LV"),
            new Sector("YHTEISET_PALVELUT", "Yhteiset palvelut -toimiala", "YP")));

    private final Map<String, Sector> byCode = new LinkedHashMap<>();

    public Sectors(List<Sector> sectors) {
        if (sectors.isEmpty()) {
            throw new IllegalArgumentException("at least one sector must be configured");
        }
        for (Sector sector : sectors) {
            if (byCode.putIfAbsent(sector.code(), sector) != null) {
                throw new IllegalArgumentException("sector " + sector.code() + " is configured twice");
            }
        }
    }

    public Optional<Sector> find(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    public boolean contains(String code) {
        return find(code).isPresent();
    }

    public List<Sector> all() {
        return List.copyOf(byCode.values());
    }
}
