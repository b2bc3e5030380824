"""RFC 9457 problem details: every API error is application/problem+json with a typed body."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.http import HttpRequest, HttpResponse

from .schemas.common import InvalidParamOut, ProblemOut

PROBLEM_CONTENT_TYPE = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    404: "Not found",
    405: "Method not allowed",
    500: "Server error",
}


class ApiProblem(Exception):
    """Raised by routes and helpers; the API turns it into a problem response."""

    def __init__(
        self,
        status: int,
        detail: str = "",
        *,
        title: str = "",
        invalid_params: Iterable[tuple[str, str]] = (),
        valid_params: Iterable[str] = (),
        headers: Mapping[str, str] | None = None,
    ):
        super().__init__(detail or title)
        self.status = status
        self.title = title or TITLES.get(status, "Error")
        self.detail = detail
        self.invalid_params = list(invalid_params)
        self.valid_params = sorted(valid_params)
        self.headers = dict(headers or {})  # e.g. WWW-Authenticate on a 401


def not_found(detail: str = "No public content matches this URL.") -> ApiProblem:
    return ApiProblem(404, detail)


def problem_response(request: HttpRequest, problem: ApiProblem) -> HttpResponse:
    body = ProblemOut(
        title=problem.title,
        status=problem.status,
        detail=problem.detail,
        instance=request.path,
        invalid_params=[InvalidParamOut(name=n, reason=r) for n, r in problem.invalid_params],
        valid_params=problem.valid_params,
    )
    return HttpResponse(
        body.model_dump_json(),
        status=problem.status,
        content_type=PROBLEM_CONTENT_TYPE,
        headers=problem.headers,
    )
