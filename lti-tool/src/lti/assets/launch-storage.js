// Launch page without our cookie: read the state back from platform storage and post the launch again.
(function () {
  'use strict';
  var form = document.getElementById('lti-verify');
  var cfg = { storageTarget: form.dataset.storageTarget, platformOrigin: form.dataset.platformOrigin };
  var field = form.querySelector('input[name="storage_state"]');
  window.StaffroomPlatformStorage.get(cfg, 'staffroom_state_' + form.dataset.state)
    .then(function (value) { field.value = typeof value === 'string' ? value : ''; }, function () { field.value = ''; })
    .then(function () { form.submit(); });
})();
