package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.tiekartta.query.projects.StoredView;
import fi.tiekartta.query.projects.ViewJson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes {@code GET /api/roadmap}'s JSON exactly as Jackson writes a {@link Roadmap}, each project from its stored
 * JSON as the row gave it ({@link ViewJson#writeView}), not decoded and written anew; and keeps the bytes of its
 * sectors while {@link RoadmapAnswers} keeps the answer: an answer asked again differs only in {@code knownAt},
 * and the sectors of 10,000 projects are megabytes of JSON that would otherwise be written anew each time.
 * Keyed by the identity of the sectors list that the kept answer shares, so the bytes are never another answer's.
 * Kept from the second writing of the same list, as answers are kept from their second ask: the bytes of an answer
 * written once are written straight to the response and left to the young generation.
 */
@Component
class RoadmapJson extends AbstractHttpMessageConverter<Roadmap> {

    private static final byte[] SECTOR = "{\"sector\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LABEL = ",\"label\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COUNTS_BY_STATUS = ",\"countsByStatus\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROJECTS = ",\"projects\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_SECTOR = "]}".getBytes(StandardCharsets.US_ASCII);

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
            // Ten thousand projects in a few small writes each: gathered before they reach the response.
            BufferedOutputStream buffered = new BufferedOutputStream(body, 64 * 1024);
            writeSectors(roadmap.sectors(), buffered);
            buffered.flush();
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

    /** The sectors as Jackson writes them ({@code RoadmapJsonTest} compares the bytes). */
    private Chunks sectorsJson(List<Roadmap.SectorRoadmap> sectors) throws IOException {
        Chunks bytes = new Chunks();
        writeSectors(sectors, bytes);
        bytes.close();
        return bytes;
    }

    /** Each project as stored ({@link ViewJson#writeView}); the sector's own fields and counts through Jackson. */
    private void writeSectors(List<Roadmap.SectorRoadmap> sectors, OutputStream out) throws IOException {
        out.write('[');
        for (int i = 0; i < sectors.size(); i++) {
            Roadmap.SectorRoadmap sector = sectors.get(i);
            if (i > 0) {
                out.write(',');
            }
            out.write(SECTOR);
            out.write(json.writeValueAsBytes(sector.sector()));
            out.write(LABEL);
            out.write(json.writeValueAsBytes(sector.label()));
            out.write(COUNTS_BY_STATUS);
            out.write(json.writeValueAsBytes(sector.countsByStatus()));
            out.write(PROJECTS);
            List<StoredView> projects = sector.projects();
            for (int j = 0; j < projects.size(); j++) {
                if (j > 0) {
                    out.write(',');
                }
                ViewJson.writeView(out, projects.get(j));
            }
            out.write(END_OF_SECTOR);
        }
        out.write(']');
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
            if (used == CHUNK) {
                chunks.add(current);
                current = new byte[CHUNK];
                used = 0;
            }
            current[used++] = (byte) b; // a comma or a brace between the stored states: no array for each
            size++;
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
