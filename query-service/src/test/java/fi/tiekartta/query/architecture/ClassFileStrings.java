package fi.tiekartta.query.architecture;

import com.tngtech.archunit.core.domain.JavaClass;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts in a class file's constant pool: its string literals, with the constants the compiler folded into
 * them ({@code "SELECT … FROM " + EventStoreTables.DOMAIN_EVENTS} is one string there), and names, which match
 * nothing a check looks for. ArchUnit sees types and calls, not strings; this reads them from the same file.
 */
final class ClassFileStrings {

    private ClassFileStrings() {
    }

    static List<String> of(JavaClass javaClass) {
        var source = javaClass.getSource().orElseThrow(() -> new IllegalStateException("no class file for " + javaClass));
        try (InputStream in = source.getUri().toURL().openStream()) {
            return read(new DataInputStream(new ByteArrayInputStream(in.readAllBytes())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        List<String> texts = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> texts.add(in.readUTF());                    // Utf8 (modified UTF-8, as readUTF reads it)
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);  // Integer, Float, refs, NameAndType, dynamic
                case 5, 6 -> {                                         // Long, Double: two slots
                    in.skipNBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);             // Class, String, MethodType, Module, Package
                case 15 -> in.skipNBytes(3);                           // MethodHandle
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return texts;
    }
}
