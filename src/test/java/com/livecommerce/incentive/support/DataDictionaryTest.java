package com.livecommerce.incentive.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/data-dictionary.md is the schema's own documentation: every table and column of the
 * incentive schema with its type and its COMMENT, written from information_schema after the
 * migrations ran. This test fails when the file and the migrations disagree; regenerate it with
 * {@code -Ddocs.regenerate=true}. It also holds every column to having a COMMENT.
 */
class DataDictionaryTest {

	private static final Path FILE = Path.of("docs/data-dictionary.md");

	/** Working tables of the jobs: documented, but not for data teams. */
	private static final List<String> INTERNAL_PREFIXES = List.of("stg_", "claim", "account_day_total",
			"account_last_broadcast", "ingest_", "scheduled_run");

	@Test
	void theDataDictionaryIsTheSchemasOwnDocumentation() throws IOException {
		try (TestDatabase db = TestDatabase.createEmpty()) {
			Migrations.apply(db);
			List<Map<String, Object>> tables = db.jdbc().queryForList("""
					SELECT table_name AS name, table_type AS type, table_comment AS comment FROM information_schema.tables
					WHERE table_schema = DATABASE() AND table_name NOT LIKE 'BATCH%' AND table_name NOT LIKE 'QRTZ%'
					  AND table_name <> 'flyway_schema_history'
					ORDER BY table_name""");
			StringBuilder outputs = new StringBuilder();
			StringBuilder state = new StringBuilder();
			StringBuilder internal = new StringBuilder();
			for (Map<String, Object> table : tables) {
				String name = (String) table.get("name");
				boolean working = INTERNAL_PREFIXES.stream().anyMatch(name::startsWith);
				StringBuilder out = Migrations.DATA_READER_TABLES.contains(name) ? outputs : working ? internal : state;
				String comment = "VIEW".equals(table.get("type")) ? "(view) " + views().getOrDefault(name, "")
						: (String) table.get("comment");
				out.append("\n### `").append(name).append("`\n\n").append(comment).append("\n\n")
					.append("| column | type | null | meaning |\n| --- | --- | --- | --- |\n");
				for (Map<String, Object> c : db.jdbc().queryForList("""
						SELECT column_name AS name, column_type AS type, is_nullable AS nullable, column_comment AS comment
						FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?
						ORDER BY ordinal_position""", name)) {
					if ("VIEW".equals(table.get("type"))) {
						// a view's column types are the server's inference, which MySQL and MariaDB make differently
						out.append("| `").append(c.get("name")).append("` | | | ")
							.append(VIEW_COLUMNS.getOrDefault(c.get("name"), "")).append(" |\n");
						continue;
					}
					String meaning = ((String) c.get("comment")).replace("|", "\\|");
					if (!name.startsWith("stg_")) {
						assertThat(meaning).as("COMMENT of %s.%s", name, c.get("name")).isNotBlank();
					}
					out.append("| `").append(c.get("name")).append("` | ").append(type((String) c.get("type"))).append(" | ")
						.append("YES".equals(c.get("nullable")) ? "yes" : "").append(" | ").append(meaning).append(" |\n");
				}
			}
			String dictionary = """
					# Data dictionary

					Every table and column of the incentive schema, with its type and its meaning: the COMMENT
					the migrations in `sql/` give it (`SHOW FULL COLUMNS FROM <table>` says the same). Written by
					`DataDictionaryTest` (`mvn -B test -Dtest=DataDictionaryTest -Ddocs.regenerate=true`), which
					fails when this file and the migrations disagree. Timestamps are Asia/Shanghai local time,
					money is fen, ids are compared byte for byte (utf8mb4_bin). The Spring Batch (`BATCH_*`) and
					Quartz (`QRTZ_*`) tables are the frameworks' own.

					## Output tables and views (SPEC §4; the reader role, `<schema>_reader`, reads these)
					""" + outputs + """

					## The jobs' state: inputs as kept, statuses, pools, messages' sources
					""" + state + """

					## Working tables of the jobs (internal; not granted to the reader role)
					""" + internal;
			if (Boolean.getBoolean("docs.regenerate")) {
				Files.writeString(FILE, dictionary, StandardCharsets.UTF_8);
			}
			assertThat(dictionary).as("docs/data-dictionary.md (regenerate with -Ddocs.regenerate=true)")
				.isEqualTo(Files.readString(FILE, StandardCharsets.UTF_8));
		}
	}

	/** The type as MySQL 8 and MariaDB both mean it: without integer display widths, tinyint(1) as boolean. */
	private static String type(String columnType) {
		return columnType.equals("tinyint(1)") ? "boolean"
				: columnType.replaceAll("\\b(tinyint|smallint|int|bigint)\\(\\d+\\)", "$1");
	}

	/** grant_balance's columns: those of coupon_grant keep their meaning there. */
	private static final Map<String, String> VIEW_COLUMNS = Map.ofEntries(Map.entry("grant_id", "The grant"),
			Map.entry("business_date", "Night that allocated it"), Map.entry("program", "Its program"),
			Map.entry("account_id", "Its account"), Map.entry("brand_id", "Its brand"),
			Map.entry("pool_month", "Its pool's month"), Map.entry("expires_on", "Last valid day"),
			Map.entry("granted_coupons", "Coupons granted"),
			Map.entry("used_coupons", "Coupons counted as used (coupon_usage.used_coupons), 0 when none reported"),
			Map.entry("clawed_back_coupons", "Coupons clawed back, all clawbacks together"),
			Map.entry("expired_coupons", "Coupons that expired"),
			Map.entry("unused_coupons", "granted - used - clawed back - expired: what the merchant still holds"));

	/** Views carry no comment of their own in MySQL. */
	private static Map<String, String> views() {
		return Map.of("grant_balance", "One row per grant: granted = used + clawed back + expired + unused, from"
				+ " coupon_grant, coupon_usage, coupon_clawback and coupon_expiry.");
	}

}
