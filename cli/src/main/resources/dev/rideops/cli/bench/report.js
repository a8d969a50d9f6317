// Draws report.html's charts from REPORT (written by ReportCharts): one ECharts instance per chart, one y axis per
// unit, warm-ups (or a fault's window) shaded, and a bench's cohort batch in its own colour.
(function () {
  'use strict';
  function compact(v, units, base) {
    var i = 0;
    while (Math.abs(v) >= base && i < units.length - 1) {
      v /= base;
      i++;
    }
    return (i === 0 ? String(+v.toFixed(2)) : v.toFixed(Math.abs(v) < 10 ? 1 : 0)) + units[i];
  }
  var FORMAT = {
    'changes/s': function (v) { return compact(v, ['', 'k', 'M'], 1000); },
    records: function (v) { return compact(v, ['', 'k', 'M', 'G'], 1000); },
    bytes: function (v) { return compact(v, [' B', ' KiB', ' MiB', ' GiB'], 1024); },
    ms: function (v) { return v >= 1000 ? +(v / 1000).toFixed(2) + ' s' : +v.toFixed(1) + ' ms'; },
    cores: function (v) { return +v.toFixed(2) + ''; }
  };
  // x = 1 / (1 - p): 1 is 0 %, 10 is 90 %, 100 is 99 %, ...
  function percentile(x) {
    return +(100 - 100 / x).toPrecision(6) + ' %';
  }
  REPORT.charts.forEach(function (c) {
    var chart = echarts.init(document.getElementById(c.id));
    var shade = c.shade.map(function (r) {
      return [{ name: c.shade_label || 'warm-up', xAxis: r[0] }, { xAxis: r[1] }];
    }).concat((c.window || []).map(function (r) {
      // a bench's cohort batch: its own colour beside the grey warm-up
      return [{ name: c.window_label, xAxis: r[0], itemStyle: { color: 'rgba(230, 126, 34, 0.18)' } }, { xAxis: r[1] }];
    }));
    var xAxis = c.x === 'percentile'
      ? {
          type: 'log', name: 'percentile', nameLocation: 'middle', nameGap: 28, min: 1,
          axisLabel: { formatter: percentile },
          axisPointer: { label: { formatter: function (p) { return percentile(p.value); } } }
        }
      : { type: 'value', name: 'seconds since the start', nameLocation: 'middle', nameGap: 28, min: 0 };
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 80, right: c.axes.length > 1 ? 90 : 30, top: 48, bottom: 48 },
      xAxis: xAxis,
      yAxis: c.axes.map(function (a, i) {
        return {
          type: a.log ? 'log' : 'value', name: a.name, position: i === 0 ? 'left' : 'right',
          axisLabel: { formatter: FORMAT[a.unit] }, splitLine: { show: i === 0 }
        };
      }),
      series: c.series.map(function (s, i) {
        return {
          name: s.name, type: 'line', yAxisIndex: s.axis, data: s.data, showSymbol: false,
          lineStyle: s.dashed ? { type: 'dashed' } : undefined,
          markArea: i === 0 && shade.length
            ? { silent: true, itemStyle: { color: 'rgba(128, 128, 128, 0.15)' }, data: shade }
            : undefined
        };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
