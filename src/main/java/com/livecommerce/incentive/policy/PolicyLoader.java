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

	/**
	 * Checks one version; messages use the YAML key names policy owners write. Each program's
	 * section is checked by its descriptor, after the caps every program has.
	 */
	private static final class Validator {

		private final PolicyChecks checks;

		Validator(Path file) {
			this.checks = new PolicyChecks(file, "");
		}

		void validate(Policy p) {
			PolicyChecks c = this.checks;
			c.require(p.version(), "version");
			if (p.version().isBlank() || p.version().length() > 32) {
				c.fail("version must be 1 to 32 characters");
			}
			c.require(p.effectiveFrom(), "effective_from");
			c.require(p.effectiveTo(), "effective_to");
			inRange(p.effectiveFrom(), "effective_from");
			inRange(p.effectiveTo(), "effective_to");
			if (p.effectiveTo().isBefore(p.effectiveFrom())) {
				c.fail("effective_to " + p.effectiveTo() + " is before effective_from " + p.effectiveFrom());
			}
			c.require(p.industries(), "industries");
			if (p.industries().isEmpty() || p.industries().stream().anyMatch(i -> i == null || i.isBlank())) {
				c.fail("industries must list at least one industry, none blank");
			}
			c.require(p.coupon(), "coupon");
			c.positive(p.coupon().faceValueFen(), "coupon.face_value_fen");
			c.positive(p.coupon().validityDays(), "coupon.validity_days");
			c.notNegative(p.lateArrivalDays(), "late_arrival_days");
			c.require(p.programs(), "programs");
			if (p.programs().present().isEmpty()) {
				c.fail("programs must name at least one of " + String.join(", ", Program.names()));
			}
			for (Program program : p.programs().present()) {
				ProgramSettings settings = p.programs().settings(program);
				PolicyChecks section = c.under("programs." + program.name());
				section.notNegative(settings.monthlyCap(), "monthly_cap");
				if (settings.perBrandMonthlyCap() != null && settings.perBrandMonthlyCap() < 0) {
					section.fail(section.key("per_brand_monthly_cap") + " must not be negative, found "
							+ settings.perBrandMonthlyCap());
				}
				program.descriptor().validate(settings, section);
			}
			c.require(p.risk(), "risk");
			Policy.Risk r = p.risk();
			c.require(r.restrictRefundRateAtLeast(), "risk.restrict_refund_rate_at_least");
			if (r.restrictRefundRateAtLeast().signum() <= 0 || r.restrictRefundRateAtLeast().compareTo(BigDecimal.ONE) > 0) {
				c.fail("risk.restrict_refund_rate_at_least must be above 0 and at most 1");
			}
			c.positive(r.restrictComplaintsAtLeast(), "risk.restrict_complaints_at_least");
			c.positive(r.contentViolationSuspendDays(), "risk.content_violation_suspend_days");
		}

		/** The dates the system accepts anywhere (the same range as the extracts' dates). */
		private void inRange(LocalDate date, String key) {
			if (date.isBefore(BusinessTime.EARLIEST_DATE) || date.isAfter(BusinessTime.LATEST_DATE)) {
				this.checks.fail(key + " " + date + " is outside " + BusinessTime.EARLIEST_DATE + " to "
						+ BusinessTime.LATEST_DATE);
			}
		}

	}

}
