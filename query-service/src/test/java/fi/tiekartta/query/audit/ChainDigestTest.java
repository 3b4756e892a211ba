package fi.tiekartta.query.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest over the stream heads is exactly what docs/AUDIT.md tells an auditor to recompute: the SHA-256 of the
 * lines {@code aggregateId:lastSequence:headHash} and a line feed, sorted by the ids' bytes, written {@code sha256:}
 * and hex. Each head's recomputed hash counts, not the stored one.
 */
class ChainDigestTest {

    @Test
    void theDigest_isTheSha256OfTheHeadsLines_inTheIdsByteOrder() throws NoSuchAlgorithmException {
        List<ChainVerification.Head> heads = List.of(
                new ChainVerification.Head("ÄÄ-1", 3, "stored-a", "a".repeat(64)),
                new ChainVerification.Head("TE-2", 12, "stored-b", "b".repeat(64)),
                new ChainVerification.Head("round-ab12", 1, "stored-c", "c".repeat(64)),
                new ChainVerification.Head("TE-10", 7, "stored-d", "d".repeat(64)),
                new ChainVerification.Head("Z-1", 100, "stored-e", "e".repeat(64)));
        // In byte order: "TE-1..." before "TE-2", upper case before lower, and 'Ä' (0xC3 0x84) after every ASCII id.
        String lines = "TE-10:7:" + "d".repeat(64) + "\n"
                       + "TE-2:12:" + "b".repeat(64) + "\n"
                       + "Z-1:100:" + "e".repeat(64) + "\n"
                       + "round-ab12:1:" + "c".repeat(64) + "\n"
                       + "ÄÄ-1:3:" + "a".repeat(64) + "\n";
        String expected = "sha256:" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(lines.getBytes(StandardCharsets.UTF_8)));

        assertThat(ChainVerification.digest(heads)).isEqualTo(expected);
        assertThat(ChainVerification.digest(List.of()))
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"); // no lines
    }
}
