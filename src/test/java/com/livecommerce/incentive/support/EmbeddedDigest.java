package com.livecommerce.incentive.support;

import com.livecommerce.incentive.common.Sha256;
import com.livecommerce.incentive.db.EmbeddedMariaDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The digests of the example outputs ({@code examples/outputs.sha256}'s format) of an embedded
 * database as a newcomer's commands left it: run in a JVM of its own in the directory the commands
 * ran in, it starts the embedded server of {@code var/embedded-db} there, as the jar would, and
 * digests every output table and every file under the out directory.
 * Arguments: the out directory, the file to write.
 */
public final class EmbeddedDigest {

	private EmbeddedDigest() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedMariaDb db = EmbeddedMariaDb.start(Path.of("var/embedded-db"));
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl("incentive"), "root", ""));
		List<String> digests = new ArrayList<>();
		TableDump.of(jdbc, Migrations.OUTPUT_TABLES)
			.forEach((table, rows) -> digests.add("table " + table + " " + rows.size() + " " + Sha256.of(String.join("\n", rows))));
		for (Map.Entry<String, String> file : OutputFiles.of(Path.of(args[0])).entrySet()) {
			digests.add("file " + file.getKey() + " " + Sha256.of(file.getValue()));
		}
		Files.writeString(Path.of(args[1]), String.join("\n", digests) + "\n", StandardCharsets.UTF_8);
		System.exit(0);
	}

}
