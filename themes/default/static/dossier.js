/*
 * dossier.js: progressive enhancement only. Every page works without it.
 *
 * Opened from disk (file:), a link to a directory ("../claims/x/") shows a
 * file listing or nothing, because there is no server to answer with the
 * directory's index.html. So, from disk only, links inside the site that end
 * in "/" are pointed at ".../index.html". Served over http(s), links are left
 * alone: clean directory URLs are what GitHub Pages and `dossier serve` want.
 */
(function () {
  'use strict';

  if (window.location.protocol !== 'file:') {
    return;
  }

  // A scheme ("https:", "mailto:") or "//host" means the link leaves the site.
  var EXTERNAL = /^(?:[a-z][a-z0-9+.\-]*:|\/\/)/i;

  function rewrite(href) {
    if (EXTERNAL.test(href)) {
      return null;
    }
    // Split off "?query" and "#fragment": only the path decides.
    var cut = href.search(/[?#]/);
    var path = cut === -1 ? href : href.slice(0, cut);
    var rest = cut === -1 ? '' : href.slice(cut);
    if (path === '' || path.charAt(path.length - 1) !== '/') {
      return null;
    }
    return path + 'index.html' + rest;
  }

  function fixLinks() {
    var links = document.querySelectorAll('a[href], area[href]');
    for (var i = 0; i < links.length; i++) {
      var fixed = rewrite(links[i].getAttribute('href'));
      if (fixed !== null) {
        links[i].setAttribute('href', fixed);
      }
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', fixLinks);
  } else {
    fixLinks();
  }
})();
