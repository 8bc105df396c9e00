/*
 * warledger dashboard: draws the regions map and the per-day chart as plain SVG, and keeps
 * the map, the chart and the events list in step with the filters through the JSON API
 * (/api/regions, /api/timeseries, /api/events; measure labels from /api/vocabulary). No
 * library, no network beyond this server.
 */
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  // Sequential reds (light = little, dark = much); the empty colour marks "no figures".
  const PALETTE = ["#fcd5c5", "#fb9f83", "#f4623f", "#d02c21", "#96111a"];
  const EMPTY = "#e4e7eb";
  const EVENT_LIMIT = 200;

  const form = document.getElementById("filters");
  const mapBox = document.getElementById("map");
  const legendBox = document.getElementById("legend");
  const chartBox = document.getElementById("chart");
  const statusLine = document.getElementById("status");
  const eventsTable = document.getElementById("events");
  const eventsTitle = document.getElementById("events-title");
  const eventsCount = document.getElementById("events-count");
  const clearRegion = document.getElementById("clear-region");
  if (!form || !mapBox) return;

  const state = {
    measure: form.elements.measure.value,
    dateFrom: form.elements.date_from.value,
    dateTo: form.elements.date_to.value,
    region: form.elements.region ? form.elements.region.value : "",
  };
  const names = {}; // ISO code -> region name, from the GeoJSON
  let paths = {}; // ISO code -> <path>

  // --- helpers -------------------------------------------------------------------------

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  function fmt(x) {
    return Number(x).toLocaleString("en-US", { maximumFractionDigits: 1 });
  }

  function filterParams(extra) {
    const p = new URLSearchParams();
    if (state.dateFrom) p.set("date_from", state.dateFrom);
    if (state.dateTo) p.set("date_to", state.dateTo);
    for (const [k, v] of Object.entries(extra || {})) if (v !== "" && v != null) p.set(k, v);
    return p;
  }

  async function getJSON(path, params) {
    const res = await fetch(path + "?" + params.toString(), { headers: { Accept: "application/json" } });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || res.statusText);
    return body;
  }

  // Measure labels as the API's vocabulary gives them (/api/vocabulary): the page keeps no
  // list of its own; until they arrive (or if they cannot), a measure's name stands in.
  const labels = {};
  async function loadLabels() {
    try {
      const vocabulary = await getJSON("/api/vocabulary", new URLSearchParams());
      for (const m of vocabulary.measures) labels[m.name] = m.label;
    } catch (err) {
      /* the names stand in */
    }
  }
  const label = (measure) => labels[measure] || measure;

  function say(text) {
    statusLine.textContent = text;
  }

  // --- the map ---------------------------------------------------------------------------

  // Equirectangular projection with longitudes scaled by cos(mid-latitude): Ukraine spans only
  // 44–52.5°N, so across the country shapes stay within about 8% of true proportions, which is
  // plenty for a choropleth, and the code stays a few lines with no projection library.
  function projector(features) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    forEachPoint(features, ([x, y]) => {
      minX = Math.min(minX, x); maxX = Math.max(maxX, x);
      minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    });
    const k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
    const width = 1000, pad = 10;
    const scale = (width - 2 * pad) / ((maxX - minX) * k);
    const height = Math.ceil((maxY - minY) * scale + 2 * pad);
    return {
      width, height,
      project: ([x, y]) => [pad + (x - minX) * k * scale, pad + (maxY - y) * scale],
    };
  }

  function polygonsOf(geometry) {
    if (geometry.type === "Polygon") return [geometry.coordinates];
    if (geometry.type === "MultiPolygon") return geometry.coordinates;
    return [];
  }

  function forEachPoint(features, fn) {
    for (const f of features) for (const poly of polygonsOf(f.geometry)) for (const ring of poly) ring.forEach(fn);
  }

  function pathData(geometry, project) {
    let d = "";
    for (const poly of polygonsOf(geometry)) {
      for (const ring of poly) {
        d += ring.map((pt, i) => {
          const [x, y] = project(pt);
          return (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
        }).join("") + "Z";
      }
    }
    return d;
  }

  function drawMap(geo) {
    const { width, height, project } = projector(geo.features);
    const svg = el("svg", {
      viewBox: `0 0 ${width} ${height}`, role: "group",
      "aria-label": "Map of Ukraine's regions; each region is a button that lists its events",
    });
    paths = {};
    for (const f of geo.features) {
      const iso = f.properties.iso;
      names[iso] = f.properties.name;
      const p = el("path", {
        d: pathData(f.geometry, project), class: "region", fill: EMPTY,
        "data-iso": iso, role: "button", tabindex: "0", "aria-label": f.properties.name,
      }, svg);
      el("title", {}, p).textContent = f.properties.name;
      p.addEventListener("click", () => selectRegion(iso));
      p.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectRegion(iso); }
      });
      paths[iso] = p;
    }
    mapBox.replaceChildren(svg);
    markSelected();
  }

  // Five equal steps from 0 to the largest total: easy to read off a legend, and a region's
  // colour does not depend on how the others happen to be distributed.
  function binOf(value, max) {
    return Math.min(PALETTE.length - 1, Math.floor((value / max) * PALETTE.length));
  }

  function shadeMap(regions) {
    const label = form.elements.measure.selectedOptions[0].textContent;
    const totals = {};
    for (const item of regions.items) {
      const v = item.totals[state.measure];
      if (v) totals[item.admin1] = v;
    }
    const max = Math.max(0, ...Object.values(totals));
    for (const [iso, p] of Object.entries(paths)) {
      const v = totals[iso] || 0;
      const fill = v > 0 ? PALETTE[binOf(v, max)] : EMPTY;
      p.setAttribute("fill", fill);
      p.setAttribute("data-value", String(v));
      const text = `${names[iso]}: ${v > 0 ? fmt(v) : "no figures"} (${label.toLowerCase()})`;
      p.setAttribute("aria-label", text);
      p.querySelector("title").textContent = text;
    }
    drawLegend(max, label);
  }

  // A grey map is not "no attack": launched, intercepted and hit are mostly counted for the
  // whole country, and a national figure has no region to shade. Say so when that is why.
  function explainMap(regions, series) {
    const note = document.getElementById("map-note");
    if (!note) return;
    const shaded = regions.items.some((r) => r.totals[state.measure]);
    const national = series.items.reduce((sum, d) => sum + (d.values[state.measure] || 0), 0);
    const label = form.elements.measure.selectedOptions[0].textContent.toLowerCase();
    if (!shaded && national > 0) {
      note.textContent = `No region has a figure of its own for ${label} in this range: the reports ` +
        `count ${fmt(national)} for the whole country, shown in the chart and the events below.`;
      note.hidden = false;
    } else {
      note.textContent = "";
      note.hidden = true;
    }
  }

  function drawLegend(max, label) {
    legendBox.replaceChildren();
    const add = (color, text) => {
      const item = document.createElement("span");
      item.className = "item";
      const sw = document.createElement("span");
      sw.className = "swatch";
      sw.style.background = color;
      item.append(sw, text);
      legendBox.appendChild(item);
    };
    const head = document.createElement("strong");
    head.textContent = label + ":";
    legendBox.appendChild(head);
    if (max > 0) {
      const step = max / PALETTE.length;
      PALETTE.forEach((color, i) => {
        const lo = i === 0 ? 1 : Math.floor(step * i) + 1;
        const hi = i === PALETTE.length - 1 ? max : Math.floor(step * (i + 1));
        if (hi >= lo) add(color, lo === hi ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`);
      });
    }
    add(EMPTY, "no figures");
  }

  function markSelected() {
    for (const [iso, p] of Object.entries(paths)) {
      p.classList.toggle("selected", iso === state.region);
      p.setAttribute("aria-pressed", iso === state.region ? "true" : "false");
    }
    // SVG has no z-index: drawn last, the selected region's border is not hidden by its neighbours'
    const selected = paths[state.region];
    if (selected) selected.parentNode.appendChild(selected);
  }

  // --- the chart -------------------------------------------------------------------------

  // Every day of the range, with zeros where no event has figures, so that the gaps between
  // attacks show as gaps. Past MAX_FILL days the bars would be thinner than a pixel, so only
  // the days with figures are drawn.
  const MAX_FILL = 400;
  function fillDays(items) {
    if (!items.length) return items;
    const byDate = new Map(items.map((d) => [d.date, d]));
    const first = state.dateFrom && state.dateFrom < items[0].date ? state.dateFrom : items[0].date;
    const last = state.dateTo && state.dateTo > items[items.length - 1].date ? state.dateTo : items[items.length - 1].date;
    const start = Date.parse(first + "T00:00:00Z"), end = Date.parse(last + "T00:00:00Z");
    const DAY = 86400000;
    if ((end - start) / DAY > MAX_FILL) return items;
    const out = [];
    for (let t = start; t <= end; t += DAY) {
      const date = new Date(t).toISOString().slice(0, 10);
      out.push(byDate.get(date) || { date, launched: 0, intercepted: 0 });
    }
    return out;
  }

  function drawChart(series) {
    const days = fillDays(series.items);
    if (!days.length) {
      const p = document.createElement("p");
      p.className = "empty-note";
      p.textContent = "No figures in this date range.";
      chartBox.replaceChildren(p);
      return;
    }
    const W = 640, H = 300, left = 48, right = 8, top = 28, bottom = 42;
    const innerW = W - left - right, innerH = H - top - bottom;
    const max = Math.max(1, ...days.map((d) => Math.max(d.launched, d.intercepted)));
    const niceMax = niceCeil(max);
    const y = (v) => top + innerH - (v / niceMax) * innerH;
    const slot = innerW / days.length;
    const barW = Math.max(1, Math.min(24, slot * 0.4));

    const svg = el("svg", {
      viewBox: `0 0 ${W} ${H}`, role: "img",
      "aria-label": `Launched and intercepted per day, ${days[0].date} to ${days[days.length - 1].date}`,
    });
    // legend
    let lx = left;
    for (const cls of ["launched", "intercepted"]) {
      el("rect", { x: lx, y: 6, width: 12, height: 12, class: "bar " + cls }, svg);
      el("text", { x: lx + 17, y: 16 }, svg).textContent = label(cls);
      lx += 17 + 7 * label(cls).length + 24; // about 7px a character at the chart's size
    }
    // y axis with four gridlines
    for (let i = 0; i <= 4; i++) {
      const v = (niceMax / 4) * i;
      el("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), class: i ? "grid-line" : "axis" }, svg);
      el("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end" }, svg).textContent = fmt(v);
    }
    // bars, and a date label every few days so that labels never overlap
    const every = Math.ceil(days.length / Math.max(1, Math.floor(innerW / 70)));
    days.forEach((d, i) => {
      const x0 = left + slot * i + slot / 2;
      for (const [cls, dx] of [["launched", -barW], ["intercepted", 0]]) {
        const v = d[cls];
        const r = el("rect", {
          x: x0 + dx, y: y(v), width: barW, height: Math.max(0, top + innerH - y(v)), class: "bar " + cls,
        }, svg);
        el("title", {}, r).textContent = `${d.date}: ${fmt(v)} ${cls}`;
      }
      if (i % every === 0) {
        el("text", { x: x0, y: H - bottom + 16, "text-anchor": "middle" }, svg).textContent = d.date;
      }
    });
    chartBox.replaceChildren(svg);
  }

  // The next "round" number at or above x (1, 2, 2.5, 5 times a power of ten), for the axis.
  function niceCeil(x) {
    const p = Math.pow(10, Math.floor(Math.log10(x)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
    return 10 * p;
  }

  // --- the events list -------------------------------------------------------------------

  function renderEvents(page) {
    const body = eventsTable.tBodies[0];
    body.replaceChildren();
    for (const e of page.items) {
      const tr = body.insertRow();
      const date = tr.insertCell();
      date.className = "date";
      date.textContent = e.date || "undated";
      const a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(e.key);
      a.textContent = e.label || e.key;
      tr.insertCell().appendChild(a);
      const regions = tr.insertCell();
      for (const r of e.regions) {
        const tag = document.createElement("span");
        tag.className = "region-tag";
        tag.title = r.code;
        tag.textContent = r.name || r.code;
        regions.appendChild(tag);
      }
    }
    if (!page.items.length) {
      const tr = body.insertRow();
      tr.className = "empty";
      const td = tr.insertCell();
      td.colSpan = 3;
      td.textContent = state.region ? "No events in this region and range." : "No events in this range.";
    }
    const n = page.total;
    eventsCount.textContent = `${n} event${n === 1 ? "" : "s"}` +
      (n > page.items.length ? `, the first ${page.items.length} shown` : "");
    const where = state.region ? names[state.region] || state.region : "";
    eventsTitle.textContent = where ? `Events in ${where}` : "Events";
    clearRegion.hidden = !state.region;
  }

  // --- state -----------------------------------------------------------------------------

  function syncURL() {
    const p = filterParams({ measure: state.measure, region: state.region });
    // date inputs left blank mean "open-ended"; keep that in the URL
    if (!state.dateFrom) p.set("date_from", "");
    if (!state.dateTo) p.set("date_to", "");
    history.replaceState(null, "", "/?" + p.toString());
    clearRegion.href = "/?" + filterParams({ measure: state.measure }).toString();
  }

  async function loadEvents() {
    const page = await getJSON("/api/events", filterParams({ region: state.region, limit: EVENT_LIMIT }));
    renderEvents(page);
  }

  async function refresh() {
    say("Loading…");
    try {
      const [regions, series] = await Promise.all([
        getJSON("/api/regions", filterParams()),
        getJSON("/api/timeseries", filterParams()),
        loadEvents(),
      ]);
      shadeMap(regions);
      explainMap(regions, series);
      drawChart(series);
      say("");
      document.body.dataset.ready = "true";
    } catch (err) {
      say("Could not load the figures: " + err.message);
    }
    syncURL();
  }

  async function selectRegion(iso) {
    // a second click on the selected region clears the selection
    state.region = state.region === iso ? "" : iso;
    markSelected();
    syncURL();
    try {
      await loadEvents();
      document.getElementById("events-title").scrollIntoView({ behavior: "smooth", block: "nearest" });
    } catch (err) {
      say("Could not load the events: " + err.message);
    }
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    refresh();
  });
  form.addEventListener("change", () => {
    state.measure = form.elements.measure.value;
    state.dateFrom = form.elements.date_from.value;
    state.dateTo = form.elements.date_to.value;
    refresh();
  });
  clearRegion.addEventListener("click", (ev) => {
    ev.preventDefault();
    if (state.region) selectRegion(state.region);
  });

  loadLabels()
    .then(() => fetch(mapBox.dataset.geojson))
    .then((res) => res.json())
    .then((geo) => { drawMap(geo); return refresh(); })
    .catch((err) => say("Could not draw the map: " + err.message));
})();
