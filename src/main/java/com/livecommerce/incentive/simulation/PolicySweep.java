package com.livecommerce.incentive.simulation;

import com.livecommerce.incentive.policy.Program;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code simulate --sweep PROGRAM.field=v1,v2,…}: one cap or threshold of the candidate tried at
 * several values, as ad platforms project results for a series of budgets. Each value gives a
 * copy of the candidate directory with that field set in every version that has the program;
 * the copies are checked by the policy loader like any candidate.
 *
 * @param program a registered program ({@link Program})
 * @param field a key of that program (monthly_cap, per_brand_monthly_cap, coupons, …)
 * @param values the values, in the order given
 */
public record PolicySweep(String program, String field, List<String> values) {

	private static final Pattern SPEC = Pattern.compile("([A-Z][A-Z0-9_]*)\\.([a-z_]+)=(.+)");

	private static final Pattern VALUE = Pattern.compile("[0-9]{1,9}");

	private static final YAMLMapper MAPPER = YAMLMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // 0.30 stays exactly 0.30
		.build();

	/** Parses {@code PROGRAM.field=v1,v2,…}; throws IllegalArgumentException with the reason. */
	public static PolicySweep parse(String spec) {
		Matcher m = SPEC.matcher(spec);
		if (!m.matches() || Program.find(m.group(1)).isEmpty()) {
			throw new IllegalArgumentException("--sweep takes PROGRAM.field=v1,v2,… with PROGRAM one of "
					+ String.join(", ", Program.names()) + ", e.g. GROWTH.monthly_cap=300,450,600");
		}
		Set<String> fields = new TreeSet<>(Program.valueOf(m.group(1)).descriptor().sweepFields());
		fields.addAll(List.of("monthly_cap", "per_brand_monthly_cap"));
		if (!fields.contains(m.group(2))) {
			throw new IllegalArgumentException("--sweep: " + m.group(2) + " is not a field of " + m.group(1)
					+ " that can be swept; one of " + String.join(", ", fields));
		}
		List<String> values = Arrays.stream(m.group(3).split(",", -1)).map(String::strip).toList();
		if (values.size() < 2 || values.size() > 8 || values.stream().anyMatch(v -> !VALUE.matcher(v).matches())
				|| values.stream().distinct().count() != values.size()) {
			throw new IllegalArgumentException("--sweep: give 2 to 8 different whole numbers, e.g. =300,450,600 (got "
					+ m.group(3) + ")");
		}
		return new PolicySweep(m.group(1), m.group(2), values);
	}

	/** Writes the candidate {@code from} with the field set to {@code value} into {@code to}. */
	public void write(Path from, String value, Path to) {
		try {
			Files.createDirectories(to);
			List<Path> files;
			try (Stream<Path> list = Files.list(from)) {
				files = list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
			}
			for (Path file : files) {
				JsonNode tree = MAPPER.readTree(file.toFile());
				JsonNode programs = tree.get("programs");
				if (programs instanceof ObjectNode && programs.get(this.program) instanceof ObjectNode section) {
					section.put(this.field, new BigDecimal(value).intValueExact());
				}
				Files.writeString(to.resolve(file.getFileName()), "# " + file + " with " + this.program + "." + this.field
						+ " = " + value + " (simulate --sweep)\n" + MAPPER.writeValueAsString(tree));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the swept candidate to " + to, ex);
		}
	}

	@Override
	public String toString() {
		return this.program + "." + this.field;
	}

}
