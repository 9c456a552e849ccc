/* The member-growth chart of one Party organisation: figures by quarter (bars) and members (line). */
(function () {
  "use strict";
  var holder = document.getElementById("member-growth-chart");
  var source = document.getElementById("member-growth-data");
  if (!holder || !source || typeof window.echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var series = data.series.map(function (item) {
    return { name: item.name, type: "bar", data: item.data, emphasis: { focus: "series" } };
  });
  series.push({
    name: data.members.name, type: "line", yAxisIndex: 1, data: data.members.data,
    smooth: true, symbolSize: 8, lineStyle: { width: 3, color: "#b71c1c" }, itemStyle: { color: "#b71c1c" }
  });
  var chart = window.echarts.init(holder);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0 },
    grid: { left: 48, right: 56, top: 48, bottom: 32 },
    xAxis: { type: "category", data: data.labels },
    yAxis: [
      { type: "value", name: data.countAxis, minInterval: 1 },
      { type: "value", name: data.membersAxis, minInterval: 1, splitLine: { show: false } }
    ],
    series: series
  });
  window.addEventListener("resize", function () { chart.resize(); });
}());
