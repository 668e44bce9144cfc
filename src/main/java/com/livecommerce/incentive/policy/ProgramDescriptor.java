package com.livecommerce.incentive.policy;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One program of the policy, whole: its name and grant ids, the record of its section of a policy
 * version, the checks of that section, its lines in {@code policy check}'s sheet and the keys
 * {@code simulate --sweep} may set. The rule it runs is the descriptor too: an account-day program
 * implements {@code allocation.AccountDayProgram}; the event program (BENCHMARK) is settled by
 * its own step.
 *
 * <p>
 * Descriptors are registered with {@link java.util.ServiceLoader} in
 * {@code META-INF/services/com.livecommerce.incentive.policy.ProgramDescriptor}; {@link Program}
 * is the registry. Its texts (its Chinese name {@code program.<NAME>} and clause) come from a
 * {@code texts/codes.properties} on the class path. docs/layout.md has the recipe.
 */
public interface ProgramDescriptor {

	/**
	 * Its name in policy files, tables, texts and messages: capital letters, digits and '_', at most
	 * 16 characters (the program columns are VARCHAR(16)).
	 */
	String name();

	/** The code before the ':' of its grant ids ({@code CS:<session>}); unique among programs. */
	String grantIdPrefix();

	/** Where it comes in every list of programs: the three of the SPEC 10, 20, 30. */
	int order();

	/** The record its section of a version is read into (snake_case keys, unknown keys refused). */
	Class<? extends ProgramSettings> settingsType();

	/**
	 * Checks a section beyond its caps (which the loader checks for every program); {@code checks}
	 * names keys under {@code programs.<NAME>}.
	 */
	void validate(ProgramSettings settings, PolicyChecks checks);

	/** Its lines in the policy sheet after its caps, in order; the label without the program's name. */
	List<SheetRow> sheetRows();

	/** Whole-number keys of its section that {@code simulate --sweep} may set, besides the caps. */
	Set<String> sweepFields();

	/** One line of the policy sheet: its label and the value it shows of a section. */
	record SheetRow(String label, Function<ProgramSettings, String> value) {

		/** A row showing one value of a section of type {@code S}: "-" for none, decimals plain. */
		public static <S extends ProgramSettings> SheetRow of(String label, Class<S> type, Function<S, Object> value) {
			return new SheetRow(label, settings -> show(value.apply(type.cast(settings))));
		}

		public static String show(Object value) {
			return value == null ? "-" : value instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString()
					: value.toString();
		}

	}

}
