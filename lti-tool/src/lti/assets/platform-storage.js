// LTI platform storage (client-side postMessage) helpers shared by the login and launch pages.
// Why: inside an LMS iframe third-party cookies may be blocked; the platform keeps our state instead.
(function () {
  'use strict';
  var TIMEOUT_MS = 1500;

  function targetWindow(name) {
    if (!name || name === '_parent') return window.parent;
    try { return window.parent.frames[name] || window.parent; } catch (e) { return window.parent; }
  }

  function send(cfg, subject, extra) {
    return new Promise(function (resolve, reject) {
      var messageId = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2);
      var timer = setTimeout(function () { cleanup(); reject(new Error('timeout')); }, TIMEOUT_MS);
      function onMessage(event) {
        // Only the platform's own origin may answer, and only to our message.
        if (event.origin !== cfg.platformOrigin) return;
        var data = event.data || {};
        if (data.message_id !== messageId || data.subject !== subject + '.response') return;
        cleanup();
        if (data.error) reject(new Error(data.error.code || 'error')); else resolve(data);
      }
      function cleanup() { clearTimeout(timer); window.removeEventListener('message', onMessage); }
      window.addEventListener('message', onMessage);
      var msg = Object.assign({ subject: subject, message_id: messageId }, extra || {});
      targetWindow(cfg.storageTarget).postMessage(msg, cfg.platformOrigin);
    });
  }

  function supports(cfg, subject) {
    return send(cfg, 'lti.capabilities').then(function (data) {
      return (data.supported_messages || []).some(function (m) { return m.subject === subject; });
    });
  }

  window.StaffroomPlatformStorage = {
    put: function (cfg, key, value) {
      return supports(cfg, 'lti.put_data').then(function (ok) {
        if (!ok) throw new Error('unsupported');
        return send(cfg, 'lti.put_data', { key: key, value: value });
      });
    },
    get: function (cfg, key) {
      return supports(cfg, 'lti.get_data').then(function (ok) {
        if (!ok) throw new Error('unsupported');
        return send(cfg, 'lti.get_data', { key: key }).then(function (data) { return data.value; });
      });
    }
  };
})();
