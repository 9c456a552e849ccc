/* Small behaviours shared by every page (a static file: the CSP allows no inline script).
   A form being sent shows a spinner on its button and cannot be sent twice; a link marked data-busy
   (a report being generated) shows the same while the server works. */
(function () {
  "use strict";

  function busy(element) {
    if (element.dataset.busyOn) { return; }
    element.dataset.busyOn = "1";
    element.classList.add("disabled");
    element.setAttribute("aria-busy", "true");
    if (element.tagName === "INPUT") {  // <input type=submit> (Django admin) holds no markup: mark its text
      element.dataset.busyHtml = element.value;
      element.value = element.value + " …";
      return;
    }
    element.dataset.busyHtml = element.innerHTML;
    var spinner = document.createElement("span");
    spinner.className = "spinner-border spinner-border-sm me-1";
    spinner.setAttribute("role", "status");
    spinner.setAttribute("aria-hidden", "true");
    element.insertBefore(spinner, element.firstChild);
  }

  function idle(element) {
    if (!element.dataset.busyOn) { return; }
    if (element.tagName === "INPUT") { element.value = element.dataset.busyHtml; } else {
      element.innerHTML = element.dataset.busyHtml;
    }
    delete element.dataset.busyOn;
    element.classList.remove("disabled");
    element.removeAttribute("aria-busy");
    if (element.tagName !== "A") { element.disabled = false; }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if ((form.method || "").toLowerCase() !== "post" || event.defaultPrevented) { return; }
    var button = event.submitter || form.querySelector("[type=submit]");
    if (!button) { return; }
    busy(button);
    // Disabled after the browser has read the form, so the button's own name and value are still sent.
    window.setTimeout(function () { button.disabled = true; }, 0);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-busy]") : null;
    if (!link) { return; }
    if (link.dataset.busyOn) { event.preventDefault(); return; }
    busy(link);
    // A download does not leave the page: give the button back once the file has had time to arrive.
    window.setTimeout(function () { idle(link); }, parseInt(link.dataset.busy, 10) || 8000);
  });

  // Coming back with the browser's Back button shows the page as it was left: give the buttons back.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-busy-on]").forEach(idle);
  });
}());
