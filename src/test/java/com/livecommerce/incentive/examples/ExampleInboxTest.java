package com.livecommerce.incentive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed example inbox is exactly what {@link ExampleInbox} writes (fixed seed). */
class ExampleInboxTest {

	private static final Path COMMITTED = Path.of("jobs/examples/inbox");

	@Test
	void committedInboxMatchesTheGenerator(@TempDir Path temp) throws IOException {
		if (Boolean.getBoolean("example.regenerate")) {
			new ExampleInbox().writeTo(COMMITTED);
		}
		new ExampleInbox().writeTo(temp);
		List<Path> generated = files(temp);
		assertThat(files(COMMITTED)).as("files of jobs/examples/inbox").isEqualTo(generated);
		for (Path relative : generated) {
			assertThat(Files.readString(COMMITTED.resolve(relative)))
				.as("%s (regenerate with -Dexample.regenerate=true)", relative)
				.isEqualTo(Files.readString(temp.resolve(relative)));
		}
	}

	private static List<Path> files(Path root) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
		}
	}

}
