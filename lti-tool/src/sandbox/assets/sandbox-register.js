// The sandbox LMS's "add a tool by URL" page: like Moodle and Canvas, close the registration frame
// when the tool sends the LTI Dynamic Registration close message.
(function () {
  'use strict';
  var frame = document.getElementById('registration-frame');
  var status = document.getElementById('registration-status');
  if (!frame || !status) return;
  status.textContent = 'Registering the tool…';
  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow) return;
    if (!event.data || event.data.subject !== 'org.imsglobal.lti.close') return;
    frame.remove();
    status.textContent = 'The tool closed the registration. It is now registered with the sandbox LMS.';
  });
})();
