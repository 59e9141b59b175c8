// Fireline console: pages re-render on the server; this only keeps an open page current.
// When any incident changes (server-sent events from /console/events, counted from the change the
// page was rendered with), the page reloads itself, unless the person is typing into one of its
// forms. An incident's page reloads only when that incident changed: the confirmation of what
// one just did ("Acknowledged: …") stays until there is something new to show.
(function () {
  var body = document.body;
  if (!body.dataset.live || !window.EventSource) return;
  var typing = false;
  document.addEventListener('input', function () { typing = true; });
  var events = new EventSource('/console/events?since=' + encodeURIComponent(body.dataset.since || ''));
  events.addEventListener('changed', function () {
    if (typing) return;
    if (body.dataset.live !== 'incident' || !window.fetch) return window.location.reload();
    fetch('/api' + window.location.pathname.substring('/console'.length),
        {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (incident) {
        if (!typing && (!incident || String(incident.version) !== body.dataset.version)) {
          window.location.reload();
        }
      }, function () { if (!typing) window.location.reload(); });
  });
})();
