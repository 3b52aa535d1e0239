"""Finding or creating organisations by name, matched on the folded name."""

from __future__ import annotations

from netkort.domain.names import fold
from netkort.store.models import Organisation, Workspace


class OrganisationBook:
    """The workspace's organisations by folded name and alias; creates missing ones.

    One book serves a whole import or demo load, so each name costs one lookup at most.
    """

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._by_key: dict[str, Organisation] = {}
        for org in Organisation.objects.filter(workspace=workspace):
            self._remember(org)

    def _remember(self, org: Organisation) -> None:
        self._by_key[org.name_folded] = org
        for alias in org.aliases:
            self._by_key.setdefault(fold(alias), org)

    def get(
        self, name: str, industry: str = "", aliases: list[str] | None = None
    ) -> Organisation | None:
        name = " ".join(name.split())
        key = fold(name)
        if not key:
            return None
        org = self._by_key.get(key)
        if org is None:
            org = Organisation.objects.create(
                workspace=self.workspace,
                name=name,
                name_folded=key,
                industry=industry,
                aliases=aliases or [],
            )
            self._remember(org)
        elif industry and not org.industry:
            org.industry = industry
            org.save(update_fields=["industry"])
        return org
