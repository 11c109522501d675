/*
 * AMI Lab embed resizer, for the page that hosts the quiz iframes. Optional: without it an
 * embedded quiz works at the iframe's own height (and scrolls inside it).
 *
 * It finds iframes marked data-ami-quiz, says hello to each (so the quiz learns this page's
 * origin), sets each iframe's height from the quiz's `resize` messages, and re-dispatches every
 * quiz message as a DOM event on the iframe: `ami-quiz:ready`, `ami-quiz:answered`,
 * `ami-quiz:completed`, `ami-quiz:resize` (event.detail is the message).
 * Messages are accepted only from the iframe's own window and origin.
 */
(function () {
  if (window.__amiQuizResizer) return;
  window.__amiQuizResizer = true;

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe[data-ami-quiz]'));
  }
  function originOf(frame) {
    try { return new URL(frame.src, location.href).origin; } catch (e) { return null; }
  }
  function hello(frame) {
    var origin = originOf(frame);
    if (origin && frame.contentWindow) frame.contentWindow.postMessage({ source: 'ami-lab-host', type: 'hello' }, origin);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.source !== 'ami-lab' || data.version !== 1) return;
    var list = frames();
    for (var i = 0; i < list.length; i += 1) {
      var frame = list[i];
      if (frame.contentWindow !== event.source || originOf(frame) !== event.origin) continue;
      if (data.type === 'resize' && typeof data.height === 'number' && data.height > 0) {
        frame.style.height = Math.min(Math.ceil(data.height), 20000) + 'px';
      }
      frame.dispatchEvent(new CustomEvent('ami-quiz:' + data.type, { detail: data }));
    }
  });

  function init() {
    frames().forEach(function (frame) {
      hello(frame);
      frame.addEventListener('load', function () { hello(frame); });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
