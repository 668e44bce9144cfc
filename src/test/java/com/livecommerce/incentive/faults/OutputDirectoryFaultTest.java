package com.livecommerce.incentive.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.ServerIndependent;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output-directory column of the fault matrix: an out directory that cannot be written, and
 * a disk that fills up while the notification batch is written. Each fails the run with exit 1
 * and a message naming the path; once the operator fixes it, the same command resumes and ends
 * exactly like a clean run. (Tests run as root here, so "unwritable" is a day folder that is a
 * regular file, and "full" is /dev/full, which fails every write with ENOSPC.)
 */
@ServerIndependent
class OutputDirectoryFaultTest {

	private static final String DAY = "2023-11-29";

	@TempDir
	Path temp;

	@Test
	void anOutDirectoryThatCannotBeWrittenFailsTheRunUntilFixed() throws Exception {
		Clean clean = clean();
		try (TestDatabase db = TestDatabase.create()) {
			// --out itself is checked before the run starts (a file there is exit 2, OperatorMistakesTest);
			// the day's folder under it is first written by the run
			Path out = Files.createDirectories(this.temp.resolve("out"));
			Path day = out.resolve(DAY);
			Files.writeString(day, "a file where the day's folder should be\n");
			Cli.Result failed = nightly(db, out);
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			assertThat(failed.err()).contains(day.toString()).contains("nightly --date " + DAY);
			assertThat(db.count("notification_batch")).as("no batch recorded without its file").isZero();

			Files.delete(day); // the operator fixes the path
			Cli.Result again = nightly(db, out);
			assertThat(again.exitCode()).as(again.toString()).isZero();
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).isEqualTo(clean.tables());
			assertThat(OutputFiles.of(out)).isEqualTo(clean.files());
		}
	}

	@Test
	void aDiskThatFillsUpWhileTheBatchIsWrittenFailsTheRunUntilFreed() throws Exception {
		Clean clean = clean();
		String batchFile = clean.files()
			.keySet()
			.stream()
			.filter(f -> f.endsWith(".jsonl"))
			.findFirst()
			.orElseThrow();
		try (TestDatabase db = TestDatabase.create()) {
			Path out = this.temp.resolve("full");
			Path batch = out.resolve(batchFile);
			Path full = Files.createDirectories(batch.getParent()).resolve("." + batch.getFileName() + ".tmp");
			Files.createSymbolicLink(full, Path.of("/dev/full"));
			Cli.Result failed = nightly(db, out);
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			assertThat(failed.err()).contains("FAILED in step publish-notifications")
				.contains("No space left on device")
				.contains("nightly --date " + DAY);
			assertThat(Files.exists(batch)).as("no half-written batch file in place").isFalse();
			assertThat(db.count("notification_batch")).as("no batch recorded without its file").isZero();

			Files.delete(full); // space freed
			Cli.Result again = nightly(db, out);
			assertThat(again.exitCode()).as(again.toString()).isZero();
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).isEqualTo(clean.tables());
			assertThat(OutputFiles.of(out)).isEqualTo(clean.files());
			try (Stream<Path> left = Files.list(batch.getParent())) {
				assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList())
					.as("no temporary file left").isEmpty();
			}
		}
	}

	record Clean(Map<String, List<String>> tables, Map<String, String> files) {
	}

	private Clean clean() {
		try (TestDatabase db = TestDatabase.create()) {
			Path out = this.temp.resolve("clean");
			assertThat(nightly(db, out).exitCode()).isZero();
			return new Clean(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES), OutputFiles.of(out));
		}
	}

	private static Cli.Result nightly(TestDatabase db, Path out) {
		return new Cli(db).exampleNight(DAY, out);
	}

}
