/* The review queue: `n` opens the first document, as it opens the next one on a review page. */
(function () {
  "use strict";
  const first = document.querySelector("#review-queue a[href]");
  if (!first) return;
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select")) return;
    if (event.key === "n") {
      event.preventDefault();
      window.location.href = first.href;
    }
  });
})();
