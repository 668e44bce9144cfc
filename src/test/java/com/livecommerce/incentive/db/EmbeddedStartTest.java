package com.livecommerce.incentive.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 35 point 2: the embedded server starts in the background while the JVM and Spring start;
 * a start that takes long says what the command waits for, a quick one says nothing, and one that
 * fails ends in its one-line message.
 */
class EmbeddedStartTest {

	private static final Path HOME = Path.of("/srv/checkout/var/embedded-db");

	@Test
	void aSlowStartSaysWhatItWaitsFor() {
		CompletableFuture<EmbeddedMariaDb> server = new CompletableFuture<>();
		CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS).execute(() -> server.complete(null));
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		EmbeddedMariaDb.await(new EmbeddedMariaDb.Starting(HOME, 1, true, server, new Thread(() -> {
		})), new PrintStream(err, true, StandardCharsets.UTF_8), 50);
		assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("waiting for the embedded database in " + HOME
				+ " to start (its first start installs it: a minute or more) ...\n");
	}

	@Test
	void aQuickStartSaysNothing() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		EmbeddedMariaDb.await(new EmbeddedMariaDb.Starting(HOME, 1, false, CompletableFuture.completedFuture(null),
				new Thread(() -> {
				})), new PrintStream(err, true, StandardCharsets.UTF_8), 50);
		assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void aFailedStartEndsInItsMessage() {
		CompletableFuture<EmbeddedMariaDb> server = CompletableFuture.failedFuture(
				new EmbeddedMariaDb.EmbeddedDatabaseStartException("the embedded database in " + HOME + " did not start"
						+ " (port in use). Run the command again", null));
		assertThatThrownBy(() -> EmbeddedMariaDb.await(new EmbeddedMariaDb.Starting(HOME, 1, false, server,
				new Thread(() -> {
				})), null, 50)).isInstanceOf(EmbeddedMariaDb.EmbeddedDatabaseStartException.class)
			.hasMessage("the embedded database in " + HOME + " did not start (port in use). Run the command again");
	}

}
