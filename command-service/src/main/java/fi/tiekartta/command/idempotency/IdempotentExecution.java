package fi.tiekartta.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.tiekartta.command.append.IdempotencyRow;
import fi.tiekartta.command.append.PendingAppend;
import fi.tiekartta.command.web.InvalidHeaderException;
import fi.tiekartta.support.security.CurrentActor;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs a command endpoint under an {@code Idempotency-Key}: the first request with a key is executed and its
 * answer stored; a repeat with the same key and the same request gets that answer again and appends nothing;
 * the same key with another request is refused (422).
 *
 * <p>The answer is stored in the same transaction as the events: the endpoint's commands run inside one Axon
 * unit of work opened here (each command's own unit of work nests in it and appends only when it commits), so
 * a crash can leave neither an answered command without its key nor a key without its events: the group commit
 * writes the key's row in the statement that writes the events (or refuses both). Two concurrent requests with one
 * key meet at the key's primary key: the second is refused, writes nothing, and replays the first's answer.
 */
@Component
public class IdempotentExecution {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern ACCEPTABLE_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final IdempotencyKeys keys;
    private final TransactionManager transactionManager;
    private final ObjectMapper json;

    public IdempotentExecution(IdempotencyKeys keys, TransactionManager transactionManager, ObjectMapper json) {
        this.keys = keys;
        this.transactionManager = transactionManager;
        this.json = json;
    }

    /**
     * @param key  the header's value, or {@code null} when the client sent none
     * @param body the request's body as the endpoint read it; with the method and path it is what a repeat
     *             must match (so a repeat may differ in whitespace or property order, not in meaning)
     */
    public ResponseEntity<?> execute(String key, Object body, Supplier<ResponseEntity<?>> endpoint) {
        if (key == null) {
            return endpoint.get();
        }
        if (!ACCEPTABLE_KEY.matcher(key).matches()) {
            throw new InvalidHeaderException(HEADER, "must be 1–200 visible ASCII characters, e.g. a UUID");
        }
        String actor = CurrentActor.name();
        String fingerprint = sha256(describeCurrentRequest(body));
        Optional<StoredAnswer> earlier = keys.find(actor, key);
        if (earlier.isPresent()) {
            return replay(earlier.get(), fingerprint);
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        try {
            ResponseEntity<?> answer = endpoint.get();
            // Written by the group commit with the events of this unit of work, or not at all.
            PendingAppend.current().orElseThrow().addIdempotencyRow(new IdempotencyRow(
                    actor, key, fingerprint, answer.getStatusCode().value(), toJson(answer.getBody()),
                    header(answer, HttpHeaders.LOCATION), header(answer, HttpHeaders.ETAG)));
            unitOfWork.commit();
            return answer;
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            // Another request with this key may have committed meanwhile: then this one is its repeat. So may this
            // one, if its commit was cut off after it was durable. Where the key cannot be read, the failure stands.
            Optional<StoredAnswer> committed;
            try {
                committed = keys.find(actor, key);
            } catch (RuntimeException unreadable) {
                e.addSuppressed(unreadable);
                throw e;
            }
            return committed.map(answer -> replay(answer, fingerprint)).orElseThrow(() -> e);
        }
    }

    private static ResponseEntity<?> replay(StoredAnswer answer, String fingerprint) {
        if (!answer.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        ResponseEntity.BodyBuilder replay = ResponseEntity.status(answer.status())
                                                          .contentType(MediaType.APPLICATION_JSON)
                                                          .header("Idempotent-Replayed", "true");
        if (answer.location() != null) {
            replay.header(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.etag() != null) {
            replay.header(HttpHeaders.ETAG, answer.etag());
        }
        return replay.body(answer.body());
    }

    private String describeCurrentRequest(Object body) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        return request.getMethod() + " " + request.getRequestURI() + query + "\n"
               + (body instanceof String text ? text : toJson(body));
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ResponseEntity<?> answer, String name) {
        return answer.getHeaders().getFirst(name);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
