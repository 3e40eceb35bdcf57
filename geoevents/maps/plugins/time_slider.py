"""A date slider that filters the event layers (and the heat map) to events up to a day."""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template


class TimeSlider(MacroElement):
    """Range input over the distinct event dates; the last stop shows every event."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        GeoEvents.timeSlider({{ this._parent.get_name() }}, {{ this.data.get_name() }})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data):
        super().__init__()
        self._name = "TimeSlider"
        self.data = data
