package com.livecommerce.incentive.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files a run leaves under its out directory, for comparing two runs. */
public final class OutputFiles {

	private OutputFiles() {
	}

	/** Every file under an out directory (relative path → content), the run reports aside (they hold wall-clock times). */
	public static Map<String, String> of(Path out) {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(out)) {
			for (Path file : walk.filter(Files::isRegularFile).toList()) {
				String name = out.relativize(file).toString();
				if (!name.contains("run-report")) {
					files.put(name, Files.readString(file));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return files;
	}

	/** A copy of the directory tree {@code from} at {@code to} (created); returns {@code to}. */
	public static Path copy(Path from, Path to) {
		try (Stream<Path> walk = Files.walk(from)) {
			for (Path source : walk.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return to;
	}

}
