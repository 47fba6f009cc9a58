// The sandbox LMS page: copies launch options into the person forms and emulates LTI platform storage.
(function () {
  'use strict';
  var store = {};
  var frame = document.getElementById('tool-frame');

  document.querySelectorAll('form.launch').forEach(function (form) {
    form.addEventListener('submit', function () {
      var spec = {};
      if (document.getElementById('opt-deep-linking').checked) spec.messageType = 'LtiDeepLinkingRequest';
      if (document.getElementById('opt-anonymous').checked) spec.anonymous = true;
      form.querySelector('input[name="lti_message_hint"]').value = JSON.stringify(spec);
      var storage = form.querySelector('input[name="lti_storage_target"]');
      storage.disabled = !document.getElementById('opt-storage').checked;
      frame.focus();
    });
  });

  // Platform storage (LTI client-side postMessage): answer only the tool frame.
  window.addEventListener('message', function (event) {
    if (!frame || event.source !== frame.contentWindow) return;
    var m = event.data || {};
    var reply = { subject: m.subject + '.response', message_id: m.message_id };
    var bucket = store[event.origin] || (store[event.origin] = {});
    if (m.subject === 'lti.capabilities') {
      reply.supported_messages = [{ subject: 'lti.capabilities' }, { subject: 'lti.put_data' }, { subject: 'lti.get_data' }];
    } else if (m.subject === 'lti.put_data') {
      bucket[m.key] = m.value; reply.key = m.key; reply.value = m.value;
    } else if (m.subject === 'lti.get_data') {
      reply.key = m.key; reply.value = bucket[m.key];
    } else {
      reply.error = { code: 'unsupported_subject', message: 'Not supported by the sandbox' };
    }
    event.source.postMessage(reply, event.origin);
  });
})();
