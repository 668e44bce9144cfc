package com.livecommerce.incentive.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heap in use at one moment, not the sum of each pool's own peak. */
class HeapPeakTest {

	private static final long MB = 1 << 20;

	@Test
	void onlyTheHeapPoolsOfOneSnapshotCount() {
		Map<String, MemoryUsage> snapshot = new HashMap<>();
		long heap = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			long used = (pool.getType() == MemoryType.HEAP ? 3 : 5) * MB;
			snapshot.put(pool.getName(), new MemoryUsage(0, used, used, -1));
			heap += pool.getType() == MemoryType.HEAP ? used : 0;
		}
		assertThat(heap).as("a JVM has heap pools").isPositive();
		try (HeapPeak peak = HeapPeak.start()) {
			assertThat(peak.heapUsed(snapshot)).isEqualTo(heap);
		}
	}

	@Test
	void aCollectionAfterABigAllocationLeavesItsPeak() {
		try (HeapPeak peak = HeapPeak.start()) {
			peak.reset();
			byte[][] held = new byte[64][];
			for (int i = 0; i < held.length; i++) {
				held[i] = new byte[(int) MB];
			}
			long whileHeld = peak.peakMb();
			held = null;
			System.gc();
			assertThat(whileHeld).as("64 MB held").isGreaterThanOrEqualTo(64);
			assertThat(peak.peakMb()).as("the peak stays after they are collected")
				.isGreaterThanOrEqualTo(whileHeld)
				.isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() / MB);
			peak.reset();
			assertThat(peak.peakMb()).as("counted again from the reset").isLessThan(whileHeld);
		}
	}

}
