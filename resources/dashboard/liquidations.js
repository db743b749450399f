'use strict';
// Liquidations: the newest first (large ones highlighted) and the liquidated notional by side in
// one-minute buckets; refreshed when latest_timestamp shows a newer liquidation.
(() => {
  const chartBox = document.getElementById('volume-chart');
  const chart = echarts.init(chartBox, 'dark');
  const large = document.getElementById('large');
  let rows = [];

  const notional = (r) => Number(r.price) * Number(r.amount);

  function renderList() {
    const threshold = Number(large.value) || Infinity;
    const table = document.getElementById('liquidations');
    TF.table(table, [
      ['time', (r) => TF.time(r.ts)], ['exchange', (r) => r.exchange], ['symbol', (r) => r.symbol],
      ['side', (r) => r.side], ['price', (r) => r.price, true], ['amount', (r) => r.amount, true],
      ['notional', (r) => notional(r).toLocaleString('en-US', { maximumFractionDigits: 0 }), true],
    ], rows, (r) => (notional(r) >= threshold ? 'large ' : '') + 'side-' + r.side);
    table.dataset.rows = rows.length;
    if (rows.length === 0) {
      table.replaceChildren(TF.el('tbody', null, TF.el('tr', null, TF.el('td', null, 'no liquidations yet'))));
    }
  }

  async function refresh() {
    rows = TF.objects(await TF.query('latest_liquidations', { count: 100, since: 'now-24h' }));
    renderList();
    const buckets = TF.objects(await TF.query('liquidation_volume_by_side', { bucket: '1m', from: 'now-1h' }));
    const times = [...new Set(buckets.map((b) => b.bucket_start))].sort();
    const series = ['buy', 'sell'].map((side) => ({
      type: 'bar', stack: 'notional', name: side,
      itemStyle: { color: side === 'buy' ? '#26a69a' : '#ef5350' },
      data: times.map((t) => {
        const b = buckets.find((x) => x.bucket_start === t && x.side === side);
        return b ? Number(b.notional) : 0;
      }),
    }));
    chart.setOption({
      backgroundColor: 'transparent', animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 },
      grid: { left: 70, right: 20, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: times.map((t) => TF.time(t).slice(11, 16)) }, yAxis: { type: 'value' }, series,
    }, true);
    chartBox.dataset.buckets = times.length;
    TF.placeholder(chartBox, times.length ? null : 'no liquidations in the last hour yet');
  }

  large.addEventListener('input', renderList);
  window.addEventListener('resize', () => chart.resize());
  TF.every(2000, TF.onNewRows({ questdb: ['liquidations'] }, 2000, refresh));
})();
