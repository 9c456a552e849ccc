/* The dashboards' charts: each element with data-chart-url is filled from its JSON endpoint (Apache ECharts). */
(function () {
  "use strict";
  if (typeof window.echarts === "undefined") {
    return;
  }
  var palette = ["#b71c1c", "#e65100", "#f9a825", "#2e7d32", "#1565c0", "#6a1b9a", "#455a64", "#ad1457", "#00838f", "#5d4037"];

  function option(data) {
    var title = { text: data.title, left: "center", textStyle: { fontSize: 14 } };
    var suffix = data.unit || "";
    if (data.type === "pie") {
      return {
        color: palette, title: title, tooltip: { trigger: "item" }, legend: { type: "scroll", bottom: 0 },
        series: [{ type: "pie", radius: ["35%", "65%"], data: data.series[0].data, name: data.series[0].name }]
      };
    }
    if (data.type === "heatmap") {
      var max = 100;
      return {
        title: title, tooltip: { formatter: function (p) { return data.y[p.value[1]] + " · " + data.x[p.value[0]] + "：" + p.value[2] + suffix; } },
        grid: { left: 120, right: 16, top: 40, bottom: 64 },
        xAxis: { type: "category", data: data.x, splitArea: { show: true } },
        yAxis: { type: "category", data: data.y, splitArea: { show: true } },
        visualMap: { min: 0, max: max, calculable: true, orient: "horizontal", left: "center", bottom: 0,
          inRange: { color: ["#ffebee", "#b71c1c"] } },
        series: [{ type: "heatmap", data: data.data, label: { show: true } }]
      };
    }
    return {
      color: palette, title: title, tooltip: { trigger: "axis" }, legend: { type: "scroll", bottom: 0 },
      grid: { left: 48, right: 16, top: 40, bottom: 72, containLabel: true },
      xAxis: { type: "category", data: data.categories, axisLabel: { interval: 0, rotate: data.categories.length > 5 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: suffix ? 0 : 1, axisLabel: { formatter: "{value}" + suffix } },
      series: data.series.map(function (item) {
        return { name: item.name, type: "bar", data: item.data, stack: data.stack ? "total" : undefined };
      })
    };
  }

  document.querySelectorAll("[data-chart-url]").forEach(function (holder) {
    fetch(holder.getAttribute("data-chart-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (data) {
        var chart = window.echarts.init(holder);
        chart.setOption(option(data));
        window.addEventListener("resize", function () { chart.resize(); });
      })
      .catch(function () { holder.textContent = "—"; });
  });
}());
