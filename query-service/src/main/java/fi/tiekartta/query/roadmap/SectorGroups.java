package fi.tiekartta.query.roadmap;

import fi.tiekartta.vocabulary.Sector;
import fi.tiekartta.vocabulary.Sectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Groups projects by sector in the configured order, every configured sector listed even when it has no
 * project. A project whose sector is no longer configured is not dropped (the counts would no longer add up):
 * its sector follows the configured ones, ordered by code, labelled with its code.
 */
public final class SectorGroups {

    private SectorGroups() {
    }

    /** @param items in the order they should keep within each sector */
    public static <T> Map<Sector, List<T>> group(Sectors sectors, List<T> items, Function<T, String> sectorOf) {
        Map<Sector, List<T>> groups = new LinkedHashMap<>();
        // Each item's group found by its code alone: hashing the Sector record (three texts) for each of 10,000
        // projects of a roadmap was a noticeable part of it.
        Map<String, List<T>> byCode = new HashMap<>();
        for (Sector sector : sectors.all()) {
            List<T> members = new ArrayList<>();
            groups.put(sector, members);
            byCode.put(sector.code(), members);
        }
        Map<String, List<T>> unknown = new TreeMap<>();
        for (T item : items) {
            String code = sectorOf.apply(item);
            List<T> members = byCode.get(code);
            (members != null ? members : unknown.computeIfAbsent(code, c -> new ArrayList<>())).add(item);
        }
        unknown.forEach((code, members) -> groups.put(new Sector(code, code, ""), members));
        return groups;
    }
}
