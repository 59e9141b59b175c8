// Fireline console: pages re-render on the server; this only keeps an open page current.
// When any incident changes (server-sent events from /console/events), the page reloads itself,
// unless the person is typing into one of its forms.
(function () {
  if (!document.body.dataset.live || !window.EventSource) return;
  var typing = false;
  document.addEventListener('input', function () { typing = true; });
  var events = new EventSource('/console/events');
  events.addEventListener('changed', function () {
    if (!typing) window.location.reload();
  });
})();
