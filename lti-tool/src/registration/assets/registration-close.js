// Dynamic Registration is done: tell the LMS to close the registration frame or window
// (LTI Dynamic Registration 1.0, "org.imsglobal.lti.close"; Moodle and Canvas listen for it).
(function () {
  'use strict';
  var button = document.getElementById('registration-close');
  if (!button) return;
  var lms = window.opener || (window.parent !== window ? window.parent : null);
  if (!lms) {
    button.remove(); // opened on its own: there is no LMS window to return to
    return;
  }
  button.addEventListener('click', function () {
    lms.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
  });
})();
