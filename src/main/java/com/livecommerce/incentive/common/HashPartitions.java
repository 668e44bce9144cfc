package com.livecommerce.incentive.common;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A step whose rows fall into independent parts by a key (a file's lines by the key they carry),
 * run as parts side by side: the same worker step once per part, each on a thread of its own and
 * with restart state of its own ({@code <name>:part0}, {@code <name>:part1} …). A row belongs to
 * part {@code CRC32(key) MOD parts} ({@link #partOf}), so a restarted part reads exactly its own
 * rows again. For work that is one stream of reading, computing in Java and writing: one part's
 * Java runs while the other's database works. Rows read from the database are split by ranges of
 * their key instead ({@link KeyRanges}): each part then writes its own stretch of the key.
 */
public final class HashPartitions {

	static final String PART = "partition.part";

	static final String PARTS = "partition.parts";

	private HashPartitions() {
	}

	/** The step {@code name}: {@code worker} once per part by the hash of a key ({@link #partOf}). */
	public static PartitionStepBuilder builder(String name, JobRepository jobRepository, Step worker, int parts) {
		return partitioned(name, jobRepository, worker, parts, HashPartitions::contexts);
	}

	/**
	 * The step {@code name}: {@code worker} once per part the partitioner names, each on a thread of
	 * its own. A first attempt makes {@code parts} parts; a restart is handed the first attempt's
	 * number again by Spring Batch (the grid size it stored) and makes those, whatever is configured
	 * by then: with fewer, the failed parts would never run again; with more, rows would be read
	 * twice. A restarted part is handed its first attempt's execution context.
	 */
	static PartitionStepBuilder partitioned(String name, JobRepository jobRepository, Step worker, int parts,
			Partitioner partitioner) {
		return new StepBuilder(name, jobRepository).partitioner(name, partitioner)
			.step(worker)
			.gridSize(parts)
			.taskExecutor(Lanes.of(name + "-", parts));
	}

	/**
	 * The part of {@code parts} that {@code key} belongs to: CRC32 of its UTF-8 bytes, modulo the
	 * parts.
	 */
	public static int partOf(String key, int parts) {
		CRC32 crc = new CRC32();
		crc.update(key.getBytes(StandardCharsets.UTF_8));
		return (int) (crc.getValue() % parts);
	}

	/** Whether {@code stepName} is a part's execution ({@code <step>:part<n>}, as Spring Batch names them). */
	public static boolean isPart(String stepName) {
		return PART_NAME.matcher(stepName).find();
	}

	/** The partitioned step a part's execution belongs to; any other step's name as it is. */
	public static String stepOf(String stepName) {
		return PART_NAME.matcher(stepName).replaceFirst("");
	}

	private static final Pattern PART_NAME = Pattern.compile(":part\\d+$");

	static Map<String, ExecutionContext> contexts(int parts) {
		Map<String, ExecutionContext> contexts = new TreeMap<>();
		for (int part = 0; part < parts; part++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(PART, part);
			context.putInt(PARTS, parts);
			contexts.put("part" + part, context);
		}
		return contexts;
	}

	/** The part a worker's execution context names (0 outside a partitioned step). */
	public static int part(ExecutionContext context) {
		return context.containsKey(PART) ? context.getInt(PART) : 0;
	}

	/** How many parts there are (1 outside a partitioned step). */
	public static int parts(ExecutionContext context) {
		return context.containsKey(PARTS) ? context.getInt(PARTS) : 1;
	}

}
