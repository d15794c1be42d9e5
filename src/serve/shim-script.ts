// The script a page's HTML documents get at the top of <head> when its script shims are on (script-shim.ts).
//
// A /p/ document runs in an opaque origin (sandbox.ts), where `document.cookie`, `localStorage` and
// `sessionStorage` throw a SecurityError and `new Worker(url)` refuses the page's own files. The script gives
// each of them an in-memory stand-in for this page load only: nothing persists, nothing is sent anywhere. It
// changes only what the sandbox refused (each stand-in is installed only when the real one throws), so a
// document served without the sandbox keeps the real ones. The text is fixed: the same bytes for every page.
//
// Workers: a script under this page's own /p/<id>/ is started from a blob: URL (same origin as the opaque
// document; a data: URL for a module worker) whose code loads it (importScripts, or import), after making the
// worker's relative importScripts/fetch/XHR URLs resolve against the script's own address, not the blob's.
const SOURCE = String.raw`(function () {
  'use strict';
  var w = window, d = document;
  var refused = function (read) { try { read(); return false; } catch (e) { return true; } };
  var define = function (object, name, descriptor) {
    descriptor.configurable = true;
    try { Object.defineProperty(object, name, descriptor); } catch (e) {}
  };

  var storage = function () {
    var items = new Map();
    var methods = {
      getItem: function (key) { key = String(key); return items.has(key) ? items.get(key) : null; },
      setItem: function (key, value) { items.set(String(key), String(value)); },
      removeItem: function (key) { items.delete(String(key)); },
      clear: function () { items.clear(); },
      key: function (index) { var keys = Array.from(items.keys()); index = Math.floor(Number(index)) || 0; return index >= 0 && index < keys.length ? keys[index] : null; }
    };
    var base = Object.create(typeof Storage === 'function' ? Storage.prototype : Object.prototype);
    return new Proxy(base, {
      get: function (target, key) {
        if (key === 'length') return items.size;
        if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(methods, key)) return methods[key];
        if (typeof key === 'string' && items.has(key)) return items.get(key);
        return key in target ? target[key] : undefined;
      },
      set: function (target, key, value) {
        if (typeof key === 'symbol') target[key] = value; else items.set(key, String(value));
        return true;
      },
      has: function (target, key) { return items.has(key) || key in target; },
      deleteProperty: function (target, key) { items.delete(key); return true; },
      ownKeys: function () { return Array.from(items.keys()); },
      getOwnPropertyDescriptor: function (target, key) {
        return items.has(key) ? { value: items.get(key), writable: true, enumerable: true, configurable: true } : undefined;
      }
    });
  };
  ['localStorage', 'sessionStorage'].forEach(function (name) {
    if (!refused(function () { return w[name]; })) return;
    var stand_in = storage();
    define(w, name, { get: function () { return stand_in; }, enumerable: true });
  });

  if (refused(function () { return d.cookie; })) {
    var jar = new Map();
    define(d, 'cookie', {
      get: function () {
        var pairs = [];
        jar.forEach(function (value, name) { pairs.push(name === '' ? value : name + '=' + value); });
        return pairs.join('; ');
      },
      set: function (text) {
        var parts = String(text).split(';');
        var pair = parts[0], eq = pair.indexOf('=');
        var name = eq < 0 ? '' : pair.slice(0, eq).trim();
        var value = eq < 0 ? pair.trim() : pair.slice(eq + 1).trim();
        var expired = false;
        for (var i = 1; i < parts.length; i++) {
          var attribute = parts[i].trim(), lower = attribute.toLowerCase();
          if (lower.indexOf('max-age=') === 0) expired = Number(attribute.slice(8)) <= 0;
          else if (lower.indexOf('expires=') === 0) expired = Date.parse(attribute.slice(8)) <= Date.now();
        }
        if (expired) jar.delete(name); else jar.set(name, value);
      }
    });
  }

  var NativeWorker = w.Worker;
  var prefix = /^\/p\/[^\/]+\//.exec(location.pathname);
  if (typeof NativeWorker === 'function' && w.origin === 'null' && prefix) {
    var prelude = function (base) {
      return '(function (base) {' +
        'var at = function (u) { try { return new URL(u, base).href; } catch (e) { return u; } };' +
        'var load = self.importScripts;' +
        'if (load) self.importScripts = function () { return load.apply(self, Array.prototype.map.call(arguments, function (u) { return at(String(u)); })); };' +
        'var get = self.fetch;' +
        'if (get) self.fetch = function (input, init) { return get.call(self, typeof input === "string" || input instanceof URL ? at(String(input)) : input, init); };' +
        'var X = self.XMLHttpRequest;' +
        'if (X) { var open = X.prototype.open; X.prototype.open = function (m, u) { var a = Array.prototype.slice.call(arguments); a[1] = at(String(u)); return open.apply(this, a); }; }' +
        '})(' + JSON.stringify(base) + ');\n';
    };
    var dataUrl = function (code) { return 'data:text/javascript,' + encodeURIComponent(code); };
    var startUrl = function (url, options) {
      var address;
      try { address = new URL(String(url), d.baseURI); } catch (e) { return url; }
      if (address.origin !== location.origin || address.pathname.indexOf(prefix[0]) !== 0) return url;
      var href = JSON.stringify(address.href);
      if (options && options.type === 'module') {
        // Chromium refuses a module worker from an opaque origin's blob: URL, not from a data: URL. The module is
        // imported statically (with import() the first messages could arrive before its handlers exist),
        // after the prelude as a module of its own.
        return dataUrl('import ' + JSON.stringify(dataUrl(prelude(address.href))) + ';\nimport ' + href + ';');
      }
      return URL.createObjectURL(new Blob([prelude(address.href) + 'importScripts(' + href + ');'], { type: 'text/javascript' }));
    };
    var Worker = function Worker(url, options) {
      if (!new.target) throw new TypeError("Failed to construct 'Worker': Please use the 'new' operator.");
      return Reflect.construct(NativeWorker, [startUrl(url, options)].concat(Array.prototype.slice.call(arguments, 1)), new.target);
    };
    Worker.prototype = NativeWorker.prototype;
    define(w, 'Worker', { value: Worker, writable: true });
  }

  if (d.currentScript) d.currentScript.remove();
})();`;

/** The element injected: ASCII only, so it reads the same in any ASCII-compatible encoding. */
export const SHIM_ELEMENT = Buffer.from(`<script>${SOURCE}</script>`, 'latin1');
