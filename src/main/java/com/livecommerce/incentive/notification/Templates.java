package com.livecommerce.incentive.notification;

import com.livecommerce.incentive.common.CodeTexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message texts of {@code notification/templates.properties} (UTF-8), with the names of codes
 * from the one table of {@link CodeTexts}, and their rendering:
 * {@code ${name}} takes a value from the given map, or another text of the file (itself rendered); a name that is
 * neither is a programming error and fails loudly rather than sending "${name}" to a merchant.
 */
public final class Templates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

	private final Properties texts = new Properties();

	public Templates() {
		this("/notification/templates.properties");
	}

	/** The texts of another classpath resource (a deployment's own wording, or a test's), UTF-8. */
	public Templates(String resource) {
		try (InputStream in = Templates.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("no message texts " + resource + " on the classpath");
			}
			this.texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Each text cut once at its placeholders: literal, name, literal, name … (the regex runs once per text, not per message). */
	private final Map<String, String[]> parts = new java.util.concurrent.ConcurrentHashMap<>();

	/** The text of {@code key} with its placeholders filled. */
	public String render(String key, Map<String, ?> values) {
		String[] pieces = this.parts.computeIfAbsent(key, k -> cut(text(k)));
		StringBuilder out = new StringBuilder(pieces[0]);
		for (int i = 1; i < pieces.length; i += 2) {
			String name = pieces[i];
			Object value = values.containsKey(name) ? values.get(name)
					: lookup(name) == null ? null : render(name, values);
			if (value == null) {
				throw new IllegalStateException("template " + key + " needs a value for ${" + name + "}");
			}
			out.append(value).append(pieces[i + 1]);
		}
		return out.toString();
	}

	private static String[] cut(String text) {
		java.util.List<String> pieces = new java.util.ArrayList<>();
		Matcher m = PLACEHOLDER.matcher(text);
		int last = 0;
		while (m.find()) {
			pieces.add(text.substring(last, m.start()));
			pieces.add(m.group(1));
			last = m.end();
		}
		pieces.add(text.substring(last));
		return pieces.toArray(String[]::new);
	}

	public String text(String key) {
		String text = lookup(key);
		if (text == null) {
			throw new IllegalStateException("no message text " + key
					+ " in notification/templates.properties or texts/codes.properties");
		}
		return text;
	}

	/** The keys of {@code keys} that neither the templates nor the code table have: what a message would fail on. */
	public java.util.List<String> missing(java.util.Collection<String> keys) {
		return keys.stream().filter(k -> lookup(k) == null).toList();
	}

	/** A text of the templates, or else a name of the code table ({@link CodeTexts}: programs, reasons, statuses …). */
	private String lookup(String key) {
		String text = this.texts.getProperty(key);
		return text != null ? text : CodeTexts.raw(key);
	}

}
