/*
 * Resizes embedded dashboard charts on a host page that has neither pym.js nor AMP.
 *
 * Include once, from the dashboard's own address, next to one or more iframes whose src
 * is one of that dashboard's embed pages ("embed/<chart>/<area>/"):
 *   <iframe src="https://example.org/dashboard/embed/cla-rate--cla_rate/E06000047/" title="…"></iframe>
 *   <script src="https://example.org/dashboard/embed.js" async></script>
 *
 * It accepts only height messages, in the pym.js ("pymxPYMx<id>xPYMxheightxPYMx<px>") and
 * AMP ({sentinel: "amp", type: "embed-size", height}) formats, only from iframes on this
 * page, and only when the message comes from the dashboard's origin. Iframes with a
 * data-fixed-height attribute keep their height. It reads nothing else and sends nothing.
 */
(function () {
  'use strict';
  if (window.__safeguardingEmbedResizer) return;
  window.__safeguardingEmbedResizer = true;
  var script = document.currentScript;
  var dashboardOrigin = script && script.src ? new URL(script.src, location.href).origin : null;

  function frameFor(source) {
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  function heightFrom(data) {
    if (typeof data === 'string') {
      var parts = data.split('xPYMx');
      if (parts.length === 4 && parts[0] === 'pym' && parts[2] === 'height' && /^\d{1,6}$/.test(parts[3])) {
        return Number(parts[3]);
      }
      return null;
    }
    if (data && typeof data === 'object' && data.sentinel === 'amp' && data.type === 'embed-size') {
      var h = Number(data.height);
      return isFinite(h) ? h : null;
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    var frame = frameFor(event.source);
    if (!frame || frame.hasAttribute('data-fixed-height')) return;
    if (dashboardOrigin && event.origin !== dashboardOrigin) return;
    var height = heightFrom(event.data);
    if (height === null || height < 50 || height > 20000) return;
    frame.style.height = Math.ceil(height) + 'px';
  });
})();
