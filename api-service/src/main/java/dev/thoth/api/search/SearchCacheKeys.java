package dev.thoth.api.search;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.cache.interceptor.KeyGenerator;
import org.springframework.stereotype.Component;

/**
 * The key of a cached search: its arguments and the index version it was answered at
 * ({@link SearchService#indexVersion()}), and a plain-text search marked as such. The
 * same list a SpEL key would give, built without evaluating an expression on every search
 * (a measurable share of a search's time, bench/results/search-latency.md).
 */
@Component(SearchCacheKeys.BEAN)
class SearchCacheKeys implements KeyGenerator {

	static final String BEAN = "searchCacheKeys";

	@Override
	public Object generate(Object target, Method method, Object... params) {
		List<Object> key = new ArrayList<>(params.length + 2);
		if (method.getName().equals("searchText")) {
			key.add("text");
		}
		key.addAll(Arrays.asList(params));
		key.add(((SearchService) target).indexVersion());
		return key;
	}

}
