'use strict';
// API: Swagger UI on Tickflow's own OpenAPI document, with no call to an outside validator.
(() => {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger',
    validatorUrl: null,
    deepLinking: true,
    onComplete: () => TF.state('ok', 'connected'),
  });
})();
