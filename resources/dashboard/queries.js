'use strict';
// Queries: every named query with a form built from its parameters (types, defaults, bounds);
// results as a table, and as a chart when the first column is a time; copy as curl; CSV.
(() => {
  const form = document.getElementById('query-form');
  const errorBox = document.getElementById('query-error');
  const chartBox = document.getElementById('query-chart');
  const chart = echarts.init(chartBox, 'dark');
  let queries = [];
  let current = null;

  const INPUT_TYPES = { int: 'number', double: 'number' };

  function field(parameter) {
    let input;
    if (parameter.allowed && parameter.allowed.length) {
      input = TF.el('select', { name: parameter.name },
        ...(parameter.required ? [] : [TF.el('option', { value: '' }, '')]),
        ...parameter.allowed.map((v) => TF.el('option', { value: v, selected: v === parameter.default }, v)));
    } else {
      input = TF.el('input', { name: parameter.name, type: INPUT_TYPES[parameter.type] || 'text',
        required: !!parameter.required, value: parameter.default ?? '', placeholder: parameter.expected || '' });
      if (parameter.type === 'int') input.step = '1';
      if (parameter.type === 'double') input.step = 'any';
      if (INPUT_TYPES[parameter.type] && parameter.min !== undefined) input.min = parameter.min;
      if (INPUT_TYPES[parameter.type] && parameter.max !== undefined) input.max = parameter.max;
      if (parameter.type === 'string') input.maxLength = 200;
    }
    input.title = parameter.description || '';
    return TF.el('label', null, parameter.name + ' (' + parameter.type + (parameter.required ? ', required' : '') + ')', input);
  }

  function choose(query) {
    current = query;
    document.getElementById('query-name').textContent = query.name;
    document.getElementById('query-description').textContent = query.description + ' (' + query.target + ')';
    document.querySelectorAll('#query-list button').forEach((b) => b.classList.toggle('active', b.dataset.name === query.name));
    form.replaceChildren(...query.parameters.map(field),
      TF.el('label', null, 'limit (rows)', TF.el('input', { name: 'limit', type: 'number', min: 1, step: 1, value: 100 })),
      TF.el('button', { type: 'submit' }, 'run'));
    errorBox.textContent = '';
    document.getElementById('query-result').replaceChildren();
    chartBox.hidden = true;
    updateLinks();
  }

  function values() {
    return Object.fromEntries([...form.elements].filter((e) => e.name).map((e) => [e.name, e.value.trim()]));
  }

  function updateLinks() {
    const url = location.origin + TF.queryUrl(current.name, values());
    document.getElementById('curl').textContent = "curl -s '" + url + "'";
    document.getElementById('copy-curl').disabled = false;
    document.getElementById('download-csv').href = TF.queryUrl(current.name, values(), 'csv');
  }

  async function run() {
    errorBox.textContent = '';
    form.querySelectorAll('.bad').forEach((e) => e.classList.remove('bad'));
    const invalid = [...form.elements].find((e) => e.willValidate && !e.checkValidity());
    if (invalid) {
      invalid.classList.add('bad');
      errorBox.textContent = "'" + invalid.name + "': " + invalid.validationMessage;
      return;
    }
    try {
      const result = await TF.getJson(TF.queryUrl(current.name, values()));
      show(result);
    } catch (e) {
      errorBox.textContent = e.message;
      const bad = e.body && e.body.parameter && form.elements.namedItem(e.body.parameter);
      if (bad) bad.classList.add('bad');
    }
  }

  function show(result) {
    const table = document.getElementById('query-result');
    TF.table(table, result.columns.map((c, i) => [c.name, (row) => row[i], c.type === 'number']), result.rows);
    table.dataset.rows = result.count;
    document.getElementById('query-summary').textContent = result.count + ' rows' + (result.truncated ? ' (truncated)' : '')
      + ' in ' + Math.round(result.timeMs) + ' ms';
    const timeColumn = result.columns.findIndex((c) => c.type === 'timestamp');
    const numbers = result.columns.map((c, i) => [c, i]).filter(([c]) => c.type === 'number');
    chartBox.hidden = timeColumn < 0 || numbers.length === 0 || result.rows.length === 0;
    if (!chartBox.hidden) {
      chart.resize();
      chart.setOption({
        backgroundColor: 'transparent', animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 },
        grid: { left: 70, right: 20, top: 30, bottom: 30 }, xAxis: { type: 'time' }, yAxis: { type: 'value', scale: true },
        series: numbers.map(([c, i]) => ({ type: 'line', name: c.name, showSymbol: false,
          data: result.rows.map((row) => [TF.millis(row[timeColumn]), Number(row[i])]) })),
      }, true);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener('input', updateLinks);
  document.getElementById('copy-curl').addEventListener('click', async () => {
    const text = document.getElementById('curl').textContent;
    try {
      await navigator.clipboard.writeText(text);
      document.getElementById('query-summary').textContent = 'copied';
    } catch (e) {
      document.getElementById('query-summary').textContent = 'select the command below to copy it';
    }
  });

  async function start() {
    try {
      queries = (await TF.getJson('/api/queries')).queries;
      TF.state('ok', 'connected');
    } catch (e) {
      errorBox.textContent = e.message;
      return;
    }
    document.getElementById('query-list').replaceChildren(...queries.map((q) => {
      const button = TF.el('button', { type: 'button', title: q.description }, q.name);
      button.dataset.name = q.name;
      button.addEventListener('click', () => {
        choose(q);
        history.replaceState(null, '', '?query=' + encodeURIComponent(q.name));
      });
      return TF.el('li', null, button);
    }));
    // a link can name the query, its parameters and run=1: /queries?query=ohlcv_candles&symbol=BTC-USDT&run=1
    const link = new URLSearchParams(location.search);
    const wanted = queries.find((q) => q.name === link.get('query'));
    if (!wanted && !queries.length) return;
    choose(wanted || queries[0]);
    for (const [name, value] of link) {
      const input = name !== 'query' && name !== 'run' && form.elements.namedItem(name);
      if (input) input.value = value;
    }
    updateLinks();
    if (wanted && link.get('run') === '1') run();
  }

  start();
})();
