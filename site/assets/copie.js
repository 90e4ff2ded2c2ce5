// Optional helpers of sheet and course pages; the page works without them (the e-mail link, the
// browser's own printing and every section link remain):
// - "Imprimer" and "Copier le lien" buttons (added by this script: without it they could do nothing);
// - a click on a section's "#" icon also copies the section's address;
// - the citation's "consulté le" gets today's date.
// Each result is announced in the polite status region (.copie), shown at the bottom of the screen.
(function () {
  "use strict";
  var status = document.querySelector(".copie");
  var timer = 0;
  function say(text) {
    if (!status) return;
    status.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = ""; }, 8000);
  }
  function copy(url, what) {
    if (!navigator.clipboard) return say("Copie impossible dans ce navigateur. Adresse\u00a0: " + url);
    navigator.clipboard.writeText(url).then(function () { say(what + " copiée\u00a0: " + url); },
      function () { say("Le navigateur a refusé la copie. Adresse\u00a0: " + url); });
  }
  // "consulté le": today, in the reader's citation (without script: a placeholder to fill in).
  var consulted = document.querySelector(".date-consultation");
  if (consulted) consulted.textContent = new Date().toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric" });
  // The buttons only make sense with this script: it adds them before the e-mail link.
  var bar = document.querySelector(".partage");
  if (bar) {
    [["imprimer", "Imprimer"], ["copier", "Copier le lien"]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-partage", b[0]);
      button.textContent = b[1];
      bar.insertBefore(button, bar.querySelector("a"));
    });
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-partage]");
    if (b) {
      if (b.getAttribute("data-partage") === "imprimer") window.print();
      else copy(document.querySelector("link[rel=canonical]").href, "Adresse de la page");
      return;
    }
    var a = e.target.closest && e.target.closest("h2>a[href^='#'],h3>a[href^='#']");
    if (a && navigator.clipboard) copy(location.href.split("#")[0] + a.getAttribute("href"), "Adresse de la section");
  });
})();
