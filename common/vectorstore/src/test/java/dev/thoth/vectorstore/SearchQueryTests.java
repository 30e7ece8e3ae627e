package dev.thoth.vectorstore;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchQueryTests {

	@Test
	void plainTextIsWords() {
		SearchQuery query = SearchQuery.parse("stomata at night");
		assertThat(query.words()).containsExactly("stomata", "at", "night");
		assertThat(query.meaning()).isEqualTo("stomata at night");
		assertThat(query.excluded()).isEmpty();
		assertThat(query.yearFrom()).isNull();
	}

	@Test
	void phrasesExclusionsAndFields() {
		SearchQuery query = SearchQuery.parse(
				"\u201Cdark energy\u201D backreaction -inflation -\"cosmic strings\" title:averaging author:\"Thomas Buchert\" "
						+ "YEAR:2005..2008");
		assertThat(query.phrases()).containsExactly("dark energy");
		assertThat(query.words()).containsExactly("backreaction");
		assertThat(query.meaning()).isEqualTo("dark energy backreaction");
		assertThat(query.excluded()).containsExactly("inflation", "cosmic strings");
		assertThat(query.titles()).containsExactly("averaging");
		assertThat(query.authors()).containsExactly("Thomas Buchert");
		assertThat(query.yearFrom()).isEqualTo(2005);
		assertThat(query.yearTo()).isEqualTo(2008);
	}

	@Test
	void yearsAndOpenRanges() {
		assertThat(List.of(SearchQuery.parse("x year:2019").yearFrom(), SearchQuery.parse("x year:2019").yearTo()))
			.containsExactly(2019, 2019);
		assertThat(SearchQuery.parse("x year:2019..").yearTo()).isNull();
		assertThat(SearchQuery.parse("x year:..2019").yearFrom()).isNull();
	}

	@Test
	void anythingElseStaysText() {
		assertThat(SearchQuery.parse("ratio 3:1 http://example.org a-b").words()).containsExactly("ratio", "3:1",
				"http://example.org", "a-b");
		// A quote left open runs to the end; lone dashes exclude nothing.
		SearchQuery open = SearchQuery.parse("\" OR 1=1 --");
		assertThat(open.phrases()).containsExactly("OR 1=1 --");
		assertThat(SearchQuery.parse("'; drop table papers; --").excluded()).isEmpty();
		assertThat(SearchQuery.parse("a & | ! ( ) :* <-> \\").words()).contains("&", "<->");
	}

	@Test
	void malformedQueriesSayWhatIsWrong() {
		assertThatThrownBy(() -> SearchQuery.parse("x year:abc")).isInstanceOf(InvalidSearchQueryException.class)
			.hasMessageContaining("year: 'abc' is not a year")
			.hasMessageContaining("year:2019..2021");
		assertThatThrownBy(() -> SearchQuery.parse("x year:2021..2019")).hasMessageContaining("ends before it starts");
		assertThatThrownBy(() -> SearchQuery.parse("x year:2019 year:2020")).hasMessageContaining("once");
		assertThatThrownBy(() -> SearchQuery.parse("x year:12345")).hasMessageContaining("not a year");
		assertThatThrownBy(() -> SearchQuery.parse("x title: attention")).hasMessageContaining("title: needs a value");
		assertThatThrownBy(() -> SearchQuery.parse("x author:")).hasMessageContaining("author: needs a value");
		assertThatThrownBy(() -> SearchQuery.parse("x -year:2019")).hasMessageContaining("cannot be excluded");
		assertThatThrownBy(() -> SearchQuery.parse("-zeppelin")).hasMessageContaining("add words to search for");
		assertThatThrownBy(() -> SearchQuery.parse("author:lovelace year:2019"))
			.hasMessageContaining("add words to search for");
	}

}
