package com.livecommerce.incentive.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reading ahead changes nothing the step sees: the same items in the same order, a restart state
 * that counts only what the step got (so a restart resumes right after the last committed chunk,
 * however far the thread had read), and a failure that arrives after every item before it.
 */
class PrefetchingReaderTest {

	/** Items 1..count; item {@code failAt} throws. */
	private static final class Numbers extends AbstractItemCountingItemStreamItemReader<Integer> {

		private final int count;

		private final int failAt;

		private int next;

		Numbers(int count, int failAt) {
			this.count = count;
			this.failAt = failAt;
			setName("numbers");
		}

		@Override
		protected Integer doRead() {
			this.next++;
			if (this.next == this.failAt) {
				throw new IllegalStateException("line " + this.next + " is unreadable");
			}
			return this.next <= this.count ? this.next : null;
		}

		@Override
		protected void doOpen() {
			this.next = 0;
		}

		@Override
		protected void doClose() {
		}

	}

	private static PrefetchingReader<Integer, String> reader(int count, int failAt) {
		Function<Integer, String> label = n -> "item " + n;
		return new PrefetchingReader<>(new Numbers(count, failAt), "numbers.read.count", () -> label, 4);
	}

	@Test
	void theStepGetsEveryItemInOrderAndARestartResumesAfterWhatItGot() throws Exception {
		PrefetchingReader<Integer, String> first = reader(100, -1);
		ExecutionContext context = new ExecutionContext();
		first.open(context);
		List<String> got = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			got.add(first.read());
		}
		Thread.sleep(50); // the thread has read ahead by now
		first.update(context);
		first.close();
		assertThat(context.getInt("numbers.read.count")).as("what the step got, not what was read ahead").isEqualTo(30);

		PrefetchingReader<Integer, String> restarted = reader(100, -1);
		restarted.open(context);
		for (String item = restarted.read(); item != null; item = restarted.read()) {
			got.add(item);
		}
		assertThat(restarted.read()).isNull();
		restarted.update(context);
		restarted.close();
		assertThat(got).hasSize(100).startsWith("item 1", "item 2").endsWith("item 99", "item 100").doesNotHaveDuplicates();
		assertThat(context.getInt("numbers.read.count")).isEqualTo(100);
	}

	@Test
	void aFailureComesAfterTheItemsBeforeIt() throws Exception {
		PrefetchingReader<Integer, String> reader = reader(100, 8);
		reader.open(new ExecutionContext());
		for (int i = 1; i <= 7; i++) {
			assertThat(reader.read()).isEqualTo("item " + i);
		}
		assertThatThrownBy(reader::read).isInstanceOf(IllegalStateException.class).hasMessage("line 8 is unreadable");
		reader.close();
	}

	@Test
	void anErrorOfTheTransformFailsTheStepInsteadOfLeavingItWaiting() throws Exception {
		Function<Integer, String> tooDeep = n -> {
			if (n == 3) {
				throw new StackOverflowError("too deep at " + n);
			}
			return "item " + n;
		};
		PrefetchingReader<Integer, String> reader = new PrefetchingReader<>(new Numbers(100, 0), "numbers.read.count",
				() -> tooDeep, 4);
		reader.open(new ExecutionContext());
		assertThat(reader.read()).isEqualTo("item 1");
		assertThat(reader.read()).isEqualTo("item 2");
		assertThatThrownBy(reader::read).isInstanceOf(ItemStreamException.class)
			.hasMessageContaining("too deep at 3")
			.hasCauseInstanceOf(StackOverflowError.class);
		reader.close();
	}

	@Test
	void closingBeforeTheEndStopsTheThread() throws Exception {
		PrefetchingReader<Integer, String> reader = reader(1_000_000, -1);
		reader.open(new ExecutionContext());
		assertThat(reader.read()).isEqualTo("item 1");
		reader.close();
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("read-ahead-numbers.read.count"));
	}

}
