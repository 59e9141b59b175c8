// Fireline console: pages re-render on the server; this only keeps an open page current.
// When any incident changes (server-sent events from /console/events, counted from the change the
// page was rendered with), the page reloads itself, unless the person is typing into one of its
// forms. An incident's page reloads only when that incident changed: the confirmation of what
// one just did ("Acknowledged: …") stays until there is something new to show.
(function () {
  var body = document.body;
  if (!body.dataset.live || !window.EventSource) return;
  // A reload that follows one's own action (the workflow records more right after an
  // acknowledgement) must not swallow its confirmation: it is carried over for a few seconds.
  var kept = 'fireline.done:' + window.location.pathname;
  restoreConfirmation();
  var typing = false;
  document.addEventListener('input', function () { typing = true; });
  var events = new EventSource('/console/events?since=' + encodeURIComponent(body.dataset.since || ''));
  // Once a form is sent, the page is on its way out: a reload now would cancel the navigation to
  // the form's answer, and with it the confirmation of what was just done (seen on a busy
  // machine: the acknowledgement happened, its "Acknowledged: ..." never showed).
  document.addEventListener('submit', function (e) {
    if (e.defaultPrevented) return;
    typing = true;
    events.close();
  });
  events.addEventListener('changed', function () {
    if (typing) return;
    if (body.dataset.live !== 'incident' || !window.fetch) return reload();
    fetch('/api' + window.location.pathname.substring('/console'.length),
        {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (incident) {
        if (!typing && (!incident || String(incident.version) !== body.dataset.version)) {
          reload();
        }
      }, function () { if (!typing) reload(); });
  });

  function reload() {
    var done = document.querySelector('p.done');
    if (done && window.sessionStorage) {
      sessionStorage.setItem(kept, JSON.stringify({text: done.textContent, at: Date.now()}));
    }
    window.location.reload();
  }

  function restoreConfirmation() {
    if (!window.sessionStorage) return;
    var saved = sessionStorage.getItem(kept);
    sessionStorage.removeItem(kept);
    var flash = document.querySelector('.flash');
    if (!saved || !flash || document.querySelector('p.done')) return;
    saved = JSON.parse(saved);
    if (Date.now() - saved.at > 10000) return;
    var p = document.createElement('p');
    p.className = 'done';
    p.setAttribute('role', 'status');
    p.textContent = saved.text;
    flash.insertBefore(p, flash.firstChild);
  }
})();
