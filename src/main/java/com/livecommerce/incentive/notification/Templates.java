package com.livecommerce.incentive.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message texts of {@code notification/templates.properties} (UTF-8) and their rendering:
 * {@code ${name}} takes a value from the given map, or another text of the file (itself rendered); a name that is
 * neither is a programming error and fails loudly rather than sending "${name}" to a merchant.
 */
public final class Templates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

	private final Properties texts = new Properties();

	public Templates() {
		try (InputStream in = Templates.class.getResourceAsStream("/notification/templates.properties")) {
			this.texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The text of {@code key} with its placeholders filled. */
	public String render(String key, Map<String, ?> values) {
		String text = text(key);
		Matcher m = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String name = m.group(1);
			Object value = values.containsKey(name) ? values.get(name)
					: this.texts.getProperty(name) == null ? null : render(name, values);
			if (value == null) {
				throw new IllegalStateException("template " + key + " needs a value for ${" + name + "}");
			}
			m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
		}
		m.appendTail(out);
		return out.toString();
	}

	public String text(String key) {
		String text = this.texts.getProperty(key);
		if (text == null) {
			throw new IllegalStateException("no message text " + key + " in notification/templates.properties");
		}
		return text;
	}

	/** Fen as yuan: 1234567 → ¥12,345.67. */
	static String yuan(long fen) {
		return "¥" + String.format(java.util.Locale.ROOT, "%,.2f", BigDecimal.valueOf(fen).movePointLeft(2));
	}

}
