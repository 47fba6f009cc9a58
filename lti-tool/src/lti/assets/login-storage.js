// Login page: store the state with the platform when it offers storage, then continue to the platform.
(function () {
  'use strict';
  var el = document.getElementById('lti-login');
  var cfg = { storageTarget: el.dataset.storageTarget, platformOrigin: el.dataset.platformOrigin };
  function go() { window.location.replace(el.dataset.authRedirect); }
  window.StaffroomPlatformStorage.put(cfg, 'staffroom_state_' + el.dataset.state, el.dataset.state)
    .then(go, go); // without storage, the partitioned cookie set with this page is the fallback
})();
