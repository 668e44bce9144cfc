package com.livecommerce.incentive.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;

/**
 * The one table of what every recorded code means, in Chinese a support agent can read out to a
 * merchant, and the clause of the policy it rests on ({@code texts/codes.properties}): programs,
 * reject reasons, eligibility reasons, cold-start, growth and benchmark outcomes, statuses,
 * triggers, industries. The private messages, {@code explain} and the monthly report all take
 * their words from here, so a merchant hears the same sentence from each.
 */
public final class CodeTexts {

	private static final Properties TABLE = load();

	private CodeTexts() {
	}

	/** The sentence of {@code family.code} (e.g. "reason", "CAP_EXHAUSTED"); the code itself when the table has none. */
	public static String text(String family, String code) {
		return find(family, code).orElse(code);
	}

	/** The sentence, when the table has one. */
	public static Optional<String> find(String family, String code) {
		return code == null ? Optional.empty() : Optional.ofNullable(TABLE.getProperty(family + "." + code));
	}

	/** The clause of the policy the code rests on, e.g. "§3.2"; empty when the table gives none. */
	public static Optional<String> clause(String family, String code) {
		return code == null ? Optional.empty() : Optional.ofNullable(TABLE.getProperty(family + "." + code + ".clause"));
	}

	/** "《视频号直播带货品牌激励政策》". */
	public static String policyName() {
		return TABLE.getProperty("policy_name");
	}

	/** "依据《视频号直播带货品牌激励政策》§3.2", or "" without a clause. */
	public static String basis(String family, String code) {
		return clause(family, code).map(c -> "依据" + policyName() + c).orElse("");
	}

	/** Any key of the table (for the message templates, whose ${...} may name one), null when absent. */
	public static String raw(String key) {
		return TABLE.getProperty(key);
	}

	/**
	 * The product's table, then every other {@code texts/codes.properties} on the class path (a
	 * program registered by a jar of its own brings its names and clauses so): they add codes, and
	 * none may give a code of another a second text.
	 */
	private static Properties load() {
		Properties table = new Properties();
		try {
			URL own = CodeTexts.class.getResource("/texts/codes.properties");
			read(own, table);
			for (URL more : Collections.list(CodeTexts.class.getClassLoader().getResources("texts/codes.properties"))) {
				if (more.toString().equals(own.toString())) {
					continue;
				}
				Properties added = new Properties();
				read(more, added);
				for (String key : added.stringPropertyNames()) {
					if (table.containsKey(key)) {
						throw new IllegalStateException(more + " gives " + key + " a text of its own; that code's text is"
								+ " in " + own + " already");
					}
					table.setProperty(key, added.getProperty(key));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return table;
	}

	private static void read(URL resource, Properties into) throws IOException {
		try (InputStream in = resource.openStream()) {
			into.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
	}

}
