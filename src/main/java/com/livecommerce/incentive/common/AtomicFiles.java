package com.livecommerce.incentive.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Output files written whole or not at all: the content goes to a hidden temporary file beside
 * the target, which is then moved over it in one step. A reader (the messaging system, an
 * operator) never sees half a file under the real name, and a run killed while writing leaves
 * only the temporary file, which the next attempt overwrites.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/** Writes the content of a file to a stream. */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	/** Writes {@code target} (its directory created); {@code what} names it in an error ("the monthly report"). */
	public static void write(Path target, String what, Content content) {
		Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
		try {
			Files.createDirectories(target.getParent());
			try (OutputStream out = Files.newOutputStream(temp)) {
				content.writeTo(out);
			}
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + what + " " + target, ex);
		}
	}

	/** Writes {@code text} as UTF-8. */
	public static void write(Path target, String what, String text) {
		write(target, what, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
	}

}
