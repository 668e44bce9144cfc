package com.livecommerce.incentive.policy;

import com.livecommerce.incentive.common.BusinessTime;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads every {@code *.yaml}/{@code *.yml} file of a policy directory into a {@link PolicySet}
 * and rejects anything a policy owner could get wrong: bad YAML, an unknown or missing key, a
 * negative or zero amount where it makes no sense, tiers out of order, overlapping versions.
 * Nothing touches the database before this has passed (exit code 2 otherwise).
 */
public final class PolicyLoader {

	private static final YAMLMapper MAPPER = YAMLMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // binding too, not only trees: no "last one wins"
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.build();

	private PolicyLoader() {
	}

	public static PolicySet load(Path directory) {
		if (!Files.isDirectory(directory)) {
			throw new PolicyException("policy directory " + directory + (Files.exists(directory)
					? " is a file, not a directory (it holds one YAML file per version)" : " does not exist"));
		}
		List<Path> files;
		try (Stream<Path> list = Files.list(directory)) {
			files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new PolicyException("cannot list policy directory " + directory + ": " + ex.getMessage());
		}
		if (files.isEmpty()) {
			throw new PolicyException("policy directory " + directory + " holds no policy version (*.yaml)");
		}
		Path root = realPath(directory);
		for (Path file : files) {
			if (!realPath(file).startsWith(root)) {
				// never read: its text could be anything (a link to /etc/passwd), and a message would quote it
				throw new PolicyException(file + " is a link to a file outside the policy directory; a policy version is"
						+ " a file of the directory itself");
			}
		}
		// one launch checks the directory, orders the run, records the versions and runs the job: the
		// files are parsed and validated once for all of them, again only when their bytes change
		String fingerprint = fingerprint(directory, files);
		Loaded last = lastLoaded;
		if (last != null && last.fingerprint().equals(fingerprint)) {
			return last.policies();
		}
		PolicySet loaded = parse(directory, files);
		lastLoaded = new Loaded(fingerprint, loaded);
		return loaded;
	}

	private record Loaded(String fingerprint, PolicySet policies) {
	}

	private static volatile Loaded lastLoaded;

