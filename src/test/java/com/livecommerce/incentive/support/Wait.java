package com.livecommerce.incentive.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** Polling for something another process does, failing the test after a deadline. */
public final class Wait {

	private Wait() {
	}

	public interface Condition {

		boolean holds() throws Exception;

	}

	public interface Description {

		String text() throws Exception;

	}

	/** Polls every 100 ms until {@code condition} holds; past {@code timeout} the test fails with {@code why}. */
	public static void until(Condition condition, Duration timeout, Description why) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.holds()) {
			if (System.nanoTime() > deadline) {
				assertThat(System.nanoTime()).as("waited too long: %s", why.text()).isLessThan(deadline);
			}
			Thread.sleep(100);
		}
	}

}
