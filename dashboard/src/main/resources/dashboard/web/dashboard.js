// The pages only draw: what each shows comes from /api/pages (the panel catalogue) and each panel's data from
// /api/panels/ID. Every few seconds every panel of the page is fetched again, so a new minute appears without a
// reload.
'use strict';

const REFRESH_MS = 5000;
// the height of a one-line scrolling legend (25 px with its page buttons, as drawn) and a pixel of air
const LEGEND_HEIGHT = 26;
const STATUS_COLOURS = { AVAILABLE: '#2e7d32', BUSY: '#ef6c00', OFFLINE: '#9e9e9e' };
const pagePath = location.pathname.replace(/^\//, '') || 'overview';
const charts = {};
let catalogue = null;

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function params() {
  const p = new URLSearchParams();
  p.set('range', document.getElementById('range').value);
  p.set('bucket', document.getElementById('bucket').value);
  p.set('city', document.getElementById('city').value);
  const driver = document.getElementById('driver').value.trim();
  if (driver) p.set('driver', driver);
  const minute = Number(document.getElementById('minute').value);
  if (pagePath === 'supply-demand' && minute < 0) {
    p.set('to', String(Math.floor(Date.now() / 60000 + minute + 1) * 60));
  }
  return p;
}

function restoreControls() {
  const q = new URLSearchParams(location.search);
  ['range', 'bucket', 'city', 'driver'].forEach((id) => { if (q.has(id)) document.getElementById(id).value = q.get(id); });
}

function format(value, panel) {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') return String(value);
  if (panel.ratio) return (value * 100).toFixed(Math.abs(value) < 0.01 && value !== 0 ? 3 : 1) + ' %';
  if (panel.unit === 'B' && Math.abs(value) >= 1024 * 1024) {
    const gib = Math.abs(value) >= 1024 ** 3;
    return (value / (gib ? 1024 ** 3 : 1024 ** 2)).toFixed(gib ? 2 : 0) + (gib ? ' GiB' : ' MiB');
  }
  const text = Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en') : Number(value.toFixed(2)).toString();
  return panel.unit ? text + ' ' + panel.unit : text;
}

function chart(id, node) {
  if (charts[id] && charts[id].getDom() !== node) charts[id].dispose(); // redrawn grids get new nodes
  if (!charts[id] || charts[id].isDisposed()) charts[id] = echarts.init(node);
  return charts[id];
}

/** Series of a time-series answer: long format (time, series, value) or one column per series. */
function seriesOf(data) {
  const series = {};
  // long format: (time, series|metric, value), 'metric' as Grafana names it
  const name = data.columns.includes('series') ? 'series' : data.columns.includes('metric') ? 'metric' : null;
  if (name) {
    const [t, n, v] = ['time', name, 'value'].map((c) => data.columns.indexOf(c));
    data.rows.forEach((r) => (series[r[n]] = series[r[n]] || []).push([r[t], r[v]]));
  } else {
    data.columns.slice(1).forEach((c, i) => { series[c] = data.rows.map((r) => [r[0], r[i + 1]]); });
  }
  return series;
}

/**
 * The legend and the plot's grid of a chart with these series names. A legend is one line that scrolls (arrows and
 * a page count) above the plot, and the plot starts below that line: a wrapping legend (one entry per service is a
 * dozen) used to cover the plot and its axis labels. The grid holds its axis labels (containLabel), so a long label
 * such as "0.8 records" is not cut at the card's edge. A line chart names its series from two on; the map its
 * statuses always, since the colour is the status.
 */
function legendAndGrid(names, grid, fewest = 2) {
  const plot = { ...grid, containLabel: true };
  if (names.length < fewest) return { legend: undefined, grid: plot };
  return {
    legend: { type: 'scroll', top: 0, left: 0, right: 0, itemWidth: 16, itemHeight: 10, itemGap: 8, data: names },
    grid: { ...plot, top: plot.top + LEGEND_HEIGHT },
  };
}

function drawTimeseries(node, panel, data, small) {
  const series = seriesOf(data);
  const frame = small ? { grid: { left: 0, right: 0, top: 2, bottom: 2 } }
    : legendAndGrid(Object.keys(series), { left: 4, right: 16, top: 12, bottom: 4 });
  chart(panel.id + (small ? '-spark' : ''), node).setOption({
    animation: false,
    ...frame,
    tooltip: small ? undefined : { trigger: 'axis' },
    xAxis: { type: 'time', show: !small },
    yAxis: { type: 'value', show: !small, axisLabel: { formatter: (v) => format(v, panel) } },
    series: Object.entries(series).map(([name, points]) => ({ name, type: 'line', showSymbol: false, data: points })),
  }, true);
}

function drawStat(node, panel, data) {
  node.replaceChildren();
  const box = el('div', { class: 'stat' });
  data.columns.forEach((c, i) => {
    const item = el('div');
    item.append(el('span', {}, c.replace(/_/g, ' ')));
    const value = data.rows[0][i];
    item.append(el('b', { 'data-column': c, 'data-value': value === null ? '' : String(value) },
      c === 'last_updated' ? String(value) : format(value, panel)));
    box.append(item);
  });
  node.append(box);
}

function drawHeatmap(node, panel, data) {
  const col = (name) => data.columns.indexOf(name);
  const cities = [...new Set(data.rows.map((r) => r[col('city')]))];
  node.replaceChildren();
  cities.forEach((city) => {
    const rows = data.rows.filter((r) => r[col('city')] === city);
    const holder = el('div', { class: 'chart', 'data-city': city, 'data-cells': String(rows.length) });
    node.append(el('div', {}, city + ' at ' + rows[0][col('bucket_start')] + ' (requests; label: requests/available drivers)'));
    node.append(holder);
    const cells = Array.from({ length: 12 }, (_, i) => i);
    chart(panel.id + city, holder).setOption({
      animation: false,
      tooltip: { formatter: (p) => { const r = rows[p.dataIndex]; return r[col('cell')] + '<br>requests ' + r[col('requests')]
        + '<br>available drivers ' + r[col('drivers_available')] + '<br>drivers present ' + r[col('drivers_present')]
        + '<br>mean surge ' + format(r[col('avg_surge')], {}); } },
      // room above the plot for the y axis' name ('row'), right of it for the scale
      grid: { left: 40, right: 80, top: 26, bottom: 30 },
      xAxis: { type: 'category', data: cells, name: 'col' },
      yAxis: { type: 'category', data: cells, name: 'row' },
      visualMap: { min: 0, max: Math.max(1, ...rows.map((r) => r[col('requests')])), right: 0, top: 'center', calculable: true },
      series: [{ type: 'heatmap', label: { show: true, formatter: (p) => { const r = rows[p.dataIndex];
        return r[col('requests')] + '/' + r[col('drivers_available')]; } },
        data: rows.map((r) => [r[col('cell_col')], r[col('cell_row')], r[col('requests')]]) }],
    }, true);
  });
}

function drawMap(node, panel, data) {
  const col = (name) => data.columns.indexOf(name);
  const byStatus = {};
  data.rows.forEach((r) => (byStatus[r[col('status')]] = byStatus[r[col('status')]] || []).push([r[col('lon')], r[col('lat')], r[col('driver_id')]]));
  chart(panel.id, node).setOption({
    animation: false,
    // room above the plot for the y axis' name, right of it for the x axis'
    ...legendAndGrid(Object.keys(byStatus), { left: 4, right: 40, top: 30, bottom: 4 }, 1),
    tooltip: { formatter: (p) => 'driver ' + p.value[2] + ' (' + p.seriesName + ')' },
    xAxis: { type: 'value', scale: true, name: 'lon' },
    yAxis: { type: 'value', scale: true, name: 'lat' },
    series: Object.entries(byStatus).map(([status, points]) => ({ name: status, type: 'scatter', symbolSize: 5,
      itemStyle: { color: STATUS_COLOURS[status] || '#1565c0' }, data: points })),
  }, true);
}

function drawTable(node, panel, data) {
  const table = el('table');
  const head = el('tr');
  data.columns.forEach((c) => head.append(el('th', {}, c)));
  table.append(head);
  data.rows.forEach((r) => { const tr = el('tr'); r.forEach((v) => tr.append(el('td', {}, format(v, {})))); table.append(tr); });
  node.replaceChildren(table);
}

function lastValue(data) {
  for (let i = data.rows.length - 1; i >= 0; i--) {
    const v = data.rows[i][data.columns.includes('series') ? 2 : data.kind === 'STAT' ? 0 : 1];
    if (v !== null) return v;
  }
  return null;
}

async function load(panel) {
  const answer = await fetch('/api/panels/' + panel.id + '?' + params());
  const data = await answer.json();
  const card = document.getElementById('panel-' + panel.id);
  const tile = document.getElementById('tile-' + panel.id);
  if (tile) {
    // A tile with a figure of its own (complete buckets only) shows that; others their panel's newest value.
    const own = data.tile;
    const empty = own ? own.empty : data.empty;
    const value = empty ? null : own ? own.value : lastValue(data);
    const v = tile.querySelector('.value');
    v.textContent = empty ? '–' : format(value, panel);
    v.dataset.value = value === null ? '' : String(value);
    v.title = empty || '';
    // What a person sees and a browser test reads: the newest bucket the tile's figure covers.
    tile.dataset.lastTime = empty ? '' : own ? String(own.time)
      : !data.rows.length || panel.kind !== 'TIMESERIES' ? '' : String(data.rows[data.rows.length - 1][0]);
    tile.querySelector('.caption').textContent = own ? own.caption + (own.time ? ' · ' + own.time.slice(11, 16) + ' UTC' : '') : '';
    if (!data.empty && panel.kind === 'TIMESERIES') drawTimeseries(tile.querySelector('.spark'), panel, data, true);
  }
  if (!card) return;
  // Say so where a chosen city does not narrow a panel, rather than let it look like that city's figure.
  card.querySelector('.scope').textContent =
    !document.getElementById('city').value || panel.per_city ? ''
      : panel.source === 'SQL' ? ' (all cities: the mart keeps these city-wide)'
      : ' (all cities: a figure of the pipeline, not of a city)';
  const body = card.querySelector('.body');
  if (data.empty) {
    if (charts[panel.id]) { charts[panel.id].dispose(); delete charts[panel.id]; }
    body.replaceChildren(el('div', { class: 'empty' }, data.empty));
    return;
  }
  if (body.querySelector('.empty')) body.replaceChildren();
  if (panel.kind === 'TIMESERIES' || panel.kind === 'MAP') {
    let node = body.querySelector('.chart');
    if (!node) { node = el('div', { class: 'chart' }); body.replaceChildren(node); }
    (panel.kind === 'MAP' ? drawMap : drawTimeseries)(node, panel, data);
  } else if (panel.kind === 'STAT') drawStat(body, panel, data);
  else if (panel.kind === 'HEATMAP') drawHeatmap(body, panel, data);
  else drawTable(body, panel, data);
}

async function freshness() {
  const f = await (await fetch('/api/freshness')).json();
  const badge = document.getElementById('freshness');
  badge.classList.toggle('stale', f.stale);
  badge.textContent = f.seconds_behind === null ? 'freshness unknown'
    : 'data ' + Math.round(f.seconds_behind) + ' s behind (limit ' + f.limit_seconds + ' s)';
  badge.title = f.reason || 'health.max-freshness-seconds = ' + f.limit_seconds;
}

async function refresh() {
  const page = catalogue.pages.find((p) => p.path === pagePath);
  await Promise.all([freshness(), ...page.panels.map(load)]);
  document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
}

function layout(page) {
  const tiles = document.getElementById('tiles');
  const panels = document.getElementById('panels');
  page.panels.filter((p) => p.headline).forEach((p) => {
    const tile = el('div', { class: 'tile', id: 'tile-' + p.id, 'data-panel': p.id });
    tile.append(el('div', { class: 'title' }, p.title), el('div', { class: 'value' }, '…'),
      el('div', { class: 'caption' }), el('div', { class: 'spark' }));
    tiles.append(tile);
  });
  const groups = [...new Set(page.panels.map((p) => p.group))];
  groups.forEach((g) => {
    panels.append(el('h2', {}, g));
    const grid = el('div', { class: 'grid' });
    page.panels.filter((p) => p.group === g).forEach((p) => {
      const wide = p.kind === 'HEATMAP' || p.kind === 'MAP' || p.kind === 'TABLE';
      const card = el('div', { class: 'card' + (wide ? ' wide' : ''), id: 'panel-' + p.id, 'data-panel': p.id });
      const title = el('h3', {}, p.title);
      title.append(el('small', { class: 'scope' }));
      card.append(title, el('div', { class: 'body' }));
      grid.append(card);
    });
    panels.append(grid);
  });
}

async function main() {
  catalogue = await (await fetch('/api/pages')).json();
  const nav = document.getElementById('nav');
  catalogue.pages.forEach((p) => {
    nav.append(el('a', { href: '/' + p.path, class: p.path === pagePath ? 'active' : '' }, p.title));
  });
  const city = document.getElementById('city');
  catalogue.cities.forEach((c) => city.append(el('option', { value: c.code }, c.code + ' ' + c.name)));
  restoreControls();
  nav.querySelectorAll('a').forEach((a) => { a.search = '?' + params(); });
  document.getElementById('driver-control').hidden = pagePath !== 'drivers';
  document.getElementById('minute-control').hidden = pagePath !== 'supply-demand';
  const page = catalogue.pages.find((p) => p.path === pagePath);
  document.title = 'rideops · ' + page.title;
  layout(page);
  document.querySelectorAll('#controls select, #controls input').forEach((c) => c.addEventListener('change', () => {
    const q = params();
    nav.querySelectorAll('a').forEach((a) => { a.search = '?' + q; });
    history.replaceState(null, '', '?' + q);
    refresh();
  }));
  document.getElementById('minute').addEventListener('input', (e) => {
    const m = Number(e.target.value);
    document.getElementById('minute-label').textContent = m === 0 ? 'newest' : m + ' min';
  });
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  await refresh();
  setInterval(refresh, REFRESH_MS);
}

main();
