"""Search over the posts a reader may see, shared by the site search page and `/api/v1/search`.

`ranking` finds one page of matching post ids, ranked by the search backend inside the
database; `snippets` marks the matched words in an excerpt; `suggestions` proposes a spelling
("Did you mean ...?"); `completion` suggests posts, authors and tags as the reader types.
Callers pass the visible posts (blog.visibility's rule), so both surfaces agree.
"""
