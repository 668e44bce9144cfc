package com.livecommerce.incentive.monthly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The month's report page from figures given by hand, without a database. */
class MonthlyReportPageTest {

	private static final YearMonth M = YearMonth.of(2023, 11);

	@Test
	void thePageIsWellFormedSelfContainedAndShowsTheFiguresItIsGiven() throws Exception {
		MonthlyReportData data = new MonthlyReportData(M,
				List.of(new MonthlyReportData.Total("COLD_START", 6, 18, 180_000, 1, 0, 0, 17)),
				Map.of("COLD_START", List.of(new MonthlyReportData.Day(LocalDate.of(2023, 11, 29), 18, 18, 0),
						new MonthlyReportData.Day(LocalDate.of(2023, 11, 30), 18, 18, 0))),
				List.of(new MonthlyReportData.ClawbackReason("EMULATOR", "§5.2.7", 1, 1, 0)),
				List.of(new MonthlyReportData.Brand("BR<&\"'>", "Lumière & <Co>", "BEAUTY", 63, 630_000, 1, 0)));
		String html = MonthlyReportPage.render(data);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(false);
		Document page = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
		var xpath = XPathFactory.newInstance().newXPath();
		assertThat(xpath.evaluate("//td[@data-program='COLD_START'][@data-field='coupons_granted']", page)).isEqualTo("18");
		assertThat(xpath.evaluate("//td[@data-program='COLD_START'][@data-field='granted_value_yuan']", page))
			.isEqualTo("1800.00");
		assertThat(xpath.evaluate("//p[@data-program='COLD_START'][@data-field='ran_out']", page))
			.isEqualTo("额度用完于 2023-11-29");
		assertThat(xpath.evaluate("//td[@data-field='brand_id']", page)).as("escaped, read back as written")
			.isEqualTo("BR<&\"'>");
		assertThat(html).doesNotContain("<script").doesNotContain("http://www.example").doesNotContain("src=");
	}

}
