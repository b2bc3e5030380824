"""Property-based contract test: schemathesis drives every operation of the OpenAPI document
against the in-process WSGI app; no 5xx, and every response matches its documented schema.

Dev requirement: schemathesis==4.32.5. Skipped when it is not installed.
"""

from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from .helpers import (
    ApiTestCase,
    full_body,
    make_article,
    make_author,
    make_image,
    make_review,
    make_site,
)

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

from schemathesis.checks import not_a_server_error  # noqa: E402 - after the importorskip
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 25


class TestApiContract(ApiTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home, cls.index = make_site()
        author = make_author("lena", name="Lena Hart", photo=make_image("Lena", size=(200, 200)))
        reviewer = make_author("maya", name="Maya Okafor", can_review=True)
        cls.article = make_article(
            cls.index,
            "benefits",
            authors=[author],
            tags=["collagen", "tools"],
            medical_reviewer=reviewer,
            hero_image=make_image("Hero"),
            body=full_body(image=make_image("Figure")),
        )
        cls.review = make_review(
            cls.index,
            "pen",
            authors=[author],
            tags=["tools"],
            buy_links=[("Shop", "https://s.example/")],
        )
        cls.known = {
            "id": [cls.article.pk, cls.review.pk],
            "slug": ["benefits", "pen", "lena", "maya"],
        }

    def run_operation(self, operation, **fixed) -> None:
        @hypothesis.settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(hypothesis.HealthCheck),
        )
        @hypothesis.given(case=operation.as_strategy(**fixed))
        def check(case):
            # The WSGI transport does not undo Content-Encoding (gzip is tested elsewhere).
            response = case.call(headers={"Accept-Encoding": "identity"})
            case.validate_response(response, checks=CHECKS)

        check()

    def setUp(self):
        super().setUp()
        # Like Django's test client: a real WSGI handler would close the connection after each
        # request, ending the test's transaction (PostgreSQL then has no connection at all).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        self.addCleanup(request_started.connect, close_old_connections)
        self.addCleanup(request_finished.connect, close_old_connections)

    def test_every_operation_honours_its_schema(self):
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertGreaterEqual(len(operations), 13)
        for operation in operations:
            with self.subTest(operation=operation.label):
                self.run_operation(operation)
                # Random ids and slugs are nearly all 404s; also try ones that exist.
                names = [p.name for p in operation.path_parameters]
                for name in names:
                    for value in self.known.get(name, []):
                        self.run_operation(operation, path_parameters={name: value})
