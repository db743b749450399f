'use strict';
// Tickers: a searchable chooser of every ticker; the chosen one's stored history, then its live
// points over the stream, in a sliding window.
(() => {
  const container = document.getElementById('ticker-chart');
  const chart = echarts.init(container, 'dark', { renderer: 'canvas' });
  const stream = new TF.Stream();
  let current = null;
  let windowMs = 300000;
  let points = new Map();

  stream.on((frame) => {
    if (frame.event_type === 'data' && frame.data_type === 'tickers' && frame.data.name === current) {
      points.set(TF.millis(frame.data.time), Number(frame.data.value));
      render();
    }
  });
  stream.onReconnect(() => current && loadHistory(current));

  function render() {
    if (windowMs > 0) {
      const oldest = Date.now() - windowMs;
      for (const time of points.keys()) if (time < oldest) points.delete(time);
    }
    const data = [...points.entries()].sort((a, b) => a[0] - b[0]);
    chart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      grid: { left: 50, right: 20, top: 20, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true, minInterval: 1 },
      series: [{ type: 'line', name: current, showSymbol: false, data, step: 'end' }],
    });
    container.dataset.ticker = current || '';
    container.dataset.points = data.length;
    container.dataset.lastTime = data.length ? data[data.length - 1][0] : '';
    TF.placeholder(container, current === null ? 'choose a ticker' : data.length === 0 ? 'no data yet' : null);
  }

  async function loadHistory(name) {
    const params = new URLSearchParams({ limit: 10000 });
    if (windowMs > 0) params.set('from', new Date(Date.now() - windowMs).toISOString());
    try {
      const stored = await TF.getJson('/api/tickers/' + encodeURIComponent(name) + '/history?' + params);
      if (name !== current) return;
      stored.values.forEach((v) => points.set(TF.millis(v.time), Number(v.value)));
      render();
    } catch (e) {
      TF.placeholder(container, e.status === 0 ? 'server unreachable' : e.message);
    }
  }

  function choose(name) {
    if (name === current) return;
    if (current) stream.unsubscribe({ data_type: 'tickers', name: current });
    current = name;
    points = new Map();
    document.getElementById('ticker-title').textContent = name;
    document.querySelectorAll('#ticker-list button').forEach((b) => b.classList.toggle('active', b.dataset.name === name));
    history.replaceState(null, '', '?ticker=' + encodeURIComponent(name));
    render();
    stream.subscribe({ data_type: 'tickers', name, history: 0 });
    loadHistory(name);
  }

  document.getElementById('ticker-window').addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    windowMs = Number(button.dataset.seconds) * 1000;
    document.querySelectorAll('#ticker-window button').forEach((b) => b.classList.toggle('active', b === button));
    if (current) {
      points = new Map();
      render();
      loadHistory(current);
    }
  });

  const search = document.getElementById('ticker-search');
  search.addEventListener('input', () => {
    const text = search.value.trim().toLowerCase();
    document.querySelectorAll('#ticker-list li').forEach((li) => { li.hidden = !li.dataset.name.includes(text); });
  });

  async function start() {
    try {
      const names = await TF.getJson('/api/tickers');
      const list = document.getElementById('ticker-list');
      list.replaceChildren(...names.map((name) => {
        const button = TF.el('button', { type: 'button' }, name);
        button.dataset.name = name;
        button.addEventListener('click', () => choose(name));
        const li = TF.el('li', null, button);
        li.dataset.name = name.toLowerCase();
        return li;
      }));
      const wanted = new URLSearchParams(location.search).get('ticker');
      if (names.length) choose(names.includes(wanted) ? wanted : names[0]);
      else render();
    } catch (e) {
      TF.placeholder(container, e.status === 0 ? 'server unreachable' : e.message);
    }
  }

  window.addEventListener('resize', () => chart.resize());
  render();
  start();
})();
