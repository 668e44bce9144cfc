package com.livecommerce.incentive.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example policy version as published, and policy directories made from it for a test. */
public final class ExamplePolicy {

	/** The text of {@code jobs/examples/policy/2023-11-29.yaml}. */
	public static final String PUBLISHED = read(Path.of(Cli.EXAMPLE_POLICY, "2023-11-29.yaml"));

	private ExamplePolicy() {
	}

	/** A directory {@code parent/name} holding the published version with {@code effective_to} moved to {@code end}. */
	public static Path endingOn(Path parent, String name, String end) {
		try {
			Path dir = Files.createDirectories(parent.resolve(name));
			Files.writeString(dir.resolve("2023-11-29.yaml"),
					PUBLISHED.replace("effective_to: 2023-12-28", "effective_to: " + end));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The text of a file. */
	public static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
