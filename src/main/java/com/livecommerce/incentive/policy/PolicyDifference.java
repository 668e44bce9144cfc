package com.livecommerce.incentive.policy;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The first field, in the order of the YAML keys, where two texts of one policy version differ,
 * named as a policy owner writes it ({@code programs.COLD_START.monthly_cap}). Numbers compare by
 * value (0.30 and 0.3 are the same threshold), {@code industries} as a set (tiers and milestones
 * in order); comments and layout are not values.
 */
final class PolicyDifference {

	private PolicyDifference() {
	}

	/** "programs.COLD_START.monthly_cap: recorded 18, file 24", or empty when the values are the same. */
	static Optional<String> first(Policy recorded, Policy file) {
		return first("", PolicyLoader.tree(recorded), PolicyLoader.tree(file));
	}

	/**
	 * The first difference of the rules of two versions, whatever their names and dates:
	 * "programs.GROWTH.monthly_cap: in force 450, candidate 600" ({@code policy check --candidate}).
	 */
	static Optional<String> ofRules(Policy inForce, Policy candidate) {
		Policy same = new Policy(candidate.version(), candidate.effectiveFrom(), candidate.effectiveTo(),
				inForce.industries(), inForce.coupon(), inForce.lateArrivalDays(), inForce.programs(), inForce.risk(),
				inForce.sourceFile());
		return first("", PolicyLoader.tree(same), PolicyLoader.tree(candidate), "in force ", ", candidate ");
	}

	private static Optional<String> first(String path, JsonNode recorded, JsonNode file) {
		return first(path, recorded, file, "recorded ", ", file ");
	}

	private static Optional<String> first(String path, JsonNode recorded, JsonNode file, String was, String is) {
		if (recorded.isNumber() && file.isNumber()) {
			return recorded.decimalValue().compareTo(file.decimalValue()) == 0 ? Optional.empty()
					: differ(path, recorded, file, was, is);
		}
		if (recorded.isObject() && file.isObject()) {
			// the recorded text's key order, then keys only the file has
			Set<String> names = new LinkedHashSet<>();
			recorded.propertyNames().forEach(names::add);
			file.propertyNames().forEach(names::add);
			for (String name : names) {
				Optional<String> d = first(path.isEmpty() ? name : path + "." + name, value(recorded, name),
						value(file, name), was, is);
				if (d.isPresent()) {
					return d;
				}
			}
			return Optional.empty();
		}
		if (recorded.isArray() && file.isArray() && UNORDERED.contains(path)) {
			// a list that is a set: the same values in another order are the same policy
			return values(recorded).equals(values(file)) ? Optional.empty() : differ(path, recorded, file, was, is);
		}
		if (recorded.isArray() && file.isArray()) {
			for (int i = 0; i < Math.max(recorded.size(), file.size()); i++) {
				Optional<String> d = first(path + "[" + i + "]", value(recorded, i), value(file, i), was, is);
				if (d.isPresent()) {
					return d;
				}
			}
			return Optional.empty();
		}
		return recorded.equals(file) ? Optional.empty() : differ(path, recorded, file, was, is);
	}

	/** Lists whose order means nothing (tiers and milestones are ordered: the first tier met wins). */
	private static final Set<String> UNORDERED = Set.of("industries");

	private static Set<String> values(JsonNode array) {
		Set<String> values = new java.util.TreeSet<>();
		array.forEach(v -> values.add(v.asString()));
		return values;
	}

	private static JsonNode value(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return value == null ? tools.jackson.databind.node.NullNode.getInstance() : value;
	}

	private static JsonNode value(JsonNode node, int index) {
		JsonNode value = node.get(index);
		return value == null ? tools.jackson.databind.node.MissingNode.getInstance() : value;
	}

	private static Optional<String> differ(String path, JsonNode recorded, JsonNode file, String was, String is) {
		return Optional.of(path + ": " + was + show(recorded) + is + show(file));
	}

	private static String show(JsonNode node) {
		if (node.isMissingNode()) {
			return "nothing";
		}
		if (node.isNull()) {
			return "none";
		}
		return node.isString() ? node.asString() : node.toString();
	}

}
