"""Schemathesis checks for the Journeys API's fuzz run (devstack ApiFuzzEndToEndTest).

Loaded with SCHEMATHESIS_HOOKS=journeys_checks and this directory on PYTHONPATH.
"""

import schemathesis

INVALID_REQUEST = "https://journeys.dev/problems/invalid-request"

# The API's request hygiene runs before authentication and answers the same with or without a key:
# Spring Security's firewall (a method the API has not, such as TRACE: 405 problem details; an
# encoded slash, percent or control character in the path: SecurityProblems) and the body filter (a
# NUL in the query or the body: BoundedBodyFilter). Their 400 problems, by detail:
REJECTED_BEFORE_AUTHENTICATION = (
    "the URL contains characters or sequences that are not allowed",
    "the query contains a NUL character",
    "the body contains a NUL character",
)


@schemathesis.check
def unauthorized_without_a_key(ctx, response, case):
    """Without credentials a protected operation answers 401 as problem details, whatever the
    request holds; only a request malformed at the HTTP level may be refused earlier, with one of
    the request hygiene's 400 problems. Nothing else: no data, no 403, no 404, no 5xx."""
    if response.status_code == 401:
        content_type = response.headers.get("content-type", [""])[0]
        if "application/problem+json" not in content_type:
            raise AssertionError(f"a 401 without problem details: {content_type!r}")
        return None
    if response.status_code == 405 and "application/problem+json" in response.headers.get(
        "content-type", [""]
    )[0]:
        return None
    if response.status_code == 400 and INVALID_REQUEST in response.text:
        if any(detail in response.text for detail in REJECTED_BEFORE_AUTHENTICATION):
            return None
    raise AssertionError(
        f"expected 401 without an API key, got {response.status_code}: {response.text[:200]!r}"
    )
