package com.livecommerce.incentive.loadtest;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The most heap this JVM had in use at one moment: the heap in use just before a collection, the
 * largest since {@link #reset}, or what is in use now if that is more. The same measure as a
 * fresh JVM's GC log gives ({@link FreshJvm}). The sum of each heap pool's own peak is not it:
 * eden, survivor and old generation peak at different moments, and their sum can exceed the
 * heap's limit.
 */
final class HeapPeak implements AutoCloseable {

	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter(pool -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toSet());

	private final AtomicLong peakBytes = new AtomicLong();

	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private final NotificationListener listener = (notification, handback) -> {
		if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			observe(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()));
		}
	};

	private HeapPeak() {
	}

	/** Listens to every collector of this JVM until closed. */
	static HeapPeak start() {
		HeapPeak peak = new HeapPeak();
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (gc instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(peak.listener, null, null);
				peak.emitters.add(emitter);
			}
		}
		return peak;
	}

	/** Stops listening (a JVM that runs the benchmark more than once, as the tests do, keeps no listener of a run). */
	@Override
	public void close() {
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// removed already
			}
		}
		this.emitters.clear();
	}

	/** The peak counts from here. */
	void reset() {
		this.peakBytes.set(0);
	}

	/** The peak since the last reset, in MB. */
	long peakMb() {
		observe(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		return this.peakBytes.get() / (1 << 20);
	}

	void observe(long usedBytes) {
		this.peakBytes.accumulateAndGet(usedBytes, Math::max);
	}

	/** The heap pools' use in one snapshot (a collection's before or after). */
	long heapUsed(Map<String, MemoryUsage> pools) {
		long used = 0;
		for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
			if (this.heapPools.contains(pool.getKey())) {
				used += pool.getValue().getUsed();
			}
		}
		return used;
	}

}
