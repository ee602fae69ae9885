"""Item statuses: machine-readable codes in the JSON report (scripts read them), Dutch labels
for people (the admin's report screen and the console), through gettext."""

from __future__ import annotations

from django.utils.translation import gettext, ngettext, pgettext_lazy

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"
WOULD_CREATE = "would create"
WOULD_UPDATE = "would update"

LABELS = {
    CREATED: pgettext_lazy("import status", "created"),
    UPDATED: pgettext_lazy("import status", "updated"),
    UNCHANGED: pgettext_lazy("import status", "unchanged"),
    FAILED: pgettext_lazy("import status", "failed"),
    WOULD_CREATE: pgettext_lazy("import status", "would be created"),
    WOULD_UPDATE: pgettext_lazy("import status", "would be updated"),
}
# The order of a summary: what happened first, failures last (where the eye ends).
ORDER = [CREATED, WOULD_CREATE, UPDATED, WOULD_UPDATE, UNCHANGED, FAILED]


def label(status: str) -> str:
    """The status in the active language; an unknown code is shown as it is."""
    return str(LABELS.get(status, status))


def summary(counts: dict[str, int]) -> str:
    """ "3 aangemaakt, 1 mislukt": counts in a fixed order, with labels."""
    ordered = sorted(counts.items(), key=lambda pair: _position(pair[0]))
    return ", ".join(f"{count} {label(status)}" for status, count in ordered if count) or gettext(
        "nothing"
    )


def labelled_counts(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """(code, label, count) in summary order, for templates."""
    ordered = sorted(counts.items(), key=lambda pair: _position(pair[0]))
    return [(status, label(status), count) for status, count in ordered]


def failures_line(failed: int, total: int) -> str:
    return ngettext(
        "%(failed)d of %(total)d item failed.",
        "%(failed)d of %(total)d items failed.",
        failed,
    ) % {"failed": failed, "total": total}


def _position(status: str) -> int:
    return ORDER.index(status) if status in ORDER else len(ORDER)
