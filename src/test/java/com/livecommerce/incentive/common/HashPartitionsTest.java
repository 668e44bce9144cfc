package com.livecommerce.incentive.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livecommerce.incentive.support.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The parts' contexts and names, and the bounds of incentive.parallel.parts. */
class HashPartitionsTest {

	@Test
	void eachPartKnowsItselfAndHowManyThereAre() {
		Map<String, ExecutionContext> contexts = HashPartitions.contexts(3);
		assertThat(contexts).containsOnlyKeys("part0", "part1", "part2");
		assertThat(HashPartitions.part(contexts.get("part2"))).isEqualTo(2);
		assertThat(HashPartitions.parts(contexts.get("part0"))).isEqualTo(3);
		assertThat(HashPartitions.part(new ExecutionContext())).as("outside a partitioned step").isZero();
		assertThat(HashPartitions.parts(new ExecutionContext())).isEqualTo(1);
	}

	@Test
	void aPartsExecutionNamesItsStep() {
		assertThat(HashPartitions.isPart("derive-claims:part1")).isTrue();
		assertThat(HashPartitions.isPart("derive-claims")).isFalse();
		assertThat(HashPartitions.stepOf("notify-session-rewards:part0")).isEqualTo("notify-session-rewards");
		assertThat(HashPartitions.stepOf("allocate")).isEqualTo("allocate");
	}

	/** A row read from a file goes to the part its key would have in SQL (condition), non-ASCII keys too. */
	@Test
	void aKeyHasTheSamePartInJavaAsInSql() {
		try (TestDatabase db = TestDatabase.create()) {
			for (String key : List.of("S1129-0160", "", "场次-42", "😀x", "A".repeat(64))) {
				for (int parts = 1; parts <= 4; parts++) {
					assertThat(HashPartitions.partOf(key, parts)).as("%s in %d parts", key, parts)
						.isEqualTo(db.jdbc().queryForObject("SELECT " + HashPartitions.condition("?").replace(" = ?", ""),
								Integer.class, key, parts));
				}
			}
		}
	}

	@Test
	void partsAreOneToFourTwoByDefault() {
		assertThat(new ParallelProperties(null).parts()).isEqualTo(2);
		assertThat(new ParallelProperties(4).parts()).isEqualTo(4);
		assertThatThrownBy(() -> new ParallelProperties(5)).hasMessageContaining("1 to 4, not 5");
		assertThatThrownBy(() -> new ParallelProperties(0)).hasMessageContaining("1 to 4, not 0");
	}

}
