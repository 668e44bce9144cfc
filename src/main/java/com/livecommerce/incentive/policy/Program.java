package com.livecommerce.incentive.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A program of the policy, each with its own monthly pool; and the registry of them all. The
 * programs are those whose {@link ProgramDescriptor} is registered on the class path (the three
 * of the SPEC ship with the product: COLD_START §二, GROWTH §三, BENCHMARK §四), in their
 * {@link ProgramDescriptor#order()}. Every list of programs (pools, summaries, the policy sheet,
 * the message check) is {@link #values()}.
 */
public final class Program implements Comparable<Program> {

	private static final List<Program> ALL = load();

	/** §二 品牌冷启动扶持. */
	public static final Program COLD_START = builtIn("COLD_START");

	/** §三 成长扶持. */
	public static final Program GROWTH = builtIn("GROWTH");

	/** §四 品牌标杆案例扶持. */
	public static final Program BENCHMARK = builtIn("BENCHMARK");

	private final ProgramDescriptor descriptor;

	private Program(ProgramDescriptor descriptor) {
		this.descriptor = descriptor;
	}

	/** Every registered program, in order. */
	public static List<Program> values() {
		return ALL;
	}

	/** The program of that name; IllegalArgumentException when none is registered under it. */
	public static Program valueOf(String name) {
		return find(name).orElseThrow(() -> new IllegalArgumentException("no program " + name
				+ " is registered (programs: " + String.join(", ", names()) + ")"));
	}

	public static Optional<Program> find(String name) {
		return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
	}

	public static List<String> names() {
		return ALL.stream().map(Program::name).toList();
	}

	public String name() {
		return this.descriptor.name();
	}

	public ProgramDescriptor descriptor() {
		return this.descriptor;
	}

	/** Grant ids are derived from business keys: {@code CS:<session>}, {@code GR:<session>}, {@code BM:<event>}. */
	public String grantId(String key) {
		return this.descriptor.grantIdPrefix() + ":" + key;
	}

	/** The program's section of {@code policy}; null when the version leaves it out. */
	public ProgramSettings settingsIn(Policy policy) {
		return policy.programs().settings(this);
	}

	/** The program's monthly cap under {@code policy}; 0 when the version leaves the program out (SPEC §2.1). */
	public int monthlyCap(Policy policy) {
		ProgramSettings settings = settingsIn(policy);
		return settings == null ? 0 : settings.monthlyCap();
	}

	/** The optional per-brand monthly cap; null means no per-brand limit. */
	public Integer perBrandMonthlyCap(Policy policy) {
		ProgramSettings settings = settingsIn(policy);
		return settings == null ? null : settings.perBrandMonthlyCap();
	}

	@Override
	public int compareTo(Program other) {
		return Integer.compare(ALL.indexOf(this), ALL.indexOf(other));
	}

	@Override
	public String toString() {
		return name();
	}

	private static Program builtIn(String name) {
		return find(name).orElseThrow(() -> new IllegalStateException("the program " + name
				+ " is not registered: META-INF/services/" + ProgramDescriptor.class.getName() + " is missing from the"
				+ " class path"));
	}

	private static List<Program> load() {
		List<Program> programs = new ArrayList<>();
		ServiceLoader.load(ProgramDescriptor.class, Program.class.getClassLoader())
			.forEach(d -> programs.add(new Program(d)));
		programs.sort(Comparator.comparingInt((Program p) -> p.descriptor.order()).thenComparing(Program::name));
		Set<String> names = new HashSet<>();
		Set<String> prefixes = new HashSet<>();
		for (Program program : programs) {
			String name = program.name();
			if (name == null || !name.matches("[A-Z][A-Z0-9_]{0,15}")) {
				throw new IllegalStateException(program.descriptor.getClass().getName() + " names its program \"" + name
						+ "\": a program's name is capital letters, digits and '_', at most 16");
			}
			if (!names.add(name)) {
				throw new IllegalStateException("two programs are registered as " + name);
			}
			String prefix = program.descriptor.grantIdPrefix();
			if (prefix == null || !prefix.matches("[A-Z]{2,8}") || !prefixes.add(prefix)) {
				throw new IllegalStateException(name + "'s grant-id prefix \"" + prefix
						+ "\" must be 2 to 8 capital letters, used by no other program");
			}
		}
		return List.copyOf(programs);
	}

}
