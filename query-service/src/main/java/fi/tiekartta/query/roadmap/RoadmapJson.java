package fi.tiekartta.query.roadmap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes {@code GET /api/roadmap}'s JSON exactly as Jackson writes a {@link Roadmap}, but keeps the bytes of its
 * sectors while {@link RoadmapAnswers} keeps the answer: an answer asked again differs only in {@code knownAt},
 * and the sectors of 10,000 projects are megabytes of JSON that would otherwise be written anew each time.
 * Keyed by the identity of the sectors list that the kept answer shares, so the bytes go when the answer goes.
 */
@Component
class RoadmapJson extends AbstractHttpMessageConverter<Roadmap> {

    private final ObjectMapper json;
    private final Cache<List<Roadmap.SectorRoadmap>, byte[]> sectorBytes;

    RoadmapJson(ObjectMapper json, @Value("${tiekartta.roadmap.cache-bytes:32MB}") DataSize cacheBytes) {
        super(MediaType.APPLICATION_JSON);
        this.json = json;
        this.sectorBytes = Caffeine.newBuilder()
                                   .weakKeys()
                                   .maximumWeight(cacheBytes.toBytes())
                                   .weigher((List<Roadmap.SectorRoadmap> key, byte[] bytes) -> bytes.length)
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
        OutputStream body = output.getBody();
        body.write(bytes(roadmap));
    }

    /** The same bytes as {@code json.writeValueAsBytes(roadmap)}. */
    byte[] bytes(Roadmap roadmap) throws IOException {
        byte[] sectors = sectorBytes.get(roadmap.sectors(), list -> {
            try {
                return json.writeValueAsBytes(list);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] head = json.writeValueAsBytes(new Head(roadmap.asOf(), roadmap.knownAt(), roadmap.countsByStatus(), null));
        // A page's nextCursor follows the sectors, as Jackson writes the record's last property (left out when null).
        byte[] tail = roadmap.nextCursor() == null ? new byte[0]
                : json.writeValueAsBytes(new Tail(roadmap.nextCursor()));
        // head is {"asOf":…,"knownAt":…,"countsByStatus":{…},"sectors":null}: replace the null with the sectors;
        // tail is {"nextCursor":…}: its inside, after a comma, before the closing brace.
        int nullAt = head.length - "null}".length();
        int tailLength = tail.length == 0 ? 0 : tail.length - 1; // ,"nextCursor":… in place of {"nextCursor":…}
        byte[] all = new byte[nullAt + sectors.length + tailLength + 1];
        System.arraycopy(head, 0, all, 0, nullAt);
        System.arraycopy(sectors, 0, all, nullAt, sectors.length);
        if (tailLength > 0) {
            all[nullAt + sectors.length] = ',';
            System.arraycopy(tail, 1, all, nullAt + sectors.length + 1, tailLength - 1);
        }
        all[all.length - 1] = '}';
        return all;
    }

    /** A roadmap with its sectors left out, in the same property order as {@link Roadmap}. */
    private record Head(java.time.LocalDate asOf, java.time.Instant knownAt, java.util.Map<String, Integer> countsByStatus,
                        Object sectors) {
    }

    /** The property a page adds after the sectors. */
    private record Tail(String nextCursor) {
    }
}
