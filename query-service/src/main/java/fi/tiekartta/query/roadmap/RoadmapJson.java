package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.core.JsonGenerator;
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
 */
@Component
class RoadmapJson extends AbstractHttpMessageConverter<Roadmap> {

    private final ObjectMapper json;
    private final Cache<SectorsOf, Chunks> sectorBytes;

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
        Chunks sectors = sectorBytes.get(new SectorsOf(roadmap.sectors()), key -> {
            try {
                return sectorsJson(roadmap.sectors());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] head = json.writeValueAsBytes(new Head(roadmap.asOf(), roadmap.knownAt(), roadmap.countsByStatus(), null));
        // head is {"asOf":…,"knownAt":…,"countsByStatus":{…},"sectors":null}: the sectors in place of the null.
        body.write(head, 0, head.length - "null}".length());
        sectors.writeTo(body);
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
            out.writeStartArray();
            for (Roadmap.SectorRoadmap sector : sectors) {
                out.writeStartObject();
                text(out, "sector", sector.sector());
                text(out, "label", sector.label());
                out.writeFieldName("countsByStatus");
                json.writeValue(out, sector.countsByStatus());
                out.writeFieldName("projects");
                out.writeStartArray();
                for (ProjectView project : sector.projects()) {
                    project(out, project);
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        bytes.close(); // whether or not the generator closed it
        return bytes;
    }

    private static void project(JsonGenerator out, ProjectView p) throws IOException {
        out.writeStartObject();
        text(out, "projectId", p.projectId());
        text(out, "sector", p.sector());
        text(out, "title", p.title());
        text(out, "owner", p.owner());
        number(out, "plannedStartYear", p.plannedStartYear());
        number(out, "plannedEndYear", p.plannedEndYear());
        text(out, "description", p.description());
        text(out, "status", p.status() == null ? null : p.status().name());
        text(out, "statusLabel", p.statusLabel());
        number(out, "progressPercent", p.progressPercent());
        number(out, "targetYear", p.targetYear());
        text(out, "scheduledFor", p.scheduledFor());
        text(out, "note", p.note());
        text(out, "effectiveDate", p.effectiveDate() == null ? null : p.effectiveDate().toString());
        out.writeFieldName("units");
        if (p.units() == null) {
            out.writeNull();
        } else {
            out.writeStartArray();
            for (ProjectState.UnitState unit : p.units()) {
                out.writeStartObject();
                text(out, "unit", unit.unit());
                text(out, "status", unit.status() == null ? null : unit.status().name());
                number(out, "progressPercent", unit.progressPercent());
                number(out, "targetYear", unit.targetYear());
                text(out, "effectiveDate", unit.effectiveDate() == null ? null : unit.effectiveDate().toString());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        out.writeNumberField("version", p.version());
        // Jackson writes an Instant in ISO_INSTANT, as Instant.toString does.
        text(out, "lastRecordedAt", p.lastRecordedAt() == null ? null : p.lastRecordedAt().toString());
        out.writeEndObject();
    }

    private static void text(JsonGenerator out, String name, String value) throws IOException {
        out.writeFieldName(name);
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    private static void number(JsonGenerator out, String name, Integer value) throws IOException {
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
