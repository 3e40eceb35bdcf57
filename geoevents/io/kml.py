"""A small KML writer for when GDAL's KML driver is not available."""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape


def write_kml(frame, path: str | os.PathLike[str], *, layer: str) -> None:
    """KML 2.2 with one Placemark per row and the columns as ExtendedData."""
    from .geojson import frame_records

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>',
        f"<name>{escape(layer)}</name><Folder><name>{escape(layer)}</name>",
    ]
    for row in frame_records(frame):
        name = row.get("event_type") or row.get("text") or row.get("id") or ""
        out.append(f"<Placemark><name>{escape(str(name))}</name><ExtendedData>")
        for key, value in row.items():
            if value is None:
                continue
            out.append(
                f'<Data name="{escape(str(key), {chr(34): "&quot;"})}"><value>{escape(str(value))}</value></Data>'
            )
        out.append("</ExtendedData>")
        if row.get("lon") is not None and row.get("lat") is not None:
            out.append(
                f"<Point><coordinates>{row['lon']:.6f},{row['lat']:.6f}</coordinates></Point>"
            )
        out.append("</Placemark>")
    out.append("</Folder></Document></kml>")
    Path(path).write_text("\n".join(out) + "\n", encoding="utf-8")