	/** The directory as given, and each file's name and bytes. */
	private static String fingerprint(Path directory, List<Path> files) {
		java.security.MessageDigest digest;
		try {
			digest = java.security.MessageDigest.getInstance("SHA-256");
			digest.update(directory.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
			for (Path file : files) {
				digest.update((byte) 0);
				digest.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(Files.readAllBytes(file));
			}
		}
		catch (IOException ex) {
			throw new PolicyException("cannot read policy directory " + directory + ": " + ex.getMessage());
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		return java.util.HexFormat.of().formatHex(digest.digest());
	}

	private static PolicySet parse(Path directory, List<Path> files) {
		List<Policy> versions = new ArrayList<>();
		for (Path file : files) {
			Policy policy = read(file);
			new Validator(file).validate(policy);
			versions.add(policy.withSourceFile(file));
		}
		versions.sort(Comparator.comparing(Policy::effectiveFrom));
		Set<String> names = new HashSet<>();
		for (int i = 0; i < versions.size(); i++) {
			Policy current = versions.get(i);
			if (!names.add(current.version())) {
				throw new PolicyException(current.sourceFile() + ": version \"" + current.version()
						+ "\" is used by another file too; version names are unique");
			}
			if (i > 0) {
				Policy previous = versions.get(i - 1);
				if (!current.effectiveFrom().isAfter(previous.effectiveTo())) {
					throw new PolicyException(current.sourceFile() + ": version \"" + current.version() + "\" ("
							+ current.effectiveFrom() + " to " + current.effectiveTo() + ") overlaps version \""
							+ previous.version() + "\" of " + previous.sourceFile() + " (" + previous.effectiveFrom()
							+ " to " + previous.effectiveTo() + ")");
				}
			}
		}
		return new PolicySet(directory, versions);
	}

	/**
	 * A version from its text, as recorded when it first governed a run; checked like a file.
	 * {@code source} names where the text comes from, for messages.
	 */
	public static Policy parse(String yaml, Path source) {
		Policy policy;
		try {
			policy = MAPPER.readValue(yaml, Policy.class);
		}
		catch (JacksonException ex) {
			throw new PolicyException(source + ": " + problem(ex, "not a valid policy text", yaml));
		}
		if (policy == null) {
			throw new PolicyException(source + ": the text is empty");
		}
		new Validator(source).validate(policy);
		return policy.withSourceFile(source);
	}

	/** The version's values as the tree of its YAML keys (its source file left out), for comparing. */
	static tools.jackson.databind.JsonNode tree(Policy policy) {
		return MAPPER.valueToTree(policy.withSourceFile(null));
	}

	private static Policy read(Path file) {
		try {
			Policy policy = MAPPER.readValue(file.toFile(), Policy.class);
			if (policy == null) {
				throw new PolicyException(file + ": the file is empty");
			}
			return policy;
		}
		catch (UnrecognizedPropertyException ex) {
			throw new PolicyException(file + " line " + ex.getLocation().getLineNr() + ": unknown key '"
					+ cut(String.valueOf(ex.getPropertyName())) + "'" + where(ex, true));
		}
		catch (JacksonException ex) {
			String location = ex.getLocation() == null ? "" : " line " + ex.getLocation().getLineNr();
			String text;
			try {
				text = Files.readString(file);
			}
			catch (IOException | RuntimeException unreadable) {
				text = "";
			}
			throw new PolicyException(file + location + ": " + problem(ex, "not a valid policy file", text));
		}
	}

	private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern
		.compile("Duplicate Object property \"(.*)\"");

	/** A value the parser quotes: the whole text of a file can be one. */
	private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("(?s)\\s*\\((['\"]).*\\1\\)");

	/**
	 * What is wrong with the text, in the words of the policy file. Of {@code text} it quotes at
	 * most the offending line, cut to 200 characters: the parser's own message loses the values it
	 * quotes and keeps its first line.
	 */
	private static String problem(JacksonException ex, String otherwise, String text) {
		java.util.regex.Matcher duplicate = DUPLICATE.matcher(String.valueOf(ex.getOriginalMessage()));
		if (duplicate.matches()) {
			return "duplicate key '" + cut(duplicate.group(1)) + "'" + where(ex, false)
					+ ": each key is written once (a second one would silently replace the first)";
		}
		String message = QUOTED.matcher(String.valueOf(ex.getOriginalMessage())).replaceAll("");
		message = cut(message.lines().findFirst().orElse(""));
		int line = ex.getLocation() == null ? 0 : ex.getLocation().getLineNr();
		String offending = line <= 0 ? null : text.lines().skip(line - 1L).findFirst().orElse(null);
		return otherwise + ": " + message + (offending == null ? "" : "; line " + line + ": " + cut(offending));
	}

	/** At most 200 characters of {@code value}, control characters shown as '?'. */
	static String cut(String value) {
		String printable = value.codePoints()
			.map(c -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return printable.length() <= 200 ? printable : printable.substring(0, 200) + "…";
	}

	private static Path realPath(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			throw new PolicyException("cannot read " + path + ": " + cut(String.valueOf(ex.getMessage())));
		}
	}

	/**
	 * Where in the file, e.g. "programs.GROWTH.tiers[0]": the keys the parser was under, without
	 * the last when that is the offending key itself.
	 */
	private static String where(JacksonException ex, boolean withoutLast) {
		List<JacksonException.Reference> refs = ex.getPath();
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference ref : refs.subList(0, Math.max(0, refs.size() - (withoutLast ? 1 : 0)))) {
			if (ref.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "" : " under " + path;
	}

	/** Checks one version; messages use the YAML key names policy owners write. */
	private static final class Validator {

		private final Path file;

		Validator(Path file) {
			this.file = file;
		}

		void validate(Policy p) {
			require(p.version(), "version");
			if (p.version().isBlank() || p.version().length() > 32) {
				fail("version must be 1 to 32 characters");
			}
			require(p.effectiveFrom(), "effective_from");
			require(p.effectiveTo(), "effective_to");
			inRange(p.effectiveFrom(), "effective_from");
			inRange(p.effectiveTo(), "effective_to");
			if (p.effectiveTo().isBefore(p.effectiveFrom())) {
				fail("effective_to " + p.effectiveTo() + " is before effective_from " + p.effectiveFrom());
			}
			require(p.industries(), "industries");
			if (p.industries().isEmpty() || p.industries().stream().anyMatch(i -> i == null || i.isBlank())) {
				fail("industries must list at least one industry, none blank");
			}
			require(p.coupon(), "coupon");
			positive(p.coupon().faceValueFen(), "coupon.face_value_fen");
			positive(p.coupon().validityDays(), "coupon.validity_days");
			notNegative(p.lateArrivalDays(), "late_arrival_days");
			require(p.programs(), "programs");
			Policy.Programs programs = p.programs();
			if (programs.coldStart() == null && programs.growth() == null && programs.benchmark() == null) {
				fail("programs must name at least one of COLD_START, GROWTH, BENCHMARK");
			}
			if (programs.coldStart() != null) {
				Policy.ColdStart c = programs.coldStart();
				caps(c.monthlyCap(), c.perBrandMonthlyCap(), "programs.COLD_START");
				positive(c.coupons(), "programs.COLD_START.coupons");
				notNegative(c.firstBroadcastWindowDays(), "programs.COLD_START.first_broadcast_window_days");
				positive(c.dormantDays(), "programs.COLD_START.dormant_days");
			}
			if (programs.growth() != null) {
				growth(programs.growth());
			}
			if (programs.benchmark() != null) {
				benchmark(programs.benchmark());
			}
			require(p.risk(), "risk");
			Policy.Risk r = p.risk();
			require(r.restrictRefundRateAtLeast(), "risk.restrict_refund_rate_at_least");
			if (r.restrictRefundRateAtLeast().signum() <= 0 || r.restrictRefundRateAtLeast().compareTo(BigDecimal.ONE) > 0) {
				fail("risk.restrict_refund_rate_at_least must be above 0 and at most 1");
			}
			positive(r.restrictComplaintsAtLeast(), "risk.restrict_complaints_at_least");
			positive(r.contentViolationSuspendDays(), "risk.content_violation_suspend_days");
		}

		private void growth(Policy.Growth g) {
			caps(g.monthlyCap(), g.perBrandMonthlyCap(), "programs.GROWTH");
			positive(g.baselineDays(), "programs.GROWTH.baseline_days");
			require(g.tiers(), "programs.GROWTH.tiers");
			if (g.tiers().isEmpty()) {
				fail("programs.GROWTH.tiers must list at least one tier");
			}
			Set<String> names = new HashSet<>();
			for (int i = 0; i < g.tiers().size(); i++) {
				Policy.Tier t = g.tiers().get(i);
				String at = "programs.GROWTH.tiers[" + i + "]";
				require(t, at);
				require(t.name(), at + ".name");
				if (!t.name().matches("[A-Za-z0-9_]{1,16}") || !names.add(t.name())) {
					fail(at + ".name must be a unique word of at most 16 letters or digits");
				}
				notNegative(t.minGmvFen(), at + ".min_gmv_fen");
				positive(t.coupons(), at + ".coupons");
				if (t.minGrowth() != null && t.minGrowth().compareTo(BigDecimal.ONE.negate()) < 0) {
					fail(at + ".min_growth must be at least -1 (growth is GMV / baseline - 1)");
				}
				for (int above = 0; above < i; above++) {
					Policy.Tier higher = g.tiers().get(above);
					if (asksNoMore(higher, t)) {
						fail(at + " (" + t.name() + ") can never be met: tiers[" + above + "] (" + higher.name()
								+ ") asks no more in min_gmv_fen and min_growth and is checked first; list the tiers"
								+ " most demanding first");
					}
				}
			}
		}

		/**
		 * Whether every session that meets {@code lower} also meets {@code higher}: then {@code lower},
		 * listed after it, is never reached. A tier without min_growth needs no baseline, so it asks
		 * less than any min_growth.
		 */
		private static boolean asksNoMore(Policy.Tier higher, Policy.Tier lower) {
			boolean gmv = higher.minGmvFen() <= lower.minGmvFen();
			boolean growth = higher.minGrowth() == null
					|| lower.minGrowth() != null && higher.minGrowth().compareTo(lower.minGrowth()) <= 0;
			return gmv && growth;
		}

		private void benchmark(Policy.Benchmark b) {
			caps(b.monthlyCap(), b.perBrandMonthlyCap(), "programs.BENCHMARK");
			notNegative(b.minLeadDays(), "programs.BENCHMARK.min_lead_days");
			positive(b.matchWindowHours(), "programs.BENCHMARK.match_window_hours");
			require(b.milestones(), "programs.BENCHMARK.milestones");
			if (b.milestones().isEmpty()) {
				fail("programs.BENCHMARK.milestones must list at least one milestone");
			}
			int previousPct = 0;
			for (int i = 0; i < b.milestones().size(); i++) {
				Policy.Milestone m = b.milestones().get(i);
				String at = "programs.BENCHMARK.milestones[" + i + "]";
				require(m, at);
				positive(m.pct(), at + ".pct");
				positive(m.coupons(), at + ".coupons");
				if (m.pct() <= previousPct) {
					fail(at + ".pct must be higher than the milestone before it");
				}
				previousPct = m.pct();
			}
		}

		private void caps(Integer monthlyCap, Integer perBrandMonthlyCap, String at) {
			notNegative(monthlyCap, at + ".monthly_cap");
			if (perBrandMonthlyCap != null && perBrandMonthlyCap < 0) {
				fail(at + ".per_brand_monthly_cap must not be negative, found " + perBrandMonthlyCap);
			}
		}

		/** The dates the system accepts anywhere (the same range as the extracts' dates). */
		private void inRange(LocalDate date, String key) {
			if (date.isBefore(BusinessTime.EARLIEST_DATE) || date.isAfter(BusinessTime.LATEST_DATE)) {
				fail(key + " " + date + " is outside " + BusinessTime.EARLIEST_DATE + " to " + BusinessTime.LATEST_DATE);
			}
		}

		private void require(Object value, String key) {
			if (value == null) {
				fail(key + " is required");
			}
		}

		private void positive(Number value, String key) {
			require(value, key);
			if (value.longValue() <= 0) {
				fail(key + " must be positive, found " + value);
			}
		}

		private void notNegative(Number value, String key) {
			require(value, key);
			if (value.longValue() < 0) {
				fail(key + " must not be negative, found " + value);
			}
		}

		private void fail(String problem) {
			throw new PolicyException(this.file + ": " + problem);
		}

	}

}
