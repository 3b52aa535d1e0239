"""A small read API (JSON) with an OpenAPI description at /api/openapi.json.

Session-authenticated, like the pages: a signed-in browser or script reads what its
user may see, through the same ``open_workspace`` as every page. A workspace the caller
may not see answers 404, as a missing one does.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from netkort.services import people
from netkort.services.access import log_access, open_workspace, role_in, workspaces_for
from netkort.services.errors import NotFound
from netkort.store.models import Workspace
from netkort.web.views.decorators import user_of

MAX_ID = 2**63 - 1

api = NinjaAPI(
    title="netkort",
    version="1",
    description="Read the networks you may see: your own and those shared with you.",
    auth=django_auth,
    docs_url=None,
    urls_namespace="api",
)


class Problem(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict[str, Any]] = Field(description="what is wrong with which parameter")


class WorkspaceOut(Schema):
    uid: uuid.UUID
    name: str
    role: str = Field(description='"owner", or the level of your grant: read, comment, edit')


class PersonOut(Schema):
    id: int
    display_name: str
    given_name: str
    family_name: str
    emails: list[str]
    phones: list[str]
    linkedin_url: str
    organization: str
    title: str
    industry: str
    location: str
    contexts: list[str]
    closeness: int | None
    super_connector: bool
    tags: list[str]
    last_contact: str | None
    interaction_count: int
    sources: list[str]


class PeoplePage(Schema):
    count: int
    items: list[PersonOut]


class PeopleQuery(Schema):
    q: str = Field("", max_length=200, description="name, organisation, e-mail…")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


def _open(request: HttpRequest, ws: uuid.UUID) -> Workspace:
    try:
        workspace = open_workspace(request.user, ws)
    except NotFound as exc:
        raise HttpError(404, "Not found") from exc
    log_access(workspace, user_of(request), request.method or "GET", request.path)
    return workspace


@api.get(
    "/workspaces",
    response={200: list[WorkspaceOut], 401: Problem},
    summary="Networks you may see",
)
def workspaces(request: HttpRequest) -> list[dict[str, Any]]:
    user = user_of(request)
    return [{"uid": w.uid, "name": w.name, "role": role_in(user, w)} for w in workspaces_for(user)]


@api.get(
    "/w/{ws}/people",
    response={200: PeoplePage, 401: Problem, 404: Problem, 422: Invalid},
    summary="Persons in a network, sorted by name",
)
def people_list(request: HttpRequest, ws: uuid.UUID, filters: Query[PeopleQuery]) -> dict[str, Any]:
    workspace = _open(request, ws)
    # PostgreSQL refuses NUL characters in text; nobody searches for one.
    search = filters.q.replace("\x00", "")
    flt = people.PeopleFilter(search=search, language=get_language() or "da")
    qs = people.people(workspace, flt)
    items = people.with_details(qs)[filters.offset : filters.offset + filters.limit]
    return {"count": qs.count(), "items": [people.as_dict(p) for p in items]}


@api.get(
    "/w/{ws}/people/{person_id}",
    response={200: PersonOut, 401: Problem, 404: Problem, 422: Invalid},
    summary="One person",
)
def person_detail(request: HttpRequest, ws: uuid.UUID, person_id: int) -> dict[str, Any]:
    workspace = _open(request, ws)
    if not 1 <= person_id <= MAX_ID:
        raise HttpError(404, "Not found")
    try:
        person = people.get_person(workspace, person_id)
    except NotFound as exc:
        raise HttpError(404, "Not found") from exc
    return people.as_dict(person)
