// Starts Swagger UI on /v1/docs. A file rather than an inline script, so that the page's
// Content-Security-Policy can allow scripts from its own origin and nothing else.
"use strict";
(function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-spec-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // no badge from validator.swagger.io: the page talks to its own origin only
  });
})();
