package com.livecommerce.incentive.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/data.md offers data teams exactly the tables the reader role reads (issue 35 point 8):
 * before, it listed brand_pool_balance among others, and a reader got "SELECT command denied".
 * LeastPrivilegeTest holds the list to what a reader really sees on a server.
 */
class DataDocsTest {

	@Test
	void theTablesDataTeamsAreOfferedAreTheOnesTheReaderRoleReads() throws IOException {
		String docs = Files.readString(Path.of("docs/data.md"));
		int from = docs.indexOf("**What the reader role reads**");
		int to = docs.indexOf("Also in the schema", from);
		assertThat(from).as("the section of docs/data.md").isPositive();
		Set<String> offered = new TreeSet<>();
		for (String line : docs.substring(from, to).lines().filter(l -> l.startsWith("| `")).toList()) {
			Matcher names = Pattern.compile("`([a-z_]+)`").matcher(line.substring(0, line.indexOf(" |", 2)));
			while (names.find()) {
				offered.add(names.group(1));
			}
		}
		assertThat(offered).containsExactlyInAnyOrderElementsOf(Migrations.DATA_READER_TABLES);
	}

}
