/*
 * The fact page's chart: each claim's interval as a floating bar at the date it holds, the
 * consensus (or, in a conflict, the largest agreeing group) as a shaded band, outliers in red.
 * Drawn by Chart.js and its annotation plugin, both vendored under claims/static/claims/vendor.
 */
(function () {
  "use strict";

  const source = document.getElementById("fact-chart-data");
  const canvas = document.getElementById("fact-chart");
  if (!source || !canvas || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const claims = data.claims;
  if (!claims.length) return;

  const DAY = 86400000;
  const format = data.is_date
    ? (value) => new Date(Math.round(value) * DAY).toISOString().slice(0, 10)
    : (value) => new Intl.NumberFormat("en", { maximumFractionDigits: 2 }).format(value);

  // The value axis spans every finite bound, with room for the unbounded ends.
  const finite = [];
  for (const item of [...claims, ...data.bands]) {
    for (const bound of [item.lower, item.upper]) if (bound !== null) finite.push(bound);
  }
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  const pad = min === max ? Math.abs(min) * 0.1 || 1 : (max - min) * 0.15;
  const low = min >= 0 && !data.is_date ? Math.max(0, min - pad) : min - pad;
  const high = max + pad;

  const labels = [...new Set(claims.map((c) => c.date))].sort();

  function colour(claim, alpha) {
    if (claim.outlier) return `rgba(190, 40, 40, ${alpha})`;
    if (claim.status === "accepted") return `rgba(31, 95, 168, ${alpha})`;
    return `rgba(130, 130, 130, ${alpha})`;
  }

  const datasets = claims.map((claim) => ({
    label: `${claim.source}: ${claim.value}`,
    data: labels.map((date) => (date === claim.date ? [claim.lower ?? low, claim.upper ?? high] : null)),
    backgroundColor: colour(claim, 0.55),
    borderColor: colour(claim, 1),
    borderWidth: 2,
    borderSkipped: false,
    minBarLength: 6,
    skipNull: true,
    maxBarThickness: 48,
    claim,
  }));

  const annotations = {};
  data.bands.forEach((band, i) => {
    let xMin;
    let xMax;
    if (band.from) {
      const inside = labels.map((d, j) => [d, j]).filter(([d]) => d >= band.from && d <= band.to);
      if (inside.length) {
        xMin = inside[0][1] - 0.5;
        xMax = inside[inside.length - 1][1] + 0.5;
      }
    }
    annotations[`band${i}`] = {
      type: "box",
      xMin,
      xMax,
      yMin: band.lower ?? low,
      yMax: band.upper ?? high,
      backgroundColor: "rgba(46, 125, 50, 0.14)",
      borderColor: "rgba(46, 125, 50, 0.8)",
      borderWidth: 1,
      borderDash: [6, 4],
      drawTime: "beforeDatasetsDraw",
      label: { display: true, content: band.label, position: "start", color: "rgb(30, 90, 35)", font: { size: 11 } },
    };
  });

  new window.Chart(canvas, {
    type: "bar",
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { title: { display: true, text: "as-of or article date" } },
        y: {
          min: low,
          max: high,
          title: { display: true, text: data.is_date ? "date stated" : data.unit || "value" },
          ticks: { callback: (value) => format(value) },
        },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        annotation: { annotations },
        tooltip: {
          callbacks: {
            label: (context) => {
              const claim = context.dataset.claim;
              const lower = claim.lower === null ? "no lower bound" : `${claim.lower_open ? "above" : "from"} ${format(claim.lower)}`;
              const upper = claim.upper === null ? "no upper bound" : `${claim.upper_open ? "below" : "to"} ${format(claim.upper)}`;
              return `${claim.source}: ${claim.value} (${lower}, ${upper}; ${claim.status}${claim.outlier ? ", outlier" : ""})`;
            },
          },
        },
      },
    },
  });
  canvas.dataset.ready = "1";
})();
