// extractor leaderboards: searching and sorting the index, drawing a board's chart.
"use strict";

function rowText(row) {
  return row.textContent.toLowerCase();
}

function setUpSearch() {
  const box = document.getElementById("search");
  const table = document.getElementById("boards");
  if (!box || !table) return;
  const rows = Array.from(table.tBodies[0].rows);
  const shown = document.getElementById("shown");
  const filter = () => {
    const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    let n = 0;
    for (const row of rows) {
      const text = rowText(row);
      const hit = words.every((w) => text.includes(w));
      row.hidden = !hit;
      n += hit ? 1 : 0;
    }
    shown.textContent = n + " of " + rows.length + " boards";
  };
  box.addEventListener("input", filter);
  filter();
}

function cellKey(row, column, numeric) {
  const cell = row.cells[column];
  if (!numeric) return cell.textContent.trim().toLowerCase();
  const value = parseFloat(cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent);
  return isNaN(value) ? -Infinity : value;
}

function setUpSorting() {
  for (const table of document.querySelectorAll("table.sortable")) {
    const heads = Array.from(table.tHead.rows[0].cells);
    heads.forEach((th, column) => th.addEventListener("click", () => {
      const numeric = th.dataset.type === "number";
      const descending = !th.classList.contains("sorted-desc");
      heads.forEach((h) => h.classList.remove("sorted-asc", "sorted-desc"));
      th.classList.add(descending ? "sorted-desc" : "sorted-asc");
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      rows.sort((a, b) => {
        const x = cellKey(a, column, numeric), y = cellKey(b, column, numeric);
        return (x < y ? -1 : x > y ? 1 : 0) * (descending ? -1 : 1);
      });
      rows.forEach((r) => body.appendChild(r));
    }));
  }
}

function drawChart() {
  const holder = document.getElementById("chart");
  const source = document.getElementById("chart-data");
  if (!holder || !source || typeof Plotly === "undefined") return;
  const data = JSON.parse(source.textContent);
  const chart = data.chart;
  const unit = data.unit ? " (" + data.unit + ")" : "";
  const traces = [
    {x: chart.best.x, y: chart.best.y, type: "scatter", mode: "lines", line: {shape: "hv", color: "#d6452f", width: 2},
     name: "best so far", hoverinfo: "skip"},
    {x: chart.points.x, y: chart.points.y, text: chart.points.text, type: "scatter", mode: "markers",
     marker: {size: 8, color: "#24323f", opacity: 0.75}, name: "results", hovertemplate: "%{text}<extra></extra>"},
  ];
  const layout = {
    margin: {l: 60, r: 20, t: 10, b: 45}, hovermode: "closest", showlegend: true,
    legend: {orientation: "h", y: -0.15},
    xaxis: {type: "date", title: {text: "published"}},
    yaxis: {title: {text: data.metric + unit + (data.better === "lower" ? ", lower is better" : "")}},
  };
  Plotly.newPlot(holder, traces, layout, {displayModeBar: false, responsive: true});
}

document.addEventListener("DOMContentLoaded", () => {
  setUpSearch();
  setUpSorting();
  drawChart();
});
