package fi.tiekartta.query.admin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A point where a rebuild waits, for tests: with {@code tiekartta.rebuild.hold-file} set, a rebuild that has built
 * its tables waits before switching over for as long as that file exists. Lets a test look at the service in the
 * middle of a rebuild (or kill it there) without guessing at timings. Unset in production.
 */
@Component
public class RebuildHold {

    private volatile Path file;

    public RebuildHold(@Value("${tiekartta.rebuild.hold-file:}") String file) {
        this.file = file.isBlank() ? null : Path.of(file);
    }

    /** Holds rebuilds before their switch while {@code file} exists (null: never). */
    public void holdWhileExists(Path file) {
        this.file = file;
    }

    void await() throws InterruptedException {
        Path held = file;
        while (held != null && Files.exists(held)) {
            Thread.sleep(50);
            held = file;
        }
    }
}
