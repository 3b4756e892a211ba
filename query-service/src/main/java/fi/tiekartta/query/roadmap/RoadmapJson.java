package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.tiekartta.query.projects.ProjectState;
import fi.tiekartta.query.projects.ProjectView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes {@code GET /api/roadmap}'s JSON exactly as Jackson writes a {@link Roadmap}, but keeps the bytes of its
 * sectors while {@link RoadmapAnswers} keeps the answer: an answer asked again differs only in {@code knownAt},
 * and the sectors of 10,000 projects are megabytes of JSON that would otherwise be written anew each time.
 * Keyed by the identity of the sectors list that the kept answer shares, so the bytes are never another answer's.
 * Kept from the second writing of the same list, as answers are kept from their second ask: the bytes of an answer
 * written once are written straight to the response and left to the young generation.
 */
@Component
class RoadmapJson extends AbstractHttpMessageConverter<Roadmap> {

    // The field names quoted and encoded once: writing a name from a String checks and escapes it each time, for
    // 20 names of each of 10,000 projects.
    private static final SerializableString SECTOR = new SerializedString("sector");
    private static final SerializableString LABEL = new SerializedString("label");
    private static final SerializableString COUNTS_BY_STATUS = new SerializedString("countsByStatus");
    private static final SerializableString PROJECTS = new SerializedString("projects");
    private static final SerializableString PROJECT_ID = new SerializedString("projectId");
    private static final SerializableString TITLE = new SerializedString("title");
    private static final SerializableString OWNER = new SerializedString("owner");
    private static final SerializableString PLANNED_START_YEAR = new SerializedString("plannedStartYear");
    private static final SerializableString PLANNED_END_YEAR = new SerializedString("plannedEndYear");
    private static final SerializableString DESCRIPTION = new SerializedString("description");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString STATUS_LABEL = new SerializedString("statusLabel");
    private static final SerializableString PROGRESS_PERCENT = new SerializedString("progressPercent");
    private static final SerializableString TARGET_YEAR = new SerializedString("targetYear");
    private static final SerializableString SCHEDULED_FOR = new SerializedString("scheduledFor");
    private static final SerializableString NOTE = new SerializedString("note");
    private static final SerializableString EFFECTIVE_DATE = new SerializedString("effectiveDate");
    private static final SerializableString UNITS = new SerializedString("units");
    private static final SerializableString UNIT = new SerializedString("unit");
    private static final SerializableString VERSION = new SerializedString("version");
    private static final SerializableString LAST_RECORDED_AT = new SerializedString("lastRecordedAt");

    private final ObjectMapper json;
    private final Cache<SectorsOf, Chunks> sectorBytes;
    /** The sectors lists written once, whose bytes were not kept. */
    private final Cache<SectorsOf, Boolean> writtenOnce = Caffeine.newBuilder().maximumSize(1_000).build();

    RoadmapJson(ObjectMapper json, @Value("${tiekartta.roadmap.cache-bytes:32MB}") DataSize cacheBytes) {
        super(MediaType.APPLICATION_JSON);
        this.json = json;
        this.sectorBytes = Caffeine.newBuilder()
                                   .maximumWeight(cacheBytes.toBytes())
                                   .weigher((SectorsOf key, Chunks bytes) -> bytes.size())
                                   .build();
    }

    @Override
    protected boolean supports(Class<?> type) {
        return Roadmap.class == type;
    }

    @Override
    protected Roadmap readInternal(Class<? extends Roadmap> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("a roadmap is never read", input);
    }

    @Override
    protected void writeInternal(Roadmap roadmap, HttpOutputMessage output) throws IOException {
        write(roadmap, output.getBody());
    }

