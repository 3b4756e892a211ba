package fi.tiekartta.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for tests that talk to a running service the way a real client does. */
public final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Observer observer;

    public HttpApi(String baseUrl) {
        this(baseUrl, Observer.NONE);
    }

    /** A client that shows every request and its answer to {@code observer} (which may fail the test). */
    public HttpApi(String baseUrl, Observer observer) {
        this.baseUrl = baseUrl;
        this.observer = observer;
    }

    /** Sees each exchange once its answer is in; the system tests check them against the published API description. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (request, body, response) -> {
        };

        void exchanged(HttpRequest request, String requestBody, Response response);
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET(), Map.of(), null);
    }

    public Response get(String path, String token, Map<String, String> headers) {
        return send(request(path, token).GET(), headers, null);
    }

    /** A GET whose answer is kept as bytes (a PDF, a CSV checked byte for byte). */
    public HttpResponse<byte[]> getBytes(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token).GET();
        headers.forEach(builder::header);
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String token, String jsonBody) {
        return post(path, token, jsonBody, Map.of());
    }

    public Response post(String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!headers.containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder, headers, body);
    }

    public Response send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest.Builder builder = request(path, token).method(method, publisher);
        if (body != null && !headers.containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder, headers, body);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder, Map<String, String> headers, String body) {
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Response answer = new Response(response.statusCode(), response.body(), response);
        observer.exchanged(request, body, answer);
        return answer;
    }

    /** An answer: status, raw body, and the body as JSON when it is JSON. */
    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
