package com.livecommerce.incentive.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Parts by ranges of a key: every row in exactly one part, the parts of nearly equal rows. */
class KeyRangesTest {

	private static final String ROWS = "k WHERE day = ?";

	@Test
	void eachPartHoldsTheKeysFromItsSplitToTheNext() {
		Map<String, ExecutionContext> contexts = KeyRanges.contexts(List.of("B", "D"), 3);
		assertThat(contexts).containsOnlyKeys("part0", "part1", "part2");
		assertThat(KeyRanges.range(contexts.get("part0"))).isEqualTo(new KeyRanges.Range(null, "B"));
		assertThat(KeyRanges.range(contexts.get("part1"))).isEqualTo(new KeyRanges.Range("B", "D"));
		assertThat(KeyRanges.range(contexts.get("part2"))).isEqualTo(new KeyRanges.Range("D", null));
		assertThat(HashPartitions.part(contexts.get("part2"))).isEqualTo(2);
		assertThat(HashPartitions.parts(contexts.get("part0"))).isEqualTo(3);
		assertThat(KeyRanges.range(new ExecutionContext())).as("outside a partitioned step").isEqualTo(KeyRanges.Range.ALL);

		assertThat(KeyRanges.Range.ALL.condition("x")).isEqualTo("TRUE");
		assertThat(KeyRanges.Range.ALL.argumentsBetween(List.of(), List.of())).isEmpty();
		assertThat(new KeyRanges.Range(null, "B").condition("x")).isEqualTo("x < ?");
		assertThat(new KeyRanges.Range("B", "D").condition("x")).isEqualTo("x >= ? AND x < ?");
		assertThat(new KeyRanges.Range("B", "D").argumentsBetween(List.of(), List.of())).containsExactly("B", "D");
		assertThat(new KeyRanges.Range("B", null).argumentsBetween(List.of(1, 2), List.of(3))).containsExactly(1, 2, "B", 3);
		assertThat(new KeyRanges.Range("D", null).condition("x")).isEqualTo("x >= ?");
	}

	/** No rows, no splits: the parts before the last are empty, and the last holds every key. */
	@Test
	void withoutSplitsTheLastPartHoldsEveryKey() {
		Map<String, ExecutionContext> contexts = KeyRanges.contexts(List.of(), 3);
		assertThat(KeyRanges.range(contexts.get("part0"))).isEqualTo(new KeyRanges.Range(null, ""));
		assertThat(KeyRanges.range(contexts.get("part1"))).isEqualTo(new KeyRanges.Range("", ""));
		assertThat(KeyRanges.range(contexts.get("part2"))).isEqualTo(new KeyRanges.Range("", null));
	}

	@Test
	void everyRowIsInExactlyOnePartAndThePartsAreEven() {
		try (TestDatabase db = TestDatabase.createEmpty()) {
			JdbcTemplate jdbc = db.jdbc();
			jdbc.execute("""
					CREATE TABLE k (id INT AUTO_INCREMENT PRIMARY KEY, day INT NOT NULL,
					  key_value VARCHAR(64) NOT NULL, INDEX k_day (day, key_value))
					CHARACTER SET utf8mb4 COLLATE utf8mb4_bin""");
			List<String> keys = new ArrayList<>();
			for (int i = 0; i < 997; i++) {
				keys.add("S" + i); // string order is not number order: S10 < S9
			}
			keys.addAll(List.of("", "场次-42", "😀x", "a", "Z", "S5", "S5", "S5")); // the empty key, non-ASCII, repeats
			Collections.shuffle(keys, new Random(7));
			jdbc.batchUpdate("INSERT INTO k (day, key_value) VALUES (1, ?), (2, 'other day')",
					keys.stream().map(key -> new Object[] { key }).toList());
			for (int parts = 1; parts <= 4; parts++) {
				List<String> splits = KeyRanges.quantiles(jdbc, parts, ROWS, "key_value", 1);
				assertThat(splits).hasSize(parts - 1).isSorted();
				List<String> seen = new ArrayList<>();
				for (ExecutionContext context : KeyRanges.contexts(splits, parts).values()) {
					KeyRanges.Range range = KeyRanges.range(context);
					List<String> part = jdbc.queryForList("SELECT key_value FROM k WHERE day = ? AND "
							+ range.condition("key_value"), String.class,
							range.argumentsBetween(List.of(1), List.of()).toArray());
					assertThat(part.size()).as("%d parts: %s", parts, range).isBetween(keys.size() / parts - 4,
							keys.size() / parts + 4);
					seen.addAll(part);
				}
				assertThat(seen).as("%d parts", parts).containsExactlyInAnyOrderElementsOf(keys);
			}
		}
	}

	/** A day without rows: no splits, and the parts still cover every key (there are none). */
	@Test
	void aDayWithoutRowsHasNoSplits() {
		try (TestDatabase db = TestDatabase.createEmpty()) {
			db.jdbc().execute("CREATE TABLE k (day INT NOT NULL, key_value VARCHAR(64) NOT NULL)");
			assertThat(KeyRanges.quantiles(db.jdbc(), 2, ROWS, "key_value", 1)).isEmpty();
		}
	}

}
