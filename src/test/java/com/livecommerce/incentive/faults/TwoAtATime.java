package com.livecommerce.incentive.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Kill-and-restart cases, two at a time (each on a database of its own): one child starts while the other runs. */
final class TwoAtATime {

	private TwoAtATime() {
	}

	/** Runs every case; the first failure, in the cases' order, fails the test. */
	static void run(List<Callable<Void>> cases) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<Void>> runs = new ArrayList<>();
			for (Callable<Void> c : cases) {
				runs.add(pool.submit(c));
			}
			for (Future<Void> run : runs) {
				try {
					run.get();
				}
				catch (ExecutionException ex) {
					throw ex.getCause() instanceof Error error ? error : new AssertionError(ex.getCause());
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
