// Conveniences only: every page reads fine without this script.

// Marks that scripts run here (tests use it to know a browser executed
// the page's own script, so the absence of injected effects means
// something).
document.documentElement.setAttribute("data-js", "on");

// Clicking a shared-passage number in the side-by-side reader scrolls the
// other column to the matching passage.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!(target instanceof Element) || !target.classList.contains("pair")) return;
  var number = target.textContent;
  var columns = document.querySelectorAll(".compare .column");
  columns.forEach(function (column) {
    if (column.contains(target)) return;
    column.querySelectorAll("span.pair").forEach(function (pair) {
      if (pair.textContent === number) pair.scrollIntoView({ behavior: "smooth", block: "center" });
    });
  });
});
