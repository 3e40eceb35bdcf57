"""Colours and symbols for event types and place mentions on the map."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TypeStyle:
    """How one event type is drawn: pin colour and a one-character symbol."""

    color: str
    symbol: str
    label: str


# PLOVER's 16 event types, grouped by colour family: cooperative (greens/blues),
# verbal conflict (yellows/oranges), material conflict (reds/purples).
TYPE_STYLES: dict[str, TypeStyle] = {
    "AGREE": TypeStyle("#1b9e77", "✓", "Agree"),
    "CONSULT": TypeStyle("#2c7fb8", "☏", "Consult"),
    "SUPPORT": TypeStyle("#41ab5d", "+", "Support"),
    "CONCEDE": TypeStyle("#66c2a4", "↓", "Concede"),
    "COOPERATE": TypeStyle("#238b45", "⚭", "Cooperate"),
    "AID": TypeStyle("#3182bd", "✚", "Aid"),
    "RETREAT": TypeStyle("#6baed6", "↩", "Retreat"),
    "REQUEST": TypeStyle("#9e9ac8", "?", "Request"),
    "ACCUSE": TypeStyle("#fdae61", "!", "Accuse"),
    "REJECT": TypeStyle("#f46d43", "✗", "Reject"),
    "THREATEN": TypeStyle("#e6550d", "⚠", "Threaten"),
    "PROTEST": TypeStyle("#d95f02", "⚑", "Protest"),
    "SANCTION": TypeStyle("#8c510a", "⊘", "Sanction"),
    "MOBILIZE": TypeStyle("#756bb1", "⇶", "Mobilize"),
    "COERCE": TypeStyle("#a50f15", "⊗", "Coerce"),
    "ASSAULT": TypeStyle("#cb181d", "✸", "Assault"),
}
OTHER = TypeStyle("#636363", "•", "Other")

PLACE_COLOR = "#08519c"  # literal place mentions: filled circles
ACTOR_COLOR = "#d94801"  # place names standing for an actor: hollow dashed rings

ARC_COLOR = "#54278f"
CHOROPLETH_COLORS = ("#fff5eb", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603")


def type_style(event_type: str) -> TypeStyle:
    """The style of `event_type`; unknown types get a grey pin with their own name."""
    style = TYPE_STYLES.get(event_type.upper()) if event_type else None
    if style is not None:
        return style
    return TypeStyle(OTHER.color, OTHER.symbol, event_type or OTHER.label)
