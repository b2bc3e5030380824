"""The OpenAPI 3.1 document: typed, named schemas, block union and problem+json errors."""

from __future__ import annotations

from .helpers import ApiTestCase, api_json

BLOCK_SCHEMAS = {
    "heading": "HeadingBlockOut",
    "paragraph": "ParagraphBlockOut",
    "image": "ImageBlockOut",
    "quote": "QuoteBlockOut",
    "callout": "CalloutBlockOut",
    "benefits": "BenefitsBlockOut",
    "phases": "PhasesBlockOut",
    "citations": "CitationsBlockOut",
    "faq": "FaqBlockOut",
    "embed": "EmbedBlockOut",
}


class TestOpenApi(ApiTestCase):
    def setUp(self):
        super().setUp()
        self.document = api_json(self.client, "/api/v1/openapi.json")

    def test_is_openapi_3_1_with_every_endpoint(self):
        self.assertEqual(self.document["openapi"], "3.1.0")
        self.assertEqual(
            set(self.document["paths"]),
            {
                "/api/v1/articles",
                "/api/v1/articles/{id}",
                "/api/v1/articles/by-slug/{slug}",
                "/api/v1/reviews",
                "/api/v1/reviews/{id}",
                "/api/v1/reviews/by-slug/{slug}",
                "/api/v1/authors",
                "/api/v1/authors/{slug}",
                "/api/v1/tags",
                "/api/v1/search",
                "/api/v1/search/autocomplete",
                "/api/v1/site",
                "/api/v1/preview",
            },
        )

    def test_schemas_are_named_out(self):
        names = set(self.document["components"]["schemas"])
        for name in (
            "ArticleListOut",
            "ReviewListOut",
            "ArticleDetailOut",
            "ReviewDetailOut",
            "AuthorDetailOut",
            "ProblemOut",
            "SiteOut",
            "TagListOut",
            "SearchOut",
        ):
            self.assertIn(name, names)
        self.assertLessEqual(set(BLOCK_SCHEMAS.values()), names)

    def test_body_is_a_union_discriminated_on_type(self):
        body = self.document["components"]["schemas"]["ArticleDetailOut"]["properties"]["body"]
        union = body["items"]
        self.assertEqual(union["discriminator"]["propertyName"], "type")
        mapping = {k: v.rsplit("/", 1)[1] for k, v in union["discriminator"]["mapping"].items()}
        self.assertEqual(mapping, BLOCK_SCHEMAS)

    def test_errors_are_problem_json(self):
        responses = self.document["paths"]["/api/v1/articles"]["get"]["responses"]
        self.assertEqual(list(responses["400"]["content"]), ["application/problem+json"])
        self.assertIn("ETag", responses["200"]["headers"])
        self.assertIn("304", responses)

    def test_api_root_links_the_docs_and_collections(self):
        index = api_json(self.client, "/api/v1/")
        self.assertEqual(index["openapi"], "http://testserver/api/v1/openapi.json")
        self.assertEqual(index["collections"]["articles"], "http://testserver/api/v1/articles")

    def test_interactive_docs(self):
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "swagger")
