"""geoevents: offline geoparsing and event extraction from English news, to GeoDataFrames and maps."""

from .document import Document
from .event import Event
from .mention import Mention
from .place import Place

__version__ = "0.1.0"

__all__ = ["Document", "Event", "Mention", "Place", "__version__"]
