'use strict';
// Shared by every dashboard page: the header, calls to the REST API with their JSON errors, the
// stream with reconnects, and the page's state ("connecting", "live", "server unreachable").
const TF = (() => {
  const TABS = [['/', 'Tickers'], ['/markets', 'Markets'], ['/liquidations', 'Liquidations'],
    ['/pipeline', 'Pipeline'], ['/queries', 'Queries'], ['/api/docs', 'API']];

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function header() {
    const nav = el('header', { className: 'tf-header' }, el('a', { href: '/', className: 'brand' }, 'Tickflow'));
    for (const [path, label] of TABS) {
      nav.append(el('a', { href: path, className: location.pathname === path ? 'active' : '' }, label));
    }
    nav.append(el('span', { id: 'tf-state', className: 'state connecting' }, 'connecting'));
    document.body.prepend(nav);
  }

  /** The page's state line: kind is live, ok, connecting or down. */
  function state(kind, text) {
    const node = document.getElementById('tf-state');
    node.className = 'state ' + kind;
    node.textContent = text;
  }

  /** A refused request: the server's JSON error (error, parameter, message). */
  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || ('HTTP ' + status));
      this.status = status;
      this.body = body || {};
    }
  }

  async function getJson(url) {
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' } });
    } catch (e) {
      state('down', 'server unreachable');
      throw new ApiError(0, { message: 'server unreachable' });
    }
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (e) {
      body = { message: text };
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  function queryUrl(name, params, format) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== '' && value !== null && value !== undefined) search.append(key, value);
    }
    if (format) search.append('format', format);
    return '/api/queries/' + encodeURIComponent(name) + '?' + search;
  }

  const query = (name, params) => getJson(queryUrl(name, params));

  /** A query result's rows as objects keyed by column name. */
  const objects = (result) => result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));

  /** Milliseconds of an ISO-8601 time with microseconds (Date.parse is only sure of milliseconds). */
  const millis = (iso) => Date.parse(String(iso).replace(/(\.\d{3})\d+/, '$1'));

  const time = (iso) => new Date(millis(iso)).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');

  /** Shows text over a chart instead of an empty one; null removes it. */
  function placeholder(container, text) {
    let node = container.querySelector('.placeholder');
    if (!text) {
      if (node) node.remove();
      return;
    }
    if (!node) {
      node = el('div', { className: 'placeholder' });
      container.append(node);
    }
    node.textContent = text;
  }

  function table(node, columns, rows, rowClass) {
    const head = el('tr', null, ...columns.map(([label, , numeric]) => el('th', { className: numeric ? 'num' : '' }, label)));
    const body = rows.map((row) => el('tr', { className: rowClass ? rowClass(row) : '' },
      ...columns.map(([, value, numeric]) => el('td', { className: numeric ? 'num' : '' }, String(value(row) ?? '')))));
    node.replaceChildren(el('thead', null, head), el('tbody', null, ...body));
  }

  /** The page's streams, reachable from the browser console (TF.streams[0].subscriptions). */
  const streams = [];

  /** The stream at /api/stream: subscriptions survive reconnects, which back off up to 15 s. */
  class Stream {
    constructor() {
      streams.push(this);
      this.subscriptions = new Map();
      this.handlers = [];
      this.reconnectHandlers = [];
      this.delay = 500;
      this.connect();
    }

    connect() {
      state('connecting', 'connecting');
      const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/stream');
      this.socket = socket;
      socket.onopen = () => {
        const reconnected = this.opened;
        this.opened = true;
        this.delay = 500;
        state('live', 'live');
        for (const subscription of this.subscriptions.values()) this.send('subscribe', subscription);
        if (reconnected) this.reconnectHandlers.forEach((handler) => handler());
      };
      socket.onmessage = (message) => {
        const frame = JSON.parse(message.data);
        this.handlers.forEach((handler) => handler(frame));
      };
      socket.onclose = () => {
        state('down', 'stream lost: reconnecting in ' + Math.round(this.delay / 1000) + ' s');
        setTimeout(() => this.connect(), this.delay);
        this.delay = Math.min(this.delay * 2, 15000);
      };
    }

    send(eventType, subscription) {
      if (this.socket.readyState === WebSocket.OPEN) {
        this.socket.send(JSON.stringify(Object.assign({ event_type: eventType }, subscription)));
      }
    }

    key(subscription) {
      return [subscription.data_type, subscription.name, subscription.exchange, subscription.symbol,
        subscription.interval].join('|');
    }

    subscribe(subscription) {
      this.subscriptions.set(this.key(subscription), subscription);
      this.send('subscribe', subscription);
    }

    unsubscribe(subscription) {
      if (this.subscriptions.delete(this.key(subscription))) this.send('unsubscribe', subscription);
    }

    /** Called with every frame. */
    on(handler) {
      this.handlers.push(handler);
    }

    /** Called after the stream came back, to reload what was missed meanwhile. */
    onReconnect(handler) {
      this.reconnectHandlers.push(handler);
    }
  }

  /** Calls refresh now and then every periodMs, reporting whether the server answers. */
  function every(periodMs, refresh) {
    const run = async () => {
      try {
        await refresh();
        const node = document.getElementById('tf-state');
        if (!node.classList.contains('live')) state('ok', 'connected');
      } catch (e) {
        if (e.status === 0) state('down', 'server unreachable');
      }
      setTimeout(run, periodMs);
    };
    run();
  }

  /**
   * Calls refresh whenever a table has a newer row, at most every minMs: tables is
   * {questdb: [...], postgres: [...]}, as named by the cheap latest_timestamp queries.
   */
  function onNewRows(tables, minMs, refresh) {
    let seen = null;
    let last = 0;
    return async () => {
      const latest = {};
      for (const [database, queryName] of [['questdb', 'latest_timestamp'], ['postgres', 'latest_timestamp_postgres']]) {
        if ((tables[database] || []).length > 0) {
          objects(await query(queryName)).filter((r) => tables[database].includes(r.source))
            .forEach((r) => { latest[database + ':' + r.source] = r.latest; });
        }
      }
      const now = JSON.stringify(latest);
      if (now !== seen && Date.now() - last >= minMs) {
        seen = now;
        last = Date.now();
        await refresh();
      }
    };
  }

  // scripts are deferred: the body is parsed, and the header must exist before any page script runs
  header();
  return { el, state, getJson, streams, query, queryUrl, objects, millis, time, placeholder, table, Stream, every, onNewRows,
    ApiError };
})();
