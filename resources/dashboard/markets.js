'use strict';
// Markets: live 1-minute candles per exchange and symbol, bid/ask/spread of every symbol, the top
// symbols by volume, and the 6-hour and 12-hour statistics. Tables are refreshed only when the
// cheap latest_timestamp queries show newer rows; candles come live over the stream.
(() => {
  const candleBox = document.getElementById('candle-chart');
  const candleChart = echarts.init(candleBox, 'dark');
  const sixHourChart = echarts.init(document.getElementById('six-hour-chart'), 'dark');
  const twelveHourChart = echarts.init(document.getElementById('twelve-hour-chart'), 'dark');
  const stream = new TF.Stream();
  const logScale = document.getElementById('log-scale');
  let market = null;
  let candles = new Map();

  const subscription = (m) => ({ data_type: 'ohlcv', exchange: m.exchange, symbol: m.symbol, interval: '1m' });

  stream.on((frame) => {
    if (frame.event_type !== 'data' || frame.data_type !== 'ohlcv' || !market) return;
    const c = frame.data;
    if (c.exchange !== market.exchange || c.symbol !== market.symbol) return;
    // the live candle covers the trades since subscribing: merged into the stored minute, not replacing it
    const time = TF.millis(c.ts);
    const known = candles.get(time);
    const live = [Number(c.open), Number(c.close), Number(c.low), Number(c.high), Number(c.volume)];
    candles.set(time, known ? [known[0], live[1], Math.min(known[2], live[2]), Math.max(known[3], live[3]),
      Math.max(known[4], live[4])] : live);
    renderCandles();
  });
  stream.onReconnect(() => market && loadCandles(market));

  function renderCandles() {
    const times = [...candles.keys()].sort((a, b) => a - b);
    const valueAxis = logScale.checked ? { type: 'log', scale: true } : { type: 'value', scale: true };
    candleChart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      tooltip: { trigger: 'axis' },
      grid: [{ left: 60, right: 20, top: 20, height: '62%' }, { left: 60, right: 20, top: '78%', height: '14%' }],
      xAxis: [{ type: 'category', data: times.map((t) => TF.time(new Date(t).toISOString()).slice(11, 16)) },
        { type: 'category', gridIndex: 1, data: times.map(String), axisLabel: { show: false } }],
      yAxis: [valueAxis, { gridIndex: 1, type: 'value', splitNumber: 2 }],
      series: [
        { type: 'candlestick', name: market ? market.symbol : '', data: times.map((t) => candles.get(t).slice(0, 4)),
          itemStyle: { color: '#26a69a', color0: '#ef5350', borderColor: '#26a69a', borderColor0: '#ef5350' } },
        { type: 'bar', name: 'volume', xAxisIndex: 1, yAxisIndex: 1, data: times.map((t) => candles.get(t)[4]) },
      ],
    }, true);
    candleBox.dataset.candles = times.length;
    candleBox.dataset.lastClose = times.length ? candles.get(times[times.length - 1])[1] : '';
    candleBox.dataset.lastVolume = times.length ? candles.get(times[times.length - 1])[4] : '';
    TF.placeholder(candleBox, market === null ? 'no market data yet' : times.length === 0 ? 'no candles yet' : null);
  }

  async function loadCandles(m) {
    const result = await TF.query('ohlcv_candles', { symbol: m.symbol, exchange: m.exchange, interval: '1m', from: 'now-6h' });
    if (m !== market) return;
    for (const row of TF.objects(result)) {
      candles.set(TF.millis(row.bucket_start), [row.open, row.close, row.low, row.high, row.volume].map(Number));
    }
    renderCandles();
  }

  function choose(m) {
    if (market) stream.unsubscribe(subscription(market));
    market = m;
    candles = new Map();
    renderCandles();
    stream.subscribe(subscription(m));
    loadCandles(m).catch((e) => TF.placeholder(candleBox, e.message));
  }

  const select = document.getElementById('market');
  select.addEventListener('change', () => choose(JSON.parse(select.value)));
  logScale.addEventListener('change', renderCandles);

  async function refreshPrices() {
    const rows = TF.objects(await TF.query('current_prices'));
    TF.table(document.getElementById('prices'), [
      ['exchange', (r) => r.exchange], ['symbol', (r) => r.symbol], ['bid', (r) => r.bid_price, true],
      ['ask', (r) => r.ask_price, true], ['spread', (r) => r.spread, true],
      ['spread bps', (r) => (10000 * r.spread / r.mid_price).toFixed(2), true], ['updated', (r) => TF.time(r.updated_at)],
    ], rows);
    const known = new Set([...select.options].map((o) => o.value));
    for (const r of rows) {
      const value = JSON.stringify({ exchange: r.exchange, symbol: r.symbol });
      if (!known.has(value)) select.append(TF.el('option', { value }, r.exchange + ' ' + r.symbol));
    }
    if (!market && rows.length) choose(JSON.parse(select.value));
  }

  async function refreshVolumes() {
    const top = TF.objects(await TF.query('top_n_highest_volumes', { top_n: document.getElementById('top-n').value, window: '24h' }));
    TF.table(document.getElementById('top-volumes'), [['symbol', (r) => r.symbol],
      ['volume', (r) => r.total_volume, true], ['trades', (r) => r.transaction_count, true]], top);
    const counts = TF.objects(await TF.query('transactions_count_last_6_hours'));
    const volumes = Object.fromEntries(TF.objects(await TF.query('trade_volume_last_6_hours')).map((r) => [r.symbol, r.total_volume]));
    TF.table(document.getElementById('six-hour-table'), [['symbol', (r) => r.symbol],
      ['trades', (r) => r.transaction_count, true], ['volume', (r) => volumes[r.symbol], true]], counts);
    sixHourChart.setOption({
      backgroundColor: 'transparent', tooltip: {}, grid: { left: 60, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: counts.map((r) => r.symbol) },
      yAxis: { type: logScale.checked ? 'log' : 'value' },
      series: [{ type: 'bar', name: 'trades', data: counts.map((r) => Number(r.transaction_count)) }],
    }, true);
    TF.placeholder(document.getElementById('six-hour-chart'), counts.length ? null : 'no trades in the last 6 hours yet');
  }

  async function refreshHourly() {
    const rows = TF.objects(await TF.query('hourly_stats_last_12_hours'));
    TF.table(document.getElementById('twelve-hour-table'), [['hour', (r) => TF.time(r.hour_start)], ['symbol', (r) => r.symbol],
      ['trades', (r) => r.transaction_count, true], ['volume', (r) => r.total_volume_trade, true]], rows);
    const symbols = [...new Set(rows.map((r) => r.symbol))];
    twelveHourChart.setOption({
      backgroundColor: 'transparent', tooltip: { trigger: 'axis' }, legend: { top: 0 },
      grid: { left: 60, right: 20, top: 30, bottom: 30 }, xAxis: { type: 'time' },
      yAxis: { type: logScale.checked ? 'log' : 'value' },
      series: symbols.map((s) => ({ type: 'line', name: s, data: rows.filter((r) => r.symbol === s)
        .map((r) => [TF.millis(r.hour_start), Number(r.total_volume_trade)]) })),
    }, true);
    TF.placeholder(document.getElementById('twelve-hour-chart'),
      rows.length ? null : 'no completed hour yet (written by the hourly statistics job)');
  }

  document.getElementById('top-n').addEventListener('change', () => refreshVolumes());
  logScale.addEventListener('change', () => { refreshVolumes(); refreshHourly(); });
  window.addEventListener('resize', () => [candleChart, sixHourChart, twelveHourChart].forEach((c) => c.resize()));
  renderCandles();
  TF.every(2000, TF.onNewRows({ postgres: ['current_price'] }, 2000, refreshPrices));
  TF.every(5000, TF.onNewRows({ postgres: ['historical_trades'] }, 15000, refreshVolumes));
  TF.every(30000, TF.onNewRows({ postgres: ['symbol_stats_last_hour'] }, 0, refreshHourly));
})();
