/* Field work on a phone: the check-in position, and forms that survive a dropped network.
 *
 * A form marked data-offline-form keeps what the user entered on the phone as they go: text in
 * localStorage, chosen photos in IndexedDB. Submitting sends it with fetch; when the network is
 * down the submission waits on the phone and is sent again once the browser is back online (or
 * when the page is opened again). The form's hidden submission key (a UUID) travels with it, so
 * a submission that reached the server before the connection dropped is recognised by the
 * server and never creates a second record.
 */
(function () {
  "use strict";
  var PREFIX = "qudao:form:";
  var MAX_AGE_MS = 3 * 24 * 3600 * 1000;
  var RETRY_MS = 20000;
  var DB_NAME = "qudao-field";
  var STORE = "photos";

  function uuid4() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }

  /* --- photos kept in IndexedDB ------------------------------------------------------------ */
  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error("IndexedDB unavailable")); return; }
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function idb(mode, action) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode), request = action(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(request.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  var kept = {
    put: function (key, files) { return idb("readwrite", function (s) { return s.put(files, key); }); },
    get: function (key) { return idb("readonly", function (s) { return s.get(key); }).catch(function () { return null; }); },
    drop: function (key) { return idb("readwrite", function (s) { return s.delete(key); }).catch(function () {}); }
  };

  /* --- form state in localStorage ---------------------------------------------------------- */
  function key(form) { return PREFIX + form.getAttribute("data-offline-form"); }
  function photoKey(form, name) { return key(form) + "|" + name; }
  function read(form) {
    try {
      var state = JSON.parse(localStorage.getItem(key(form)));
      return state && Date.now() - state.savedAt < MAX_AGE_MS ? state : null;
    } catch (e) { return null; }
  }
  function write(form, pending) {
    var state = { fields: collect(form), pending: !!pending, savedAt: Date.now(), photos: form._keptPhotos || [] };
    try { localStorage.setItem(key(form), JSON.stringify(state)); } catch (e) { /* full: keep it in memory */ }
  }
  function forget(form) {
    localStorage.removeItem(key(form));
    (form._keptPhotos || []).forEach(function (name) { kept.drop(photoKey(form, name)); });
  }
  function skip(el) {
    return !el.name || el.type === "file" || el.type === "submit" || el.name === "csrfmiddlewaretoken";
  }
  function collect(form) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skip(el) || ((el.type === "checkbox" || el.type === "radio") && !el.checked)) { return; }
      (fields[el.name] = fields[el.name] || []).push(el.value);
    });
    return fields;
  }
  function restore(form, fields) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (skip(el) || !(el.name in fields)) { return; }
      var values = fields[el.name];
      if (el.type === "checkbox" || el.type === "radio") { el.checked = values.indexOf(el.value) >= 0; }
      else if (el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) >= 0; });
      } else { el.value = values[0]; }
    });
  }

  /* --- sending ----------------------------------------------------------------------------- */
  function status(form, text, kind) {
    var box = form.querySelector("[data-offline-status]");
    if (!box) { return; }
    box.textContent = text || "";
    box.className = "alert alert-" + (kind || "info") + (text ? "" : " d-none");
  }
  function showErrors(form, errors) {
    var box = form.querySelector("[data-form-errors]");
    if (!box) { return; }
    box.innerHTML = "";
    errors.forEach(function (message) {
      var line = document.createElement("div");
      line.textContent = message;
      box.appendChild(line);
    });
    box.classList.toggle("d-none", errors.length === 0);
    if (errors.length) { box.scrollIntoView({ block: "center" }); }
  }
  function later(form) {
    write(form, true);
    status(form, form.dataset.textOffline, "warning");
    if (form._retry) { return; }
    var again = function () {
      window.removeEventListener("online", again);
      clearTimeout(form._retry); form._retry = null;
      send(form);
    };
    window.addEventListener("online", again);
    form._retry = setTimeout(again, RETRY_MS);
  }
  async function body(form) {
    var data = new FormData(form);
    var inputs = form.querySelectorAll("input[type=file]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.files.length) { continue; }
      var files = await kept.get(photoKey(form, input.name));
      if (files && files.length) {
        data.delete(input.name);
        files.forEach(function (f) { data.append(input.name, f.blob, f.name); });
      }
    }
    return data;
  }
  async function send(form) {
    if (form._sending) { return; }
    form._sending = true;
    showErrors(form, []);
    status(form, form.dataset.textSending, "info");
    var button = form.querySelector("[type=submit]");
    if (button) { button.disabled = true; }
    try {
      var response = await fetch(form.action || location.href, {
        method: "POST", body: await body(form), credentials: "same-origin",
        headers: { "Accept": "application/json" }
      });
      if (response.redirected && /\/accounts\/login\//.test(response.url)) {
        write(form, true);
        status(form, form.dataset.textLogin, "warning");
        return;
      }
      var data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      if (response.ok && data && data.redirect) {
        forget(form);
        window.location.assign(data.redirect);
        return;
      }
      if (response.status >= 500) { later(form); return; }
      write(form, false);
      status(form, "");
      showErrors(form, data && data.errors ? data.errors : [form.dataset.textFailed + " (HTTP " + response.status + ")"]);
    } catch (networkError) {
      later(form);
    } finally {
      form._sending = false;
      if (button) { button.disabled = false; }
    }
  }

  function keepPhotos(form, input) {
    var files = Array.prototype.map.call(input.files, function (f) { return { name: f.name, type: f.type, blob: f }; });
    form._keptPhotos = form._keptPhotos || [];
    if (form._keptPhotos.indexOf(input.name) < 0) { form._keptPhotos.push(input.name); }
    kept.put(photoKey(form, input.name), files).catch(function () {});
    var note = input.parentNode.querySelector("[data-kept-photos]");
    if (note) { note.textContent = ""; }
  }

  function setUp(form) {
    form.querySelectorAll("input[data-submission-key]").forEach(function (input) {
      if (!input.value) { input.value = uuid4(); }
    });
    var state = read(form);
    if (state) {
      restore(form, state.fields || {});
      form._keptPhotos = state.photos || [];
      form._keptPhotos.forEach(function (name) {
        kept.get(photoKey(form, name)).then(function (files) {
          var input = form.querySelector("input[type=file][name='" + name + "']");
          var note = input && input.parentNode.querySelector("[data-kept-photos]");
          if (note && files && files.length) { note.textContent = form.dataset.textKeptPhotos + " " + files.length; }
        });
      });
    }
    form.addEventListener("input", function () { write(form, false); });
    form.addEventListener("change", function (event) {
      if (event.target.type === "file") { keepPhotos(form, event.target); }
      write(form, false);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      write(form, true);
      if (navigator.onLine === false) { later(form); } else { send(form); }
    });
    if (state && state.pending) {
      if (navigator.onLine === false) { later(form); } else { send(form); }
    }
  }

  /* --- check-in position ------------------------------------------------------------------- */
  function haversine(lat1, lng1, lat2, lng2) {
    var r = Math.PI / 180, dphi = (lat2 - lat1) * r, dl = (lng2 - lng1) * r;
    var a = Math.pow(Math.sin(dphi / 2), 2) + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.pow(Math.sin(dl / 2), 2);
    return Math.round(2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a))));
  }
  function locate(box) {
    var form = box.closest("form");
    var positions = JSON.parse((document.getElementById(box.dataset.positions) || {}).textContent || "{}");
    var show = function () {
      var lat = parseFloat(form.elements.latitude.value), lng = parseFloat(form.elements.longitude.value);
      if (isNaN(lat)) { return; }
      var text = box.dataset.textFound.replace("%(accuracy)s", form.elements.accuracy_m.value);
      var outlet = positions[form.elements.outlet.value];
      if (outlet) {
        text += " · " + box.dataset.textDistance.replace("%(m)s", haversine(lat, lng, +outlet[0], +outlet[1]));
      }
      box.textContent = text;
      box.className = "alert alert-success";
      box.setAttribute("data-located", "1");
    };
    form.elements.outlet.addEventListener("change", show);
    if (!navigator.geolocation) { box.textContent = box.dataset.textUnavailable; return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.latitude.value = position.coords.latitude.toFixed(6);
      form.elements.longitude.value = position.coords.longitude.toFixed(6);
      form.elements.accuracy_m.value = Math.round(position.coords.accuracy);
      write(form, false);
      show();
    }, function (error) {
      box.textContent = box.dataset.textUnavailable + " (" + error.message + ")";
      box.className = "alert alert-warning";
    }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
  }

  /* “start the route from where I am” on the week plan */
  function startHere(box) {
    box.addEventListener("change", function () {
      var form = box.closest("form");
      form.elements.latitude.value = form.elements.longitude.value = "";
      if (!box.checked || !navigator.geolocation) { return; }
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.latitude.value = position.coords.latitude.toFixed(6);
        form.elements.longitude.value = position.coords.longitude.toFixed(6);
      }, function () { box.checked = false; }, { timeout: 20000, maximumAge: 300000 });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-offline-form]").forEach(setUp);
    document.querySelectorAll("[data-geolocate]").forEach(locate);
    document.querySelectorAll("[data-start-here]").forEach(startHere);
  });
})();
