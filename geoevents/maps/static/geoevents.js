/* geoevents map runtime: builds markers, arcs, heat and choropleth layers from one data blob.
   Every string that reaches innerHTML here was HTML-escaped in Python (geoevents.html);
   raw strings (search names, date labels) are only ever set with textContent. */
(function () {
  "use strict";
  var GE = (window.GeoEvents = window.GeoEvents || {});
  GE.eventLayers = [];
  GE.heatLayers = [];
  GE.maps = [];
  GE.marks = [];
  GE.mark = function (name) { GE.marks.push([name, Math.round(performance.now())]); };

  GE.data = function (id) {
    var el = document.getElementById(id);
    GE.mark("data start");
    var data = JSON.parse(el.textContent);
    GE.mark("data parsed");
    return data;
  };

  var PIN =
    '<svg xmlns="http://www.w3.org/2000/svg" width="26" height="36" viewBox="0 0 26 36">' +
    '<path d="M13 1C6.4 1 1 6.4 1 13c0 9 12 22 12 22s12-13 12-22C25 6.4 19.6 1 13 1z" ' +
    'fill="COLOR" stroke="#fff" stroke-width="1.5"/>' +
    '<text x="13" y="17.5" text-anchor="middle" font-size="12" font-family="sans-serif" ' +
    'fill="#fff">SYMBOL</text></svg>';

  var iconCache = {};
  // Markers sharing a point fan out on rings so each stays clickable.
  function slotOffset(slot) {
    if (!slot) return [0, 0];
    var ring = 1, first = 1, size = 6;
    while (slot >= first + size) { first += size; ring += 1; size = 6 * ring; }
    var angle = (2 * Math.PI * (slot - first)) / size;
    return [Math.round(Math.cos(angle) * 20 * ring), Math.round(Math.sin(angle) * 20 * ring)];
  }

  GE.icon = function (type, t, slot) {
    var key = t + ":" + (slot || 0);
    if (iconCache[key]) return iconCache[key];
    var o = slotOffset(slot);
    var html = PIN.replace("COLOR", type.color).replace("SYMBOL", type.symbol);
    iconCache[key] = L.divIcon({
      html: html,
      className: "ge-event ge-t" + t,
      iconSize: [26, 36],
      iconAnchor: [13 - o[0], 35 - o[1]],
      popupAnchor: [o[0], -32 + o[1]],
      tooltipAnchor: [o[0], -30 + o[1]],
    });
    return iconCache[key];
  };

  function lazyPopup(group, html, options) {
    group.on("click", function (e) {
      var m = e.layer;
      if (!m || m.options.ge === undefined || m.getPopup()) return;
      m.bindPopup(html(m.options.ge), options);
      m.openPopup();
    });
  }
  function lazyTooltip(group, html, options) {
    group.on("mouseover", function (e) {
      var m = e.layer;
      if (!m || m.options.ge === undefined || m.getTooltip()) return;
      m.bindTooltip(html(m.options.ge), options);
      m.openTooltip();
    });
  }

  GE.clusterIcon = function (color) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      return L.divIcon({
        html: '<div style="background:' + color + '"><span>' + n + "</span></div>",
        className: "marker-cluster ge-cluster",
        iconSize: [size, size],
      });
    };
  };

  /* One layer per event type: markers built here from the columns of D.events. */
  GE.eventLayer = function (D, t, clustered) {
    var E = D.events, type = D.types[t];
    var group = clustered
      ? L.markerClusterGroup({
          chunkedLoading: true,
          showCoverageOnHover: false,
          maxClusterRadius: 60,
          iconCreateFunction: GE.clusterIcon(type.color),
        })
      : L.featureGroup();
    var markers = [];
    for (var i = 0; i < E.t.length; i++) {
      if (E.t[i] !== t) continue;
      markers.push(
        L.marker([E.lat[i], E.lon[i]], {
          icon: GE.icon(type, t, clustered ? 0 : E.s[i]),
          ge: i,
          riseOnHover: true,
        })
      );
    }
    GE.mark("markers " + type.key);
    group.geMarkers = markers;
    group.geType = type.key;
    group.geClustered = clustered;
    GE.setMarkers(group, markers);
    lazyPopup(group, function (i) { return E.pop[i] + D.docs[E.doc[i]]; }, { maxWidth: 380 });
    lazyTooltip(group, function (i) { return E.tip[i]; }, { direction: "top" });
    GE.eventLayers.push(group);
    GE.mark("layer " + type.key);
    return group;
  };

  GE.setMarkers = function (group, markers) {
    group.clearLayers();
    if (group.geClustered) group.addLayers(markers);
    else for (var i = 0; i < markers.length; i++) group.addLayer(markers[i]);
  };

  /* Place mentions, one circle per place and role; literal places filled, actor uses hollow. */
  GE.placeLayer = function (D, colors) {
    var P = D.places;
    var group = L.featureGroup();
    var renderer = P.lat.length > 2000 ? L.canvas() : undefined;
    for (var i = 0; i < P.lat.length; i++) {
      var actor = P.role[i] === 1;
      var r = Math.min(4 + 3 * Math.sqrt(P.n[i]), 30);
      group.addLayer(
        L.circleMarker([P.lat[i], P.lon[i]], {
          radius: r,
          color: actor ? colors.actor : colors.place,
          weight: actor ? 2.5 : 1,
          dashArray: actor ? "4 3" : null,
          fill: !actor,
          fillColor: colors.place,
          fillOpacity: 0.35,
          className: actor ? "ge-place ge-place-actor" : "ge-place ge-place-literal",
          renderer: renderer,
          ge: i,
        })
      );
    }
    lazyPopup(group, function (i) { return P.pop[i]; }, { maxWidth: 320 });
    lazyTooltip(group, function (i) { return P.tip[i]; }, { sticky: true });
    return group;
  };

  /* Actor → location arcs, already split at the antimeridian in Python. */
  GE.arcLayer = function (D, color) {
    var A = D.arcs;
    var group = L.featureGroup();
    for (var i = 0; i < A.paths.length; i++) {
      var w = 1.5 + Math.log(1 + A.n[i]) * 1.5;
      var line = L.polyline(A.paths[i], {
        color: color, weight: w, opacity: 0.65, className: "ge-arc", ge: i,
      });
      group.addLayer(line);
      group.addLayer(
        L.circleMarker(A.paths[i][0][0], {
          radius: 3, color: color, fillOpacity: 1, weight: 1, className: "ge-arc-origin", ge: i,
        })
      );
    }
    lazyTooltip(group, function (i) { return A.tip[i]; }, { sticky: true });
    return group;
  };

  GE.heatPoints = function (D, keep) {
    var E = D.events, pts = [];
    for (var i = 0; i < E.lat.length; i++) if (!keep || keep(i)) pts.push([E.lat[i], E.lon[i], 1]);
    return pts;
  };

  GE.heatLayer = function (D) {
    var layer = L.heatLayer(GE.heatPoints(D), { radius: 18, blur: 15, minOpacity: 0.3 });
    GE.heatLayers.push(layer);
    return layer;
  };

  function countryStyle(base) {
    return function () { return base; };
  }

  /* Country polygons drawn under the tiles: the offline basemap. */
  GE.outlineLayer = function (map, countries) {
    if (!map.getPane("ge-basemap")) {
      map.createPane("ge-basemap");
      map.getPane("ge-basemap").style.zIndex = 150;
    }
    GE.basemap = L.geoJSON(countries, {
      pane: "ge-basemap",
      renderer: L.canvas({ pane: "ge-basemap", padding: 0.1 }),
      interactive: false,
      style: countryStyle({ color: "#9a9a9a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }),
    });
    return GE.basemap;
  };

  /* Events per country, coloured by class breaks computed in Python. */
  GE.choroplethLayer = function (D) {
    var C = D.choropleth;
    return L.geoJSON(D.countries, {
      filter: function (f) { return C.counts.hasOwnProperty(f.properties.iso_a2); },
      style: function (f) {
        var n = C.counts[f.properties.iso_a2][0], k = 0;
        while (k < C.breaks.length && n > C.breaks[k]) k++;
        return { color: "#555", weight: 0.8, fillColor: C.colors[k], fillOpacity: 0.7, className: "ge-choropleth" };
      },
      onEachFeature: function (f, layer) {
        layer.bindTooltip(C.counts[f.properties.iso_a2][1], { sticky: true });
      },
    });
  };

  /* Offer online tiles; switch to the light one when a tile actually loads. */
  GE.preferOnline = function (map, offline, online, probeUrl) {
    var img = new Image();
    img.onload = function () {
      if (map.hasLayer(offline)) { map.removeLayer(offline); map.addLayer(online); }
    };
    img.src = probeUrl;
  };

  /* Dates slider: shows events dated up to the chosen day; the last stop shows everything. */
  GE.timeSlider = function (map, D) {
    var E = D.events, dates = D.dates;
    var Control = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar ge-timeslider");
        var label = L.DomUtil.create("div", "ge-timeslider-label", box);
        var input = L.DomUtil.create("input", "ge-timeslider-input", box);
        input.type = "range";
        input.min = 0;
        input.max = dates.length;
        input.value = dates.length;
        input.setAttribute("aria-label", "show events up to date");
        function show() {
          var k = parseInt(input.value, 10);
          label.textContent = k >= dates.length
            ? "All dates (" + dates[0] + " – " + dates[dates.length - 1] + ")"
            : "Up to " + dates[k];
          var keep = k >= dates.length ? null : function (i) { return E.d[i] >= 0 && E.d[i] <= k; };
          for (var j = 0; j < GE.eventLayers.length; j++) {
            var g = GE.eventLayers[j];
            GE.setMarkers(g, keep ? g.geMarkers.filter(function (m) { return keep(m.options.ge); }) : g.geMarkers);
          }
          for (var h = 0; h < GE.heatLayers.length; h++) GE.heatLayers[h].setLatLngs(GE.heatPoints(D, keep));
        }
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        L.DomEvent.on(input, "input", show);
        label.textContent = "All dates (" + dates[0] + " – " + dates[dates.length - 1] + ")";
        GE.setDateIndex = function (k) { input.value = k; show(); };
        return box;
      },
    });
    return new Control();
  };

  /* Search by place name, over the names in the data (matched as text, never as HTML). */
  GE.placeSearch = function (D) {
    var records = D.search;
    return new L.Control.Search({
      sourceData: function (text, respond) { respond(records); return { abort: function () {} }; },
      propertyName: "title",
      propertyLoc: "loc",
      initial: false,
      zoom: 8,
      marker: { icon: false, animate: true, circle: { radius: 18, weight: 3, color: "#e03", fill: false } },
      buildTip: function (text) {
        var li = L.DomUtil.create("li", "");
        li.textContent = text;
        return li;
      },
      textPlaceholder: "Search place…",
    });
  };

  GE.miniMap = function (countries) {
    var layer = L.geoJSON(countries, {
      renderer: L.canvas({ padding: 0.1 }),
      interactive: false,
      style: countryStyle({ color: "#888", weight: 0.4, fillColor: "#eee", fillOpacity: 1 }),
    });
    return new L.Control.MiniMap(layer, {
      toggleDisplay: true, zoomLevelOffset: -5, position: "bottomright", width: 150, height: 110,
    });
  };

  GE.fixDefaultIcon = function (urls) {
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions(urls);
  };
})();