    /** The same bytes as {@code json.writeValueAsBytes(roadmap)}. */
    byte[] bytes(Roadmap roadmap) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(roadmap, bytes);
        return bytes.toByteArray();
    }

    /** Writes the parts one after the other rather than copying megabytes into one array first. */
    private void write(Roadmap roadmap, OutputStream body) throws IOException {
        SectorsOf key = new SectorsOf(roadmap.sectors());
        Chunks kept = sectorBytes.getIfPresent(key);
        if (kept == null && writtenOnce.asMap().remove(key) != null) {
            kept = sectorBytes.get(key, written -> {
                try {
                    return sectorsJson(roadmap.sectors());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        byte[] head = json.writeValueAsBytes(new Head(roadmap.asOf(), roadmap.knownAt(), roadmap.countsByStatus(), null));
        // head is {"asOf":…,"knownAt":…,"countsByStatus":{…},"sectors":null}: the sectors in place of the null.
        body.write(head, 0, head.length - "null}".length());
        if (kept != null) {
            kept.writeTo(body);
        } else {
            writtenOnce.put(key, Boolean.TRUE);
            try (JsonGenerator out = json.createGenerator(body).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                writeSectors(roadmap.sectors(), out);
            }
        }
        if (roadmap.nextCursor() != null) {
            // A page's nextCursor follows the sectors, as Jackson writes the record's last property (left out when
            // null): the inside of {"nextCursor":…} after a comma.
            byte[] tail = json.writeValueAsBytes(new Tail(roadmap.nextCursor()));
            body.write(',');
            body.write(tail, 1, tail.length - 2);
        }
        body.write('}');
    }

    /**
     * The sectors as Jackson writes them, each project field by field in {@link ProjectView}'s order: Jackson's
     * general bean writing was a quarter of an answer not kept. The maps go through Jackson as before; the tests
     * compare these bytes with Jackson's ({@code RoadmapJsonTest}).
     */
    private Chunks sectorsJson(List<Roadmap.SectorRoadmap> sectors) throws IOException {
        Chunks bytes = new Chunks();
        try (JsonGenerator out = json.createGenerator(bytes)) {
            writeSectors(sectors, out);
        }
        bytes.close(); // whether or not the generator closed it
        return bytes;
    }

    private void writeSectors(List<Roadmap.SectorRoadmap> sectors, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (Roadmap.SectorRoadmap sector : sectors) {
            out.writeStartObject();
            text(out, SECTOR, sector.sector());
            text(out, LABEL, sector.label());
            out.writeFieldName(COUNTS_BY_STATUS);
            json.writeValue(out, sector.countsByStatus());
            out.writeFieldName(PROJECTS);
            out.writeStartArray();
            for (ProjectView project : sector.projects()) {
                project(out, project);
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void project(JsonGenerator out, ProjectView p) throws IOException {
        out.writeStartObject();
        text(out, PROJECT_ID, p.projectId());
        text(out, SECTOR, p.sector());
        text(out, TITLE, p.title());
        text(out, OWNER, p.owner());
        number(out, PLANNED_START_YEAR, p.plannedStartYear());
        number(out, PLANNED_END_YEAR, p.plannedEndYear());
        text(out, DESCRIPTION, p.description());
        text(out, STATUS, p.status() == null ? null : p.status().name());
        text(out, STATUS_LABEL, p.statusLabel());
        number(out, PROGRESS_PERCENT, p.progressPercent());
        number(out, TARGET_YEAR, p.targetYear());
        text(out, SCHEDULED_FOR, p.scheduledFor());
        text(out, NOTE, p.note());
        text(out, EFFECTIVE_DATE, p.effectiveDate() == null ? null : p.effectiveDate().toString());
        out.writeFieldName(UNITS);
        if (p.units() == null) {
            out.writeNull();
        } else {
            out.writeStartArray();
            for (ProjectState.UnitState unit : p.units()) {
                out.writeStartObject();
                text(out, UNIT, unit.unit());
                text(out, STATUS, unit.status() == null ? null : unit.status().name());
                number(out, PROGRESS_PERCENT, unit.progressPercent());
                number(out, TARGET_YEAR, unit.targetYear());
                text(out, EFFECTIVE_DATE, unit.effectiveDate() == null ? null : unit.effectiveDate().toString());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeFieldName(VERSION);
        out.writeNumber(p.version());
        // Jackson writes an Instant in ISO_INSTANT, as Instant.toString does.
        text(out, LAST_RECORDED_AT, p.lastRecordedAt() == null ? null : p.lastRecordedAt().toString());
        out.writeEndObject();
    }

    private static void text(JsonGenerator out, SerializableString name, String value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    private static void number(JsonGenerator out, SerializableString name, Integer value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeNumber(value);
        }
    }

    /**
     * Bytes in chunks of 256 KB. The 5 MB of a roadmap in one array is a humongous object to the G1 collector, which
     * allocates it outside the young generation and starts a concurrent cycle for it; chunks are ordinary objects.
     */
    private static final class Chunks extends OutputStream {

        private static final int CHUNK = 256 * 1024;

        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] current = new byte[CHUNK];
        private int used;
        private int size;

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                if (used == CHUNK) {
                    chunks.add(current);
                    current = new byte[CHUNK];
                    used = 0;
                }
                int n = Math.min(length, CHUNK - used);
                System.arraycopy(bytes, offset, current, used, n);
                used += n;
                offset += n;
                length -= n;
                size += n;
            }
        }

        /** Trims the last chunk once written, so that only what is kept is weighed. */
        @Override
        public void close() {
            if (current != null) {
                chunks.add(Arrays.copyOf(current, used));
                current = null;
            }
        }

        void writeTo(OutputStream out) throws IOException {
            for (byte[] chunk : chunks) {
                out.write(chunk);
            }
        }

        int size() {
            return size;
        }
    }

    /**
     * A sectors list by its identity, without keeping it alive. Not the list itself as the key: the cache hashes its
     * keys to weigh their use, and a list's hash is that of every project in it, each time it is asked for.
     */
    private static final class SectorsOf {

        private final WeakReference<List<Roadmap.SectorRoadmap>> sectors;
        private final int hash;

        SectorsOf(List<Roadmap.SectorRoadmap> sectors) {
            this.sectors = new WeakReference<>(sectors);
            this.hash = System.identityHashCode(sectors);
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            // Once the list is gone its bytes are never asked for again; they stay until the weight pushes them out.
            return other instanceof SectorsOf that && that.hash == hash && sectors.get() != null && sectors.get() == that.sectors.get();
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A roadmap with its sectors left out, in the same property order as {@link Roadmap}. */
    private record Head(java.time.LocalDate asOf, java.time.Instant knownAt, java.util.Map<String, Integer> countsByStatus,
                        Object sectors) {
    }

    /** The property a page adds after the sectors. */
    private record Tail(String nextCursor) {
    }
}
