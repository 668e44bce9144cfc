package com.livecommerce.incentive.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

	@Test
	void partsAreOneToFourTwoByDefault() {
		assertThat(new ParallelProperties(null).parts()).isEqualTo(2);
		assertThat(new ParallelProperties(4).parts()).isEqualTo(4);
		assertThatThrownBy(() -> new ParallelProperties(5)).hasMessageContaining("1 to 4, not 5");
		assertThatThrownBy(() -> new ParallelProperties(0)).hasMessageContaining("1 to 4, not 0");
	}

}
