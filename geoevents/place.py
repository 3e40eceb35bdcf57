"""The gazetteer's result record."""

from __future__ import annotations

from dataclasses import dataclass

# Feature codes grouped the way news users read precision.
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR", "PCLH"})
ADMIN1_CODES = frozenset({"ADM1", "ADM1H"})
ADMIN2_CODES = frozenset({"ADM2", "ADM2H", "ADM3"})
REGION_CODES = frozenset({"CONT", "RGN", "RGNE", "ZN", "ZNB", "PRSH", "AREA", "PEN", "ISLS", "ISL"})


@dataclass(frozen=True)
class Place:
    """One gazetteer entry, as returned by a lookup."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str = ""
    admin1_name: str = ""
    population: int = 0
    matched: str = ""
    source: str = "geonames"
    score: float = 0.0

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon), as geopy orders it."""
        return (self.lat, self.lon)

    @property
    def is_country(self) -> bool:
        """True for countries and dependent territories."""
        return self.feature_code in COUNTRY_CODES

    @property
    def is_admin1(self) -> bool:
        """True for first-level divisions (states, provinces, oblasts)."""
        return self.feature_code in ADMIN1_CODES

    @property
    def precision(self) -> str:
        """Location precision in ACLED/GDELT terms: point, city, admin2, admin1, country, region."""
        code = self.feature_code
        if code in COUNTRY_CODES:
            return "country"
        if code in ADMIN1_CODES:
            return "admin1"
        if code in ADMIN2_CODES:
            return "admin2"
        if code in REGION_CODES or self.feature_class in {"H", "T", "L"} and code not in {"AIRP"}:
            return "region"
        if self.feature_class == "P":
            return "city"
        return "point"
