/* geoevents map runtime: builds markers, arcs, heat and choropleth layers from one data block.
   Every string that reaches innerHTML here was HTML-escaped in Python (geoevents.html);
   raw strings (search names, date labels) are only ever set with textContent.
   Layers are created empty at once (so folium's layer control can list them) and filled when
   the data block is decoded (large blocks are gzip-compressed and decoded asynchronously). */
(function () {
  "use strict";
  var GE = (window.GeoEvents = window.GeoEvents || {});
  GE.eventLayers = [];
  GE.heatLayers = [];
  GE.maps = [];
  GE.marks = [];
  GE.mark = function (name) { GE.marks.push([name, Math.round(performance.now())]); };

  /* The data block: returns a holder whose ready(cb) runs cb(data) once decoded. */
  GE.load = function (id) {
    var holder = {
      data: null,
      waiting: [],
      ready: function (cb) {
        if (this.data) cb(this.data);
        else this.waiting.push(cb);
      },
    };
    function done(data) {
      GE.mark("data parsed");
      holder.data = data;
      var waiting = holder.waiting;
      holder.waiting = [];
      for (var i = 0; i < waiting.length; i++) waiting[i](data);
      GE.ready = true;
      GE.mark("layers filled");
    }
    var el = document.getElementById(id);
    GE.mark("data start");
    if (el.getAttribute("data-encoding") === "gzip+base64") {
      if (typeof DecompressionStream === "undefined") {
        GE.problem = "This browser cannot unpack the map data (it needs DecompressionStream: " +
          "Chrome 80, Firefox 113, Safari 16.4 or later).";
        document.addEventListener("DOMContentLoaded", function () {
          var box = document.createElement("div");
          box.className = "ge-problem";
          box.textContent = GE.problem;
          document.body.appendChild(box);
        });
        return holder;
      }
      var bin = atob(el.textContent.trim());
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      new Response(stream).text().then(function (text) {
        // leave the promise chain, so an error surfaces as an ordinary page error
        setTimeout(function () { done(JSON.parse(text)); }, 0);
      });
    } else {
      done(JSON.parse(el.textContent));
    }
    return holder;
  };

  /* Run queued work one item per animation frame. */
  var queue = [];
  function drain() {
    var job = queue.shift();
    if (job) job();
    if (queue.length) requestAnimationFrame(function () { setTimeout(drain, 0); });
  }
  GE.later = function (job) {
    queue.push(job);
    if (queue.length === 1) requestAnimationFrame(function () { setTimeout(drain, 0); });
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

  /* Markers of every event, bucketed by type index, built once. */
  function markersByType(D, clustered) {
    if (D._markers) return D._markers;
    var E = D.events, out = [];
    for (var t = 0; t < D.types.length; t++) out.push([]);
    for (var i = 0; i < E.t.length; i++) {
      var t2 = E.t[i];
      out[t2].push(
        L.marker([E.lat[i], E.lon[i]], {
          icon: GE.icon(D.types[t2], t2, clustered ? 0 : E.s[i]),
          ge: i,
          riseOnHover: true,
        })
      );
    }
    GE.mark("markers built");
    D._markers = out;
    return out;
  }

  /* One layer per event type; `color` is the type's colour, known before the data is. */
  GE.eventLayer = function (holder, t, clustered, color) {
    var group = clustered
      ? L.markerClusterGroup({
          chunkedLoading: true,
          chunkInterval: 100,
          showCoverageOnHover: false,
          maxClusterRadius: 60,
          iconCreateFunction: GE.clusterIcon(color),
        })
      : L.featureGroup();
    group.geMarkers = [];
    group.geClustered = clustered;
    group.on("add", function () {
      if (group.gePending) {
        var pending = group.gePending;
        group.gePending = null;
        group.addLayers(pending);
      }
    });
    GE.eventLayers.push(group);
    holder.ready(function (D) {
      var E = D.events;
      group.geType = D.types[t].key;
      group.geMarkers = markersByType(D, clustered)[t];
      if (clustered) {
        // one type per frame, so the browser paints the first clusters while the rest load
        GE.later(function () { GE.setMarkers(group, group.geMarkers); });
      } else {
        GE.setMarkers(group, group.geMarkers);
      }
      lazyPopup(group, function (i) { return E.pop[i] + D.docs[E.doc[i]]; }, { maxWidth: 380 });
      lazyTooltip(group, function (i) { return E.tip[i]; }, { direction: "top" });
    });
    return group;
  };

  GE.setMarkers = function (group, markers) {
    group.clearLayers();
    if (!group.geClustered) {
      for (var i = 0; i < markers.length; i++) group.addLayer(markers[i]);
    } else if (group._map) {
      group.addLayers(markers);
    } else {
      // markercluster checks every marker against its queue when off the map (quadratic):
      // keep them until the layer is shown
      group.gePending = markers;
    }
  };

  /* Place mentions, one circle per place and role; literal places filled, actor uses hollow. */
  GE.placeLayer = function (holder, colors) {
    var group = L.featureGroup();
    holder.ready(function (D) {
      var P = D.places;
      if (!P) return;
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
    });
    return group;
  };

  /* Actor → location arcs, already split at the antimeridian in Python. */
  GE.arcLayer = function (holder, color) {
    var group = L.featureGroup();
    holder.ready(function (D) {
      var A = D.arcs;
      for (var i = 0; i < A.paths.length; i++) {
        var w = 1.5 + Math.log(1 + A.n[i]) * 1.5;
        group.addLayer(
          L.polyline(A.paths[i], { color: color, weight: w, opacity: 0.65, className: "ge-arc", ge: i })
        );
        group.addLayer(
          L.circleMarker(A.paths[i][0][0], {
            radius: 3, color: color, fillOpacity: 1, weight: 1, className: "ge-arc-origin", ge: i,
          })
        );
      }
      lazyTooltip(group, function (i) { return A.tip[i]; }, { sticky: true });
    });
    return group;
  };

  GE.heatPoints = function (D, keep) {
    var E = D.events, pts = [];
    for (var i = 0; i < E.lat.length; i++) if (!keep || keep(i)) pts.push([E.lat[i], E.lon[i], 1]);
    return pts;
  };

  GE.heatLayer = function (holder) {
    var layer = L.heatLayer([], { radius: 18, blur: 15, minOpacity: 0.3 });
    GE.heatLayers.push(layer);
    holder.ready(function (D) { layer.setLatLngs(GE.heatPoints(D)); });
    return layer;
  };

  function fixedStyle(base) {
    return function () { return base; };
  }

  /* Country polygons drawn under the tiles, on canvas: the offline basemap. */
  GE.outlineLayer = function (map, holder) {
    if (!map.getPane("ge-basemap")) {
      map.createPane("ge-basemap");
      map.getPane("ge-basemap").style.zIndex = 150;
    }
    GE.basemap = L.geoJSON(null, {
      pane: "ge-basemap",
      renderer: L.canvas({ pane: "ge-basemap", padding: 0.1 }),
      interactive: false,
      style: fixedStyle({ color: "#9a9a9a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }),
    });
    holder.ready(function (D) { if (D.countries) GE.basemap.addData(D.countries); });
    return GE.basemap;
  };

  /* Events per country, coloured by class breaks computed in Python. */
  GE.choroplethLayer = function (holder) {
    var C = null;
    var layer = L.geoJSON(null, {
      filter: function (f) { return C.counts.hasOwnProperty(f.properties.iso_a2); },
      style: function (f) {
        var n = C.counts[f.properties.iso_a2][0], k = 0;
        while (k < C.breaks.length && n > C.breaks[k]) k++;
        return { color: "#555", weight: 0.8, fillColor: C.colors[k], fillOpacity: 0.7, className: "ge-choropleth" };
      },
      onEachFeature: function (f, l) {
        l.bindTooltip(C.counts[f.properties.iso_a2][1], { sticky: true });
      },
    });
    holder.ready(function (D) {
      C = D.choropleth;
      if (C && D.countries) layer.addData(D.countries);
    });
    return layer;
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
  GE.timeSlider = function (map, holder) {
    var Control = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "leaflet-bar ge-timeslider");
        var label = L.DomUtil.create("div", "ge-timeslider-label", box);
        var input = L.DomUtil.create("input", "ge-timeslider-input", box);
        input.type = "range";
        input.min = 0;
        input.setAttribute("aria-label", "show events up to date");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        holder.ready(function (D) {
          var E = D.events, dates = D.dates;
          var all = "All dates (" + dates[0] + " – " + dates[dates.length - 1] + ")";
          input.max = dates.length;
          input.value = dates.length;
          label.textContent = all;
          function show() {
            var k = parseInt(input.value, 10);
            label.textContent = k >= dates.length ? all : "Up to " + dates[k];
            var keep = k >= dates.length ? null : function (i) { return E.d[i] >= 0 && E.d[i] <= k; };
            for (var j = 0; j < GE.eventLayers.length; j++) {
              var g = GE.eventLayers[j];
              GE.setMarkers(g, keep ? g.geMarkers.filter(function (m) { return keep(m.options.ge); }) : g.geMarkers);
            }
            for (var h = 0; h < GE.heatLayers.length; h++) GE.heatLayers[h].setLatLngs(GE.heatPoints(D, keep));
          }
          L.DomEvent.on(input, "input", show);
          GE.setDateIndex = function (k) { input.value = k; show(); };
        });
        return box;
      },
    });
    return new Control();
  };

  /* Search by place name, over the names in the data (matched as text, never as HTML). */
  GE.placeSearch = function (holder) {
    return new L.Control.Search({
      sourceData: function (text, respond) {
        respond(holder.data ? holder.data.search : []);
        return { abort: function () {} };
      },
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

  GE.miniMap = function (holder) {
    var layer = L.geoJSON(null, {
      renderer: L.canvas({ padding: 0.1 }),
      interactive: false,
      style: fixedStyle({ color: "#888", weight: 0.4, fillColor: "#eee", fillOpacity: 1 }),
    });
    holder.ready(function (D) { if (D.countries) layer.addData(D.countries); });
    return new L.Control.MiniMap(layer, {
      toggleDisplay: true, zoomLevelOffset: -5, position: "bottomright", width: 150, height: 110,
    });
  };
})();
