from .pages import (
    AttendanceMode,
    OfferingIndexPage,
    OfferingKind,
    OfferingPage,
    OfferingProvider,
    OfferingSession,
    OfferingStatus,
)
from .providers import Provider

__all__ = [
    "AttendanceMode",
    "OfferingIndexPage",
    "OfferingKind",
    "OfferingPage",
    "OfferingProvider",
    "OfferingSession",
    "OfferingStatus",
    "Provider",
]
