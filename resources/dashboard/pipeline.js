'use strict';
// Pipeline: sources, sinks, consumer lag, dead letters and webhooks from GET /api/status; rates
// per second are the difference between two answers.
(() => {
  let previous = null;

  const badge = (text) => {
    const node = TF.el('span', { className: 'badge ' + text }, text);
    return node.outerHTML;
  };

  function rate(now, key, count) {
    if (!previous || !(key in previous.counts)) return '';
    const seconds = (TF.millis(now.time) - TF.millis(previous.time)) / 1000;
    return seconds > 0 ? ((count - previous.counts[key]) / seconds).toFixed(1) : '';
  }

  function render(status) {
    const counts = {};
    status.sources.forEach((s) => { counts['source:' + s.name] = s.events; });
    status.sinks.forEach((s) => { counts['sink:' + s.name] = s.rows; });
    TF.table(document.getElementById('sources'), [
      ['source', (s) => s.name], ['kind', (s) => s.kind], ['state', (s) => s.state], ['events', (s) => s.events, true],
      ['events/s', (s) => rate(status, 'source:' + s.name, s.events), true],
      ['last message', (s) => (s.lastMessageAgeSeconds === undefined || s.lastMessageAgeSeconds === null ? ''
        : s.lastMessageAgeSeconds.toFixed(1) + ' s ago')],
      ['reconnects', (s) => s.reconnects ?? '', true], ['gaps', (s) => s.gaps ?? '', true],
    ], status.sources, (s) => 'source-' + s.name);
    TF.table(document.getElementById('sinks'), [
      ['sink', (s) => s.name], ['state', (s) => s.state], ['records in', (s) => s.records, true],
      ['rows stored', (s) => s.rows, true], ['rows/s', (s) => rate(status, 'sink:' + s.name, s.rows), true],
    ], status.sinks);
    TF.table(document.getElementById('lag'), [['consumer group', (e) => e[0]], ['lag', (e) => e[1], true]],
      Object.entries(status.consumerLag));
    const letters = status.deadLetters;
    document.getElementById('dead-letter-count').textContent = letters.total + ' since start'
      + Object.entries(letters.bySource).map(([source, n]) => ' · ' + source + ': ' + n).join('');
    TF.table(document.getElementById('dead-letters'), [['time', (d) => (d.time ? TF.time(d.time) : '')],
      ['source', (d) => d.source], ['reason', (d) => d.reason]], letters.recent);
    const hooks = status.webhooks;
    TF.table(document.getElementById('webhooks'), [['', (e) => e[0]], ['count', (e) => e[1], true]], [
      ...Object.entries(hooks.subscriptions).map(([k, v]) => ['subscriptions ' + k, v]),
      ...Object.entries(hooks.attempts).map(([k, v]) => ['attempts ' + k, v])]);
    document.querySelectorAll('#sources tbody tr, #sinks tbody tr').forEach((tr) => {
      const state = tr.children[tr.parentElement.closest('table').id === 'sources' ? 2 : 1];
      state.innerHTML = badge(state.textContent);
    });
    previous = { time: status.time, counts };
  }

  TF.every(2000, async () => render(await TF.getJson('/api/status')));
})();
