package com.livecommerce.incentive.common;

/** Text for the product's pages: escaped for HTML and XHTML, in element content and in attribute values. */
public final class Html {

	private Html() {
	}

	/** {@code null} is written as nothing. */
	public static String escape(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

}
