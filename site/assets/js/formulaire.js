// The contribution forms (a sheet's, a course's), enhanced; without this script they work the same.
// 1. Live checks: the server writes the grid's rules into the page (data-requis, data-longueur, with
//    the messages and rule ids of `pratiques check`); this script only shows them, beside the field,
//    once the field has been visited. No rule is written here.
// 2. A copy of the unsaved form in this browser (localStorage, per account, contribution and
//    version), offered back when the same form is opened again; dropped when the form is saved,
//    and after 14 days. Nothing goes to the server until the person saves.
(function () {
  "use strict";
  var form = document.getElementById("formulaire");
  if (!form) return;
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  // --- Live checks ------------------------------------------------------------------------------
  var length = function (s) { return Array.from(s).length; };  // code points, as the validator counts
  var empty = function (el) {
    return el.tagName === "FIELDSET" ? !el.querySelector("input:checked") : el.value.trim() === "";
  };
  var describe = function (el, id) {
    var ids = (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (ids.indexOf(id) < 0) el.setAttribute("aria-describedby", ids.concat(id).join(" "));
  };
  var place = function (el, id, cls) {
    var p = document.getElementById(id);
    if (p) return p;
    p = document.createElement("p");
    p.id = id;
    p.className = cls;
    if (el.tagName === "FIELDSET") el.appendChild(p); else el.insertAdjacentElement("afterend", p);
    describe(el, id);
    return p;
  };
  var check = function (el) {
    var message = "", rule = "";
    if (el.dataset.requis && empty(el)) {
      message = el.dataset.requis;
      rule = el.dataset.requisRegle;
    } else if (el.dataset.longueur && length(el.value) > Number(el.dataset.longueur)) {
      message = el.dataset.longueurMessage.replace("{n}", String(length(el.value)));
      rule = "longueur";
    }
    var p = document.getElementById(el.id + "-direct");
    if (!message && !p) return;
    p = place(el, el.id + "-direct", "direct erreur");
    p.setAttribute("aria-live", "polite");
    p.textContent = message ? "Erreur : " + message + " [" + rule + "]" : "";
    p.hidden = !message;
    if (el.tagName === "FIELDSET") return;  // aria-invalid belongs to the controls
    if (message) el.setAttribute("aria-invalid", "true");
    else if (!document.getElementById(el.id + "-erreurs")) el.removeAttribute("aria-invalid");
  };
  var count = function (el) {
    var p = place(el, el.id + "-compteur", "compteur");
    p.textContent = length(el.value) + " / " + el.dataset.longueur + " caractères";
  };
  var rules = function (target) {
    var el = target.closest("[data-requis], [data-longueur]");
    return el && form.contains(el) ? el : null;
  };
  each(form.querySelectorAll("[data-longueur]"), count);
  form.addEventListener("focusout", function (e) {
    var el = rules(e.target);
    if (el && (el.tagName !== "FIELDSET" || !el.contains(e.relatedTarget))) {
      el.dataset.vu = "1";
      check(el);
    }
  });
  form.addEventListener("input", function (e) {
    var el = rules(e.target);
    if (!el) return;
    if (el.dataset.longueur) count(el);
    if (el.dataset.vu || el.dataset.longueur) check(el);
  });
  form.addEventListener("change", function (e) {
    var el = rules(e.target);
    if (el && el.tagName === "FIELDSET") {
      el.dataset.vu = "1";
      check(el);
    }
  });

  // --- The unsaved form, kept in this browser --------------------------------------------------
  var key = form.dataset.brouillon, store = null;
  try {
    store = window.localStorage;
    store.getItem(key);
  } catch (err) {
    store = null;
  }
  if (!key || !store) return;
  var KEEP = 14 * 24 * 3600 * 1000, PREFIX = "pratiques:brouillon:";
  for (var i = store.length - 1; i >= 0; i--) {
    var k = store.key(i), old = null;
    if (!k || k.indexOf(PREFIX) !== 0) continue;
    try { old = JSON.parse(store.getItem(k)); } catch (err) { old = null; }
    if (!old || !(Date.now() - old.at < KEEP)) store.removeItem(k);
  }
  var field = function (el) { return /^[fs]\./.test(el.name) && el.type !== "hidden" && !el.readOnly; };
  var values = function () {
    var out = [];
    each(form.elements, function (el) {
      if (!field(el) || ((el.type === "checkbox" || el.type === "radio") && !el.checked)) return;
      out.push([el.name, el.value]);
    });
    return out;
  };
  var initial = JSON.stringify(values());
  var status = document.createElement("p");
  status.className = "aide copie-locale";
  status.hidden = true;
  form.querySelector(".actions").insertAdjacentElement("beforebegin", status);
  var time = function (at) { return new Date(at).toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" }); };
  var timer = 0;
  var save = function () {
    timer = 0;
    var now = values();
    if (JSON.stringify(now) === initial) {
      store.removeItem(key);
      status.hidden = true;
      return;
    }
    try {
      var at = Date.now();
      store.setItem(key, JSON.stringify({ at: at, fields: now }));
      status.textContent = "Modifications gardées dans ce navigateur à " + time(at) +
        " : elles ne sont pas encore enregistrées ; « Enregistrer le brouillon » les enregistre.";
      status.hidden = false;
    } catch (err) { /* storage full or refused: the form works as without script */ }
  };
  var later = function () {
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", function (e) {
    clearTimeout(timer);
    var action = e.submitter ? e.submitter.value : "";
    if (action === "enregistrer" || action === "soumettre") store.removeItem(key); else save();
  });

  var saved = null;
  try { saved = JSON.parse(store.getItem(key)); } catch (err) { saved = null; }
  if (!saved || !saved.fields || JSON.stringify(saved.fields) === initial) return;
  var restore = function (list) {
    var by = {};
    list.forEach(function (x) { (by[x[0]] = by[x[0]] || []).push(x[1]); });
    each(form.elements, function (el) {
      if (!field(el)) return;
      var v = by[el.name] || [];
      if (el.type === "checkbox" || el.type === "radio") el.checked = v.indexOf(el.value) >= 0;
      else el.value = v.length ? v.shift() : "";
    });
    each(form.querySelectorAll("[data-longueur]"), count);
  };
  var box = document.createElement("div");
  box.className = "restauration";
  box.setAttribute("role", "region");
  box.setAttribute("aria-labelledby", "restauration-titre");
  var text = document.createElement("p");
  text.id = "restauration-titre";
  text.textContent = "Ce navigateur a gardé des modifications de ce formulaire faites à " + time(saved.at) +
    " le " + new Date(saved.at).toLocaleDateString("fr-FR") + ", qui n'ont pas été enregistrées.";
  var button = function (label, act) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    b.addEventListener("click", act);
    box.appendChild(b);
  };
  box.appendChild(text);
  button("Reprendre ces modifications", function () {
    restore(saved.fields);
    box.remove();
    save();
    status.setAttribute("role", "status");
    var first = Array.prototype.find.call(form.elements, field);
    if (first) first.focus();
  });
  button("Les effacer", function () {
    store.removeItem(key);
    box.remove();
  });
  form.insertAdjacentElement("beforebegin", box);
})();
