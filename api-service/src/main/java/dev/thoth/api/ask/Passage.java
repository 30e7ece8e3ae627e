package dev.thoth.api.ask;

import dev.thoth.clients.api.SearchHit;

/**
 * A retrieved passage as the answerers see it: numbered as it will be cited.
 *
 * @param n the citation number, starting at 1
 * @param hit the passage and where it comes from
 */
record Passage(int n, SearchHit hit) {
}
