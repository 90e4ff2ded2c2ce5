// Pratiques : amélioration progressive de la recherche (sans dépendance).
// - Autocomplétion des champs de recherche (motif « combobox » ARIA 1.2, liste de suggestions) :
//   flèches haut et bas, Entrée pour choisir, Échap pour fermer, Tab pour quitter.
// - Résultats instantanés sur /recherche : la page de résultats rendue par le serveur est
//   demandée pendant la frappe et remplace la zone #resultats ; l'adresse suit (partageable), et
//   chaque recherche est une entrée de l'historique : « Précédent » revient à la précédente.
// - Sur un grand écran, le panneau « Filtrer » est ouvert (sans script, CSS le montre déjà là où le
//   navigateur le permet ; ailleurs on l'ouvre d'un clic).
// Sans JavaScript, le formulaire et les liens font exactement la même chose.
(function () {
  'use strict';
  if (!window.fetch || !window.URLSearchParams || !window.DOMParser) return;

  var uid = 0;

  function debounce(fn, ms) {
    var t = 0;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function Combobox(input, form) {
    this.input = input;
    this.form = form;
    this.items = [];
    this.active = -1;
    this.typed = input.value;
    this.controller = null;
    var id = 'suggestions-' + (++uid);
    this.list = el('ul', { id: id, role: 'listbox', 'aria-label': 'Suggestions', 'class': 'suggestions', hidden: '' });
    this.status = el('p', { 'class': 'vh', role: 'status', 'aria-live': 'polite' });
    var wrap = input.parentNode;
    wrap.classList.add('combobox');
    wrap.appendChild(this.list);
    wrap.appendChild(this.status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);
    input.setAttribute('autocomplete', 'off');
    var self = this;
    this.fetchLater = debounce(function () { self.fetch(); }, 120);
    input.addEventListener('input', function () {
      self.typed = input.value;
      self.fetchLater();
    });
    input.addEventListener('keydown', function (e) { self.key(e); });
    input.addEventListener('blur', function () { setTimeout(function () { self.close(); }, 150); });
    this.list.addEventListener('mousedown', function (e) { e.preventDefault(); });  // keep the focus in the field
    this.list.addEventListener('click', function (e) {
      var li = e.target.closest('[role="option"]');
      if (li) self.choose(Number(li.getAttribute('data-index')));
    });
  }

  Combobox.prototype.fetch = function () {
    var q = this.input.value.trim();
    if (this.controller) this.controller.abort();
    if (!q) { this.render([], q); return; }
    var self = this;
    this.controller = new AbortController();
    fetch('/api/suggestions?' + new URLSearchParams({ q: q }).toString(), { signal: this.controller.signal, headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (self.input.value.trim() === q) self.render(data.suggestions || [], q); })
      .catch(function () { /* interrompue ou hors ligne : le formulaire reste utilisable */ });
  };

  // The list says which text it answers (data-requete): a response to an earlier prefix may be
  // shown for a moment while the next one is on its way.
  Combobox.prototype.render = function (items, q) {
    this.items = items;
    this.list.setAttribute('data-requete', q);
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.list.textContent = '';
    var id = this.list.id;
    for (var i = 0; i < items.length; i++) {
      var s = items[i];
      var li = el('li', { id: id + '-' + i, role: 'option', 'aria-selected': 'false', 'data-index': String(i) });
      li.appendChild(el('span', { 'class': 'suggestion-libelle' }, s.libelle));
      var extra = s.type_libelle + (s.detail ? ' · ' + s.detail : '');
      li.appendChild(el('span', { 'class': 'suggestion-type' }, extra));
      this.list.appendChild(li);
    }
    if (items.length && document.activeElement === this.input) this.open();
    else this.close();
    this.status.textContent = items.length ? items.length + (items.length > 1 ? ' suggestions' : ' suggestion') +
      ', flèches haut et bas pour choisir' : '';
  };

  Combobox.prototype.open = function () {
    if (!this.items.length) return;
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  };

  Combobox.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.highlight(-1);
  };

  Combobox.prototype.isOpen = function () { return !this.list.hidden; };

  Combobox.prototype.highlight = function (i) {
    var options = this.list.children;
    for (var k = 0; k < options.length; k++) options[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
    this.active = i;
    if (i >= 0 && options[i]) {
      this.input.setAttribute('aria-activedescendant', options[i].id);
      options[i].scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  };

  Combobox.prototype.key = function (e) {
    var n = this.items.length;
    switch (e.key) {
      case 'ArrowDown':
        if (!n) return;
        e.preventDefault();
        if (!this.isOpen()) { this.open(); if (e.altKey) return; }
        this.highlight(this.active + 1 >= n ? 0 : this.active + 1);
        break;
      case 'ArrowUp':
        if (!n) return;
        e.preventDefault();
        if (!this.isOpen()) this.open();
        this.highlight(this.active <= 0 ? n - 1 : this.active - 1);
        break;
      case 'Enter':
        if (this.isOpen() && this.active >= 0) {
          e.preventDefault();
          this.choose(this.active);
        } else {
          this.close();  // the form is submitted as without JavaScript
        }
        break;
      case 'Escape':
        if (this.isOpen()) {
          e.preventDefault();
          this.close();
        } else if (this.input.value) {
          e.preventDefault();
          this.input.value = '';
          this.input.dispatchEvent(new Event('input', { bubbles: true }));
        }
        break;
      case 'Tab':
        this.close();
        break;
    }
  };

  Combobox.prototype.choose = function (i) {
    var s = this.items[i];
    if (!s) return;
    this.close();
    if (s.type === 'sigle' || s.type === 'recherche') {  // searched with the filters chosen
      this.input.value = s.valeur;
      this.form.submit();
    } else {
      window.location.assign(s.url);
    }
  };

  // Instant results: the server renders the same page; only #resultats is replaced.
  function InstantResults(form, input, zone) {
    this.form = form;
    this.input = input;
    this.zone = zone;
    this.controller = null;
    this.last = this.url();
    this.announce = document.getElementById('annonce-resultats');
    var self = this;
    // Long enough for a word to be finished: the search matches whole words, not prefixes.
    var later = debounce(function () { self.update(); }, 400);
    input.addEventListener('input', later);
  }

  InstantResults.prototype.url = function () {
    var params = new URLSearchParams();
    var data = new FormData(this.form);
    data.forEach(function (value, name) {
      if (typeof value === 'string' && !(name === 'q' && !value.trim())) params.append(name, value);
    });
    var qs = params.toString();
    return '/recherche' + (qs ? '?' + qs : '');
  };

  InstantResults.prototype.update = function () {
    var url = this.url();
    if (url === this.last) return;
    // What is typed in one go (each update within 2 s of the one before) makes one history entry:
    // « Précédent » returns to the search before it, not to a word half typed.
    var now = Date.now();
    if (!(this.typedAt && now - this.typedAt < 2000)) this.entry = false;
    this.typedAt = now;
    this.show(url, true);
  };

  // Fetches the results page of `url` and shows its #resultats; `push`: a history entry for it,
  // new or, within what is typed in one go, the one before replaced (false when going back or
  // forward to it).
  InstantResults.prototype.show = function (url, push) {
    this.last = url;
    if (this.controller) this.controller.abort();
    this.controller = new AbortController();
    var self = this;
    this.zone.setAttribute('aria-busy', 'true');
    fetch(url, { signal: this.controller.signal, headers: { Accept: 'text/html', 'X-Pratiques-Saisie': '1' } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error(String(r.status))); })
      .then(function (html) {
        if (url !== self.last) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('resultats');
        if (!fresh) return;
        var panel = self.zone.querySelector('details.facettes');
        var wasOpen = panel && panel.open;
        var nodes = [];
        for (var c = fresh.firstChild; c; c = c.nextSibling) nodes.push(document.importNode(c, true));
        self.zone.replaceChildren.apply(self.zone, nodes);
        self.zone.removeAttribute('aria-busy');
        openFilters(wasOpen);
        if (doc.title) document.title = doc.title;
        if (push && self.entry) history.replaceState(null, '', url);
        else if (push) history.pushState(null, '', url);
        if (push) self.entry = true;
        var count = document.getElementById('nombre-resultats');
        if (self.announce && count) self.announce.textContent = count.textContent;
      })
      .catch(function () { self.zone.removeAttribute('aria-busy'); });
  };

  // Back or forward to another search of this page: its words in the field, its results below.
  InstantResults.prototype.restore = function () {
    this.typedAt = 0;  // what is typed next is a new search
    var url = location.pathname + location.search;
    var q = new URLSearchParams(location.search).get('q') || '';
    this.input.value = q;
    var form = this.form;
    Array.prototype.forEach.call(form.querySelectorAll('input[type="hidden"]'), function (h) { h.remove(); });
    new URLSearchParams(location.search).forEach(function (value, name) {
      if (name !== 'q') form.appendChild(el('input', { type: 'hidden', name: name, value: value }));
    });
    if (url !== this.last) this.show(url, false);
  };

  // The filters panel is open on wide screens (and stays as the reader left it after an update).
  var wide = window.matchMedia ? window.matchMedia('(min-width: 48em)') : null;
  function openFilters(wasOpen) {
    var panel = document.querySelector('#resultats details.facettes');
    if (panel && (wasOpen || (wide && wide.matches))) panel.open = true;
  }

  function init() {
    var forms = document.querySelectorAll('form[action="/recherche"]');
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      var input = form.querySelector('input[name="q"]');
      if (!input || input.getAttribute('role') === 'combobox') continue;
      if (!input.parentNode.classList.contains('recherche-champ')) {
        // Pages of the static site: wrap the field so that the list can be positioned under it.
        var wrap = el('div', { 'class': 'recherche-champ' });
        input.parentNode.insertBefore(wrap, input);
        wrap.appendChild(input);
      }
      new Combobox(input, form);
      var zone = document.getElementById('resultats');
      if (zone && form.hasAttribute('data-recherche')) {
        var instant = new InstantResults(form, input, zone);
        window.addEventListener('popstate', function () { instant.restore(); });
      }
    }
    openFilters(false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
