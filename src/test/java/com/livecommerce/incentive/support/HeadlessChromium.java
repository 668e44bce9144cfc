package com.livecommerce.incentive.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A page as a real browser lays it out: headless Chromium (Debian's {@code chromium}; {@code .ci/run}
 * installs it with the CJK fonts). {@link #layout} loads a copy of the page with a measuring script
 * added and returns what it measured: every SVG label that runs outside its chart or over another,
 * and whether the page is wider than the window. {@link #screenshot} writes a PNG for a person to
 * look at. Without Chromium the test is skipped, unless {@code INCENTIVE_TEST_BROWSER=required} (CI),
 * where it fails: a check that silently does not run is no check.
 */
public final class HeadlessChromium {

	/** What the browser measured. */
	public record Layout(List<String> overlaps, List<String> outside, int pageWidth, int windowWidth, int labels) {
	}

	private static final String MEASURE = """
			<script>
			(function () {
			  const out = {overlaps: [], outside: [], pageWidth: document.documentElement.scrollWidth,
			    windowWidth: window.innerWidth, labels: 0};
			  const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5
			    && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
			  const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
			  document.querySelectorAll('svg').forEach(function (svg) {
			    const box = svg.getBoundingClientRect();
			    const texts = Array.from(svg.querySelectorAll('text'))
			      .map(t => ({text: t.textContent, r: t.getBoundingClientRect()}));
			    out.labels += texts.length;
			    texts.forEach(function (a, i) {
			      if (!inside(a.r, box)) out.outside.push(a.text);
			      texts.slice(i + 1).forEach(function (b) { if (meet(a.r, b.r)) out.overlaps.push(a.text + ' / ' + b.text); });
			    });
			    if (box.right > window.innerWidth + 0.5) out.outside.push('a chart ends at ' + box.right + ' px');
			  });
			  const pre = document.createElement('pre');
			  pre.id = 'measured-layout';
			  pre.textContent = JSON.stringify(out);
			  document.body.appendChild(pre);
			})();
			</script>
			""";

	private static final Pattern RESULT = Pattern.compile("<pre id=\"measured-layout\">(.*?)</pre>", Pattern.DOTALL);

	private final Path binary;

	private HeadlessChromium(Path binary) {
		this.binary = binary;
	}

	/** The browser, or the test skipped (failed where {@code INCENTIVE_TEST_BROWSER=required}). */
	public static HeadlessChromium require() {
		Optional<HeadlessChromium> found = find();
		Assumptions.assumeTrue(found.isPresent(), MISSING);
		return found.get();
	}

	/** The browser; empty where there is none (failed where {@code INCENTIVE_TEST_BROWSER=required}). */
	public static Optional<HeadlessChromium> find() {
		Optional<Path> found = Stream.of("chromium", "chromium-browser", "google-chrome")
			.flatMap(name -> Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
				.map(dir -> Path.of(dir, name)))
			.filter(Files::isExecutable)
			.findFirst();
		if (found.isEmpty() && "required".equals(System.getenv("INCENTIVE_TEST_BROWSER"))) {
			throw new AssertionError(MISSING);
		}
		return found.map(HeadlessChromium::new);
	}

	private static final String MISSING = "no headless Chromium on the PATH: apt-get install chromium fonts-noto-cjk"
			+ " (.ci/run does)";

	/** The page laid out in a window {@code width} px wide. */
	public Layout layout(Path page, int width) throws IOException, InterruptedException {
		Path copy = Files.createTempFile("layout-", ".html");
		try {
			String html = Files.readString(page, StandardCharsets.UTF_8);
			int end = html.lastIndexOf("</body>");
			assertThat(end).as("%s has a </body>", page).isPositive();
			Files.writeString(copy, html.substring(0, end) + MEASURE + html.substring(end), StandardCharsets.UTF_8);
			String dom = run(width, "--dump-dom", copy.toUri().toString());
			Matcher m = RESULT.matcher(dom);
			assertThat(m.find()).as("the measuring script ran in Chromium: %s", dom.length() > 400 ? dom.substring(0, 400) : dom)
				.isTrue();
			String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
			JsonNode measured = JsonMapper.builder().build().readTree(json);
			return new Layout(strings(measured.get("overlaps")), strings(measured.get("outside")),
					measured.get("pageWidth").asInt(), measured.get("windowWidth").asInt(), measured.get("labels").asInt());
		}
		finally {
			Files.deleteIfExists(copy);
		}
	}

	/** A PNG of the page in a window {@code width} px wide, for a person (CI keeps it). */
	public void screenshot(Path page, Path png, int width) throws IOException, InterruptedException {
		Files.createDirectories(png.toAbsolutePath().getParent());
		run(width, "--screenshot=" + png.toAbsolutePath(), page.toAbsolutePath().toUri().toString());
		assertThat(png).as("Chromium wrote the screenshot").isNotEmptyFile();
	}

	private String run(int width, String what, String url) throws IOException, InterruptedException {
		Path profile = Files.createTempDirectory("chromium-profile-");
		Process p = new ProcessBuilder(this.binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
				"--window-size=" + width + ",2400", "--virtual-time-budget=5000", what, url)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		byte[] out = p.getInputStream().readAllBytes();
		boolean ended = p.waitFor(120, TimeUnit.SECONDS);
		if (!ended) {
			p.destroyForcibly();
		}
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
		}
		assertThat(ended && p.exitValue() == 0).as("chromium %s exited 0", what).isTrue();
		return new String(out, StandardCharsets.UTF_8);
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
