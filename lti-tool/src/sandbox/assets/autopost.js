// The platform's auto-posting form back to the tool (form_post response mode).
(function () { 'use strict'; var f = document.getElementById('autopost'); if (f) f.submit(); })();
