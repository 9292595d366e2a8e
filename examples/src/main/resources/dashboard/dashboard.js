'use strict';
// The release-health dashboard: polls api/stats (the embedded receiver's counts) and api/library
// (the demo's own SessionManager.stats()) and renders them. No framework, no build step.

const POLL_MS = 2000;
const FEED_ROWS = 18;
const MIN_CHART_MINUTES = 12;
const OUTCOMES = ['exited', 'live', 'errored', 'abnormal', 'crashed']; // bottom to top in the chart
const SVG = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);

const format = {
  count: (n) => (n ?? 0).toLocaleString('en-US'),
  percent: (p) => (p === null || p === undefined ? '–' : p.toFixed(2) + '%'),
  seconds(s) {
    if (s === null || s === undefined) return '–';
    if (s < 60) return s.toFixed(1) + ' s';
    const m = Math.floor(s / 60);
    return m < 60 ? `${m}m ${Math.round(s % 60)}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
  },
  time: (iso) => new Date(iso).toLocaleTimeString('en-GB'),
  short: (id) => (id ? id.slice(0, 8) : '—'),
};

/** Sets a number's text and keeps the exact value in data-value (the browser test reads it). */
function show(id, value, text) {
  const el = $(id);
  el.textContent = text;
  el.dataset.value = value === null || value === undefined ? '' : String(value);
}

function rateClass(p) {
  if (p === null || p === undefined) return '';
  return p >= 99 ? 'good' : p >= 95 ? 'warn' : 'bad';
}

function renderTotals(t) {
  for (const [id, p] of [['crash-free-sessions', t.crashFreeSessions], ['crash-free-users', t.crashFreeUsers]]) {
    show(id, p, format.percent(p));
    $(id).className = 'value ' + rateClass(p);
    $(id + '-bar').style.width = (p ?? 0) + '%';
  }
  show('sessions-started', t.started, format.count(t.started));
  show('sessions-live', t.live, format.count(t.live));
  show('sessions-live-card', t.live, format.count(t.live));
  for (const k of ['exited', 'errored', 'crashed', 'abnormal']) {
    show('sessions-' + k, t[k], format.count(t[k]));
  }
  show('users', t.users, format.count(t.users));
  show('active-users', t.activeUsers, format.count(t.activeUsers));
  show('avg-duration', t.averageDurationSeconds, format.seconds(t.averageDurationSeconds));
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v; else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

function rateCell(p) {
  const bar = el('span');
  bar.style.width = (p ?? 0) + '%';
  return el('td', {}, el('div', { class: 'rate' }, el('div', { class: 'bar' }, bar),
    el('b', { class: rateClass(p) }, format.percent(p))));
}

function renderReleases(rows) {
  if (!rows.length) return;
  $('releases').replaceChildren(...rows.map((r) => {
    const h = r.health;
    return el('tr', { 'data-testid': 'release-row', 'data-release': r.release, 'data-started': h.started,
      'data-crashed': h.crashed },
    el('td', { class: 'release-name' }, r.release), el('td', {}, r.environment ?? '—'),
    el('td', { class: 'num' }, format.count(h.started)), rateCell(h.crashFreeSessions),
    el('td', { class: 'num' }, format.percent(h.crashFreeUsers)),
    el('td', { class: 'num' }, format.count(h.errored)), el('td', { class: 'num' }, format.count(h.crashed)),
    el('td', { class: 'num' }, format.count(h.abnormal)), el('td', { class: 'num' }, format.count(h.live)),
    el('td', { class: 'num' }, format.count(h.users)),
    el('td', { class: 'num' }, format.seconds(h.averageDurationSeconds)));
  }));
}

let newestSeen = '';
function renderFeed(updates) {
  if (!updates.length) return;
  const rows = updates.slice(0, FEED_ROWS).map((u) => {
    const status = u.type === 'sessions' ? `${format.count(u.sessions)} aggregated` : (u.status ?? u.type);
    const fresh = newestSeen && u.receivedAt > newestSeen ? ' fresh' : '';
    const tr = el('tr', { class: (u.rejection ? 'rejected' : 'accepted') + fresh, 'data-testid': 'feed-row' },
      el('td', {}, format.time(u.receivedAt)),
      el('td', { class: 'sid' }, u.type === 'session' ? format.short(u.sid) : u.type),
      el('td', {}, el('span', { class: 'badge ' + (u.status ?? '') }, status),
        u.init ? el('span', { class: 'badge init' }, 'init') : ''),
      el('td', { class: 'num' }, u.errors ?? ''),
      el('td', { class: 'user' }, u.did ? format.short(u.did) : 'anonymous'),
      el('td', { class: 'release-name' }, u.release ?? '—'),
      u.rejection ? el('td', { class: 'reason' }, el('span', { class: 'badge rejected' }, 'rejected'), ' ', u.rejection)
        : el('td'));
    return tr;
  });
  newestSeen = updates[0].receivedAt;
  $('feed').replaceChildren(...rows);
}

function renderReasons(id, byReason, none) {
  const entries = Object.entries(byReason).sort((a, b) => b[1] - a[1]);
  $(id).replaceChildren(...(entries.length
    ? entries.map(([reason, n]) => el('li', {}, el('span', {}, reason), el('b', {}, format.count(n))))
    : [el('li', { class: 'none' }, none)]));
}

/** From the first minute with sessions (at least MIN_CHART_MINUTES), so a fresh demo is not one thin bar. */
function recentMinutes(minutes) {
  const first = minutes.findIndex((m) => OUTCOMES.some((k) => m[k] > 0));
  return minutes.slice(Math.max(0, Math.min(first < 0 ? minutes.length : first, minutes.length - MIN_CHART_MINUTES)));
}

function renderChart(all) {
  const minutes = recentMinutes(all);
  const host = $('chart');
  const width = Math.max(host.clientWidth, 300);
  const height = 220;
  const pad = { left: 40, right: 8, top: 10, bottom: 24 };
  const totals = minutes.map((m) => OUTCOMES.reduce((s, k) => s + m[k], 0));
  const max = niceMax(Math.max(...totals, 1));
  const plotH = height - pad.top - pad.bottom;
  const slot = (width - pad.left - pad.right) / minutes.length;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const grid = svgEl('g', { class: 'grid' });
  for (let i = 0; i <= 4; i++) {
    const y = pad.top + plotH - (plotH * i) / 4;
    grid.append(svgEl('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y }));
    grid.append(svgEl('text', { x: pad.left - 6, y: y + 4, 'text-anchor': 'end' }, String((max * i) / 4)));
  }
  svg.append(grid);
  minutes.forEach((m, i) => {
    const x = pad.left + i * slot + slot * 0.15;
    let y = pad.top + plotH;
    const bar = svgEl('g', {});
    for (const k of OUTCOMES) {
      const h = (plotH * m[k]) / max;
      if (h > 0) {
        y -= h;
        bar.append(svgEl('rect', { class: k, x, y, width: slot * 0.7, height: h, rx: 2 }));
      }
    }
    const label = new Date(m.minute).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    bar.append(svgEl('title', {}, `${label}: ${totals[i]} sessions — ` + OUTCOMES.map((k) => `${k} ${m[k]}`).join(', ')));
    svg.append(bar);
    if ((minutes.length - 1 - i) % Math.ceil(minutes.length / 8) === 0) {
      svg.append(svgEl('text', { x: x + slot * 0.35, y: height - 6, 'text-anchor': 'middle' }, label));
    }
  });
  host.replaceChildren(svg);
}

/** A round axis maximum: four grid steps of 1, 2 or 5 times a power of ten. */
function niceMax(n) {
  const raw = n / 4;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= raw);
  return Math.max(1, step) * 4;
}

function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const LIBRARY_COUNTERS = {
  'lib-started': 'started', 'lib-recorded': 'recorded', 'lib-sent': 'sent', 'lib-pending': 'pending',
  'lib-discarded': 'discardedTotal', 'lib-unconfirmed': 'unconfirmed', 'lib-unconfirmed-envelopes': 'unconfirmedEnvelopes',
  'lib-storage-failures': 'storageFailures', 'lib-aggregated-requests': 'aggregatedRequests',
};

function renderLibrary(lib) {
  for (const [id, key] of Object.entries(LIBRARY_COUNTERS)) show(id, lib[key], format.count(lib[key]));
  for (const id of ['lib-discarded', 'lib-unconfirmed', 'lib-storage-failures']) {
    $(id).className = 'value' + (Number($(id).dataset.value) > 0 ? ' bad' : '');
  }
  renderReasons('lib-reasons', lib.discarded, 'Nothing discarded.');
  const balance = $('lib-balance');
  const open = lib.recorded - lib.accountedFor;
  balance.textContent = open === 0
    ? `recorded ${format.count(lib.recorded)} = sent + pending + discarded + unconfirmed`
    : `recorded ${format.count(lib.recorded)}, sent + pending + discarded + unconfirmed = `
      + `${format.count(lib.accountedFor)} (equal once the queue is idle)`;
  balance.className = 'counts';
}

let info = { embeddedReceiver: true };

/** With SENTRY_DSN the embedded receiver only sees what other clients send it; hidden while that is nothing. */
function renderReceiverTitle(stats) {
  if (info.embeddedReceiver) return;
  const idle = stats.accepted + stats.rejected === 0;
  for (const section of document.querySelectorAll('.receiver')) section.classList.toggle('idle', idle);
  const endpoint = new URL('/api/2/envelope/', info.shopUrl).href;
  const dsn = new URL('/2', info.shopUrl);
  dsn.username = 'key';
  $('receiver-title').textContent = idle
    ? `The embedded receiver (${endpoint}) has received nothing: this demo sends elsewhere. `
      + `Another demo can send to it: SENTRY_DSN=${dsn.href} ./demo --port 8081`
    : `The embedded receiver: what other clients sent to ${endpoint} (this demo sends to ${info.sessionsTarget})`;
}

async function refreshLibrary() {
  try {
    renderLibrary(await (await fetch('api/library', { cache: 'no-store' })).json());
  } catch (e) {
    $('lib-balance').textContent = 'library counters unavailable';
    $('lib-balance').className = 'counts bad';
  }
}

async function refresh() {
  const library = refreshLibrary();
  try {
    const response = await fetch('api/stats', { cache: 'no-store' });
    const stats = await response.json();
    renderReceiverTitle(stats);
    renderTotals(stats.totals);
    renderReleases(stats.releases);
    renderChart(stats.minutes);
    renderFeed(stats.latest);
    renderReasons('reasons', stats.rejectedByReason, 'Nothing rejected: every update would count.');
    renderReasons('discards', stats.clientDiscards, 'No client reports.');
    show('accepted', stats.accepted, format.count(stats.accepted));
    show('rejected', stats.rejected, format.count(stats.rejected));
    $('updated').textContent = 'updated ' + format.time(stats.generatedAt);
    $('updated').classList.remove('stale');
    await library;
    document.body.dataset.loaded = 'true';
  } catch (e) {
    $('updated').textContent = 'demo unreachable';
    $('updated').classList.add('stale');
  }
}

async function showSimulation(status) {
  const line = $('simulation');
  line.hidden = status.users === 0;
  const statuses = Object.entries(status.byStatus).map(([s, n]) => `${n}× ${s}`).join(', ');
  line.textContent = (status.running ? `Simulating: ${status.usersDone}/${status.users} users` : `Last simulation: ${status.users} users`)
    + ` · ${format.count(status.requests)} requests` + (statuses ? ` (${statuses})` : '')
    + (status.failures ? ` · ${status.failures} without answer` : '');
  $('simulate').disabled = status.running;
  if (status.running) setTimeout(pollSimulation, 700);
}

async function pollSimulation() {
  showSimulation(await (await fetch('api/simulation', { cache: 'no-store' })).json());
}

$('simulate').onclick = async () => {
  $('simulate').disabled = true;
  showSimulation(await (await fetch('api/simulate', { method: 'POST' })).json());
};

(async function start() {
  info = await (await fetch('api/info')).json();
  $('target').textContent = `${info.release} · ${info.environment} · sessions sent to ${info.sessionsTarget}`;
  $('shop-link').href = info.shopUrl;
  if (!info.embeddedReceiver) {
    document.body.classList.add('external');
    $('external').hidden = false;
    $('external-target').textContent = info.sessionsTarget;
    $('receiver-title').hidden = false;
    $('lib-explain').textContent = 'Every update the library records ends up sent, pending, discarded (with the '
      + 'reason a client report gives Sentry) or unconfirmed. Sent means the ingest answered 2xx; Sentry answers '
      + 'before it validates and drops invalid items silently, so compare with what it shows under Releases '
      + '(without SENTRY_DSN, the embedded receiver shows such drops).';
  }
  await pollSimulation();
  await refresh();
  setInterval(refresh, POLL_MS);
})();
