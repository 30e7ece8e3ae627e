package dev.thoth.clients.api;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/** The library's tags, and the tags on each paper. */
@HttpExchange(url = "/api/v1", accept = "application/json")
public interface TagsClient {

	/**
	 * Tags whose name starts with the prefix; with includeEmpty, also tags no paper
	 * carries.
	 */
	@GetExchange("/tags")
	PageResponse<TagView> list(@RequestParam(name = "q", required = false) String prefix,
			@RequestParam("includeEmpty") boolean includeEmpty, @RequestParam("page") int page,
			@RequestParam("size") int size);

	/** Tags that some paper carries, whose name starts with the prefix. */
	default PageResponse<TagView> list(String prefix, int page, int size) {
		return list(prefix, false, page, size);
	}

	@GetExchange("/tags/{id}")
	TagView get(@PathVariable("id") UUID id);

	@PatchExchange(url = "/tags/{id}", contentType = "application/json")
	TagView rename(@PathVariable("id") UUID id, @RequestBody TagRename rename);

	@PostExchange(url = "/tags/{id}/merge", contentType = "application/json")
	TagView merge(@PathVariable("id") UUID id, @RequestBody TagMerge merge);

	@DeleteExchange("/tags/{id}")
	void delete(@PathVariable("id") UUID id);

	@GetExchange("/papers/{paperId}/tags")
	PageResponse<PaperTagView> tagsOf(@PathVariable("paperId") UUID paperId, @RequestParam("page") int page,
			@RequestParam("size") int size);

	@PutExchange("/papers/{paperId}/tags/{name}")
	PaperTagView tag(@PathVariable("paperId") UUID paperId, @PathVariable("name") String name);

	@DeleteExchange("/papers/{paperId}/tags/{name}")
	void untag(@PathVariable("paperId") UUID paperId, @PathVariable("name") String name);

	/** Tags that fit the paper and it does not carry yet, best first. */
	@GetExchange("/papers/{paperId}/tag-suggestions")
	List<TagSuggestion> suggestions(@PathVariable("paperId") UUID paperId, @RequestParam("k") int k);

}
