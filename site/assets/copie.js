// Optional: a click on a section's "#" icon also copies the section's address. The link works without it.
document.addEventListener("click", function (e) {
  var a = e.target.closest && e.target.closest("a.ancre");
  if (!a || !navigator.clipboard) return;
  var url = location.href.split("#")[0] + a.getAttribute("href");
  navigator.clipboard.writeText(url).then(function () {
    var s = document.querySelector(".copie");
    if (s) s.textContent = "Adresse de la section copiée\u00a0: " + url;
  }, function () {});
});
